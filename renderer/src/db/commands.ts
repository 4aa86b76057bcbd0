/**
 * What a person can do to an incident, as events. Text is cleaned here (the
 * one place all user input passes); the event schema then has the last word.
 */
import type { DomainEvent, EntryKind, EventOf, EventType, IncidentKind, PayloadOf, Status, Tier } from '@shared/domain/events';
import { checkOccurredAt } from '@shared/domain/occurredAt';
import { tierChangeProblem } from '@shared/domain/serviceLevels';
import type { IncidentField, IncidentFields } from '@shared/domain/incident';
import { priorityOf, type Impact, type Urgency } from '@shared/domain/priority';
import { cleanLine, cleanMultiline } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import { appendLocal, type Clock } from './eventStore';
import { getOrganisation } from './organisation';

/** Records something a person did just now on an incident (the common case: only entries may be backdated). */
export function recordNow<T extends EventType>(
  db: WarroomDatabase,
  type: T,
  incidentId: string,
  actor: string,
  payload: PayloadOf<T>,
  now: Clock,
): Promise<DomainEvent> {
  return appendLocal(db, { type, incidentId, actor: cleanLine(actor), occurredAt: new Date(now()).toISOString(), payload }, now);
}

export type DeclareInput = {
  title: string;
  kind: IncidentKind;
  services: string[];
  impact: Impact;
  urgency: Urgency;
  declaredBy: string;
  drill: boolean;
};

/** Declares an incident, prioritised through the organisation's matrix as it stands; resolves with its id. */
export async function declareIncident(db: WarroomDatabase, input: DeclareInput, now: Clock = Date.now): Promise<string> {
  const declaredBy = cleanLine(input.declaredBy);
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const { settings } = await getOrganisation(db);
    const event = await appendLocal(
      db,
      {
        type: 'incident.declared',
        incidentId: null,
        actor: declaredBy,
        occurredAt: new Date(now()).toISOString(),
        payload: {
          title: cleanLine(input.title),
          kind: input.kind,
          services: input.services.map(cleanLine).filter(Boolean),
          impact: input.impact,
          urgency: input.urgency,
          priority: priorityOf(input.impact, input.urgency, settings.priorityMatrix),
          tier: 'normal',
          declaredBy,
          drill: input.drill,
        },
      },
      now,
    );
    return event.incidentId;
  });
}

/**
 * Sets a mutable field, replacing every value live at the moment of writing.
 * The live values are read inside the write's transaction: a quick second
 * change must replace the first, not race it into a self-made conflict.
 */
export async function changeField<F extends IncidentField>(
  db: WarroomDatabase,
  incidentId: string,
  field: F,
  value: IncidentFields[F],
  actor: string,
  now: Clock = Date.now,
  note?: string,
): Promise<void> {
  const cleanNote = note === undefined ? undefined : cleanMultiline(note);
  await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const summary = (await db.incidents.get(incidentId))?.summary;
    if (!summary) throw new Error(`No incident ${incidentId} on this console`);
    const payload = {
      field,
      value: typeof value === 'string' && field === 'title' ? cleanLine(value) : value,
      prev: summary.heads[field],
      ...(field === 'status' && cleanNote ? { note: cleanNote } : {}),
    } as EventOf<'incident.fieldChanged'>['payload'];
    await recordNow(db, 'incident.fieldChanged', incidentId, actor, payload, now);
  });
}

/** A rule of the domain said no: `problem` names which, for the form to say why. Nothing was written. */
export class RefusedError<P extends string = string> extends Error {
  constructor(readonly problem: P) {
    super(`Refused: ${problem}`);
    this.name = 'RefusedError';
  }
}

export type ChangeTierInput = {
  incidentId: string;
  tier: Tier;
  reason: string;
  decidedBy: string;
  actor: string;
  /** When the decision was taken, if earlier than now: the clock of the new tier starts then. */
  decidedAt?: Date;
};

/** Escalates or de-escalates. The tier is read inside the write, so the refusal reflects what is stored. */
export async function changeTier(db: WarroomDatabase, input: ChangeTierInput, now: Clock = Date.now): Promise<void> {
  const reason = cleanLine(input.reason);
  const decidedBy = cleanLine(input.decidedBy);
  const occurred = input.decidedAt ?? new Date(now());
  const timeProblem = checkOccurredAt(occurred.getTime(), now());
  if (timeProblem) throw new RefusedError(timeProblem);
  await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const summary = (await db.incidents.get(input.incidentId))?.summary;
    if (!summary) throw new Error(`No incident ${input.incidentId} on this console`);
    const problem = tierChangeProblem(summary.tier, input.tier, reason, decidedBy, summary.conflicts.includes('tier'));
    if (problem) throw new RefusedError(problem);
    await appendLocal(
      db,
      {
        type: 'incident.tierChanged',
        incidentId: input.incidentId,
        actor: cleanLine(input.actor),
        occurredAt: occurred.toISOString(),
        payload: { tier: input.tier, reason, decidedBy, prev: summary.heads.tier },
      },
      now,
    );
  });
}

/**
 * New impact and urgency, and the priority the organisation's matrix gives
 * them now. One action, one transaction; each changed field is its own event
 * on the timeline. Whenever impact or urgency is written, the priority is
 * written too (naming its heads), so a merge of two consoles' changes can
 * never show a priority derived from values no longer shown without a
 * conflict saying so. Resolves with whether anything changed.
 */
export async function reprioritise(
  db: WarroomDatabase,
  input: { incidentId: string; impact: Impact; urgency: Urgency; actor: string },
  now: Clock = Date.now,
): Promise<boolean> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const summary = (await db.incidents.get(input.incidentId))?.summary;
    if (!summary) throw new Error(`No incident ${input.incidentId} on this console`);
    const { settings } = await getOrganisation(db);
    const priority = priorityOf(input.impact, input.urgency, settings.priorityMatrix);
    type Change = { field: 'impact' | 'urgency' | 'priority'; value: string };
    const differs = ({ field, value }: Change) => summary[field] !== value || summary.conflicts.includes(field);
    const asked: Change[] = [
      { field: 'impact', value: input.impact },
      { field: 'urgency', value: input.urgency },
    ];
    const changes = asked.filter(differs);
    const priorityChange: Change = { field: 'priority', value: priority };
    if (changes.length > 0 || differs(priorityChange)) changes.push(priorityChange);
    for (const { field, value } of changes) {
      const payload = { field, value, prev: summary.heads[field] } as EventOf<'incident.fieldChanged'>['payload'];
      await recordNow(db, 'incident.fieldChanged', input.incidentId, input.actor, payload, now);
    }
    return changes.length > 0;
  });
}

export function changeStatus(
  db: WarroomDatabase,
  incidentId: string,
  status: Status,
  actor: string,
  now: Clock = Date.now,
): Promise<void> {
  return changeField(db, incidentId, 'status', status, actor, now);
}

export type LogEntryInput = {
  incidentId: string;
  kind: EntryKind;
  text: string;
  actor: string;
  /** When it happened, if earlier than now. */
  occurredAt?: Date;
};

/** An entry as the log will hold it: its author and text cleaned, its time as written. The timeline shows this while it is written. */
export function entryAsLogged(input: LogEntryInput, now: Clock = Date.now) {
  return {
    actor: cleanLine(input.actor),
    occurredAt: (input.occurredAt ?? new Date(now())).toISOString(),
    kind: input.kind,
    text: cleanMultiline(input.text),
  };
}

export async function logEntry(db: WarroomDatabase, input: LogEntryInput, now: Clock = Date.now): Promise<string> {
  const { actor, occurredAt, kind, text } = entryAsLogged(input, now);
  const event = await appendLocal(
    db,
    { type: 'timeline.entryLogged', incidentId: input.incidentId, actor, occurredAt, payload: { kind, text } },
    now,
  );
  return event.id;
}

export type CorrectEntryInput = {
  incidentId: string;
  targetId: string;
  /** The versions the person saw and is replacing. */
  replaces: string[];
  kind: EntryKind;
  text: string;
  actor: string;
};

export async function correctEntry(db: WarroomDatabase, input: CorrectEntryInput, now: Clock = Date.now): Promise<void> {
  const payload = { target: input.targetId, kind: input.kind, text: cleanMultiline(input.text), prev: input.replaces };
  await recordNow(db, 'timeline.entryCorrected', input.incidentId, input.actor, payload, now);
}

export type StrikeEntryInput = { incidentId: string; targetId: string; reason: string; actor: string };

export async function strikeEntry(db: WarroomDatabase, input: StrikeEntryInput, now: Clock = Date.now): Promise<void> {
  const payload = { target: input.targetId, reason: cleanLine(input.reason) };
  await recordNow(db, 'timeline.entryStruck', input.incidentId, input.actor, payload, now);
}
