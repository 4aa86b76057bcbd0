/**
 * Roles and engagement, as events. Each command reads the live roster inside
 * its own write transaction (so a quick second change replaces the first
 * rather than conflicting with it), checks the same rules the dialogs show,
 * and writes nothing when a rule refuses: the error names the problem.
 */
import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import type { EngagementStep, EventType, PayloadOf } from '@shared/domain/events';
import {
  engagementOf,
  engagementProblem,
  handOverProblem,
  holdersAfterAssign,
  holdersAfterStandDown,
  nameProblem,
  personKey,
  releaseProblem,
  rolesOf,
  samePerson,
  standDownProblem,
  allHolders,
  uniquePeople,
  type AssignProblem,
  type ReleaseProblem,
  type RoleView,
  type RosterState,
  type StandDownProblem,
} from '@shared/domain/roster';
import { cleanLine, LIMITS } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import { appendLocal, type Clock } from './eventStore';
import { getOrganisation } from './organisation';
import { getRosterState } from './rosterQueries';

export type RosterProblem = AssignProblem | StandDownProblem | ReleaseProblem | 'unknownRole';

/** A change the rules refuse. Nothing was written. */
export class RosterProblemError extends Error {
  constructor(readonly problem: RosterProblem) {
    super(`Refused: ${problem}`);
    this.name = 'RosterProblemError';
  }
}

function refuse(problem: RosterProblem | null): void {
  if (problem) throw new RosterProblemError(problem);
}

type Context = { db: WarroomDatabase; incidentId: string; actor: string; now: Clock };

function inTransaction<T>(db: WarroomDatabase, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], work);
}

function record<T extends EventType>(ctx: Context, type: T, payload: PayloadOf<T>): Promise<unknown> {
  return appendLocal(
    ctx.db,
    { type, incidentId: ctx.incidentId, actor: cleanLine(ctx.actor), occurredAt: new Date(ctx.now()).toISOString(), payload },
    ctx.now,
  );
}

async function readRole(db: WarroomDatabase, incidentId: string, roleId: string): Promise<{ state: RosterState; role: RoleView }> {
  const [state, organisation] = await Promise.all([getRosterState(db, incidentId), getOrganisation(db)]);
  const role = rolesOf(state, organisation.settings.roles).find((r) => r.id === roleId);
  if (!role) throw new RosterProblemError('unknownRole');
  return { state, role };
}

function writeRole(ctx: Context, role: RoleView, holders: string[]): Promise<unknown> {
  return record(ctx, 'role.assigned', {
    role: role.id,
    roleName: role.name,
    holders,
    previousHolders: allHolders(role),
    prev: role.heads,
  });
}

/** Whoever takes a role is on the incident: record them as joined unless they already are. */
async function joinIfNeeded(ctx: Context, state: RosterState, person: string): Promise<void> {
  if (engagementOf(state).get(personKey(person))?.step === 'joined') return;
  await record(ctx, 'participant.engaged', { person, step: 'joined' });
}

export type AssignInput = { incidentId: string; role: string; person: string; actor: string };

/** Gives `person` the role: hands a one-seat role over from its holder, or adds them to a many-seat role. */
export async function assignRole(db: WarroomDatabase, input: AssignInput, now: Clock = Date.now): Promise<void> {
  const person = cleanLine(input.person);
  const ctx = { db, incidentId: input.incidentId, actor: input.actor, now };
  await inTransaction(db, async () => {
    const { state, role } = await readRole(db, input.incidentId, input.role);
    refuse(handOverProblem(role, person));
    await joinIfNeeded(ctx, state, person);
    await writeRole(ctx, role, holdersAfterAssign(role, person));
  });
}

export type StandDownInput = { incidentId: string; role: string; person: string; actor: string };

/** `person` leaves the role with nobody in their place (never the commander's: that is a handover). */
export async function standDown(db: WarroomDatabase, input: StandDownInput, now: Clock = Date.now): Promise<void> {
  const person = cleanLine(input.person);
  const ctx = { db, incidentId: input.incidentId, actor: input.actor, now };
  await inTransaction(db, async () => {
    const { role } = await readRole(db, input.incidentId, input.role);
    refuse(standDownProblem(role, person));
    await writeRole(ctx, role, holdersAfterStandDown(role, person));
  });
}

export type KeepInput = { incidentId: string; role: string; holders: string[]; actor: string };

/** Settles a conflict: the kept value replaces every live one. */
export async function keepRoleHolders(db: WarroomDatabase, input: KeepInput, now: Clock = Date.now): Promise<void> {
  const holders = uniquePeople(input.holders.map(cleanLine).filter(Boolean));
  const ctx = { db, incidentId: input.incidentId, actor: input.actor, now };
  await inTransaction(db, async () => {
    const { role } = await readRole(db, input.incidentId, input.role);
    if (role.seats === 'one' && holders.length > 1) refuse('tooManyHolders');
    if (holders.length > LIMITS.holders) refuse('tooManyHolders');
    for (const name of holders) refuse(nameProblem(name));
    if (role.id === COMMANDER_ROLE && holders.length === 0) refuse('commanderNeedsSuccessor');
    await writeRole(ctx, role, holders);
  });
}

export type StepInput = { incidentId: string; person: string; step: Exclude<EngagementStep, 'released'>; actor: string };

/** Records that someone was paged, acknowledged or joined. */
export async function recordStep(db: WarroomDatabase, input: StepInput, now: Clock = Date.now): Promise<void> {
  const person = cleanLine(input.person);
  const ctx = { db, incidentId: input.incidentId, actor: input.actor, now };
  await inTransaction(db, async () => {
    const state = await getRosterState(db, input.incidentId);
    refuse(engagementProblem(engagementOf(state).get(personKey(person)), person, input.step));
    await record(ctx, 'participant.engaged', { person, step: input.step });
  });
}

export type ReleaseInput = {
  incidentId: string;
  person: string;
  reason: string;
  /** Who takes command, when the person released holds it. */
  successor?: string;
  actor: string;
};

/**
 * Releases someone from the incident, in one transaction: command passes to the
 * successor first (if they held it), every other role they hold is left, then
 * the release itself, with its reason.
 */
export async function releasePerson(db: WarroomDatabase, input: ReleaseInput, now: Clock = Date.now): Promise<void> {
  const person = cleanLine(input.person);
  const reason = cleanLine(input.reason);
  const successor = cleanLine(input.successor ?? '');
  const ctx = { db, incidentId: input.incidentId, actor: input.actor, now };
  await inTransaction(db, async () => {
    const [state, organisation] = await Promise.all([getRosterState(db, input.incidentId), getOrganisation(db)]);
    const roles = rolesOf(state, organisation.settings.roles);
    const held = roles.filter((role) => allHolders(role).some((name) => samePerson(name, person)));
    const commander = held.find((role) => role.id === COMMANDER_ROLE);
    refuse(releaseProblem({ engagement: engagementOf(state).get(personKey(person)), person, reason, holdsCommander: !!commander, successor }));
    if (commander) {
      await joinIfNeeded(ctx, state, successor);
      // In a disputed command, the successor replaces the person released and keeps any other claimant out: command is one seat.
      await writeRole(ctx, commander, [successor]);
    }
    for (const role of held) if (role !== commander) await writeRole(ctx, role, holdersAfterStandDown(role, person));
    await record(ctx, 'participant.engaged', { person, step: 'released', reason });
  });
}
