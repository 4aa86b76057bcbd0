import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE, DEFAULT_ROLES } from '@shared/domain/catalogues';
import { CURRENT_VERSION, type EventType, type PayloadOf } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { declareIncident } from './commands';
import { appendLocal, ingestEvents, openDatabase, rebuildProjections } from './eventStore';
import { changeSetting } from './organisation';
import { RosterProblemError, assignRole, keepRoleHolders, recordStep, releasePerson, standDown } from './rosterCommands';
import { getCommander, getRosterView } from './rosterQueries';

const START = Date.UTC(2026, 10, 21, 12, 0, 0);
/** A clock standing at `minutes` after the start. */
const at = (minutes: number) => () => START + minutes * 60_000;

async function setup() {
  const db = freshDatabase();
  await openDatabase(db);
  const now = at(0);
  const incidentId = await declareIncident(db, declareInput, now);
  return { db, incidentId, now };
}

const otherConsole = new TestAuthor(9);
const thirdConsole = new TestAuthor(8);
/** The last sequence number each author has written (an author's numbers run on across the tests, never reused). */
const lastSeq = new Map<TestAuthor, number>();
/** An event written by another console, as sync would deliver it: signed by its author. */
function foreign<T extends EventType>(incidentId: string, type: T, payload: PayloadOf<T>, ms: number, author = otherConsole) {
  const seq = (lastSeq.get(author) ?? 0) + 1;
  lastSeq.set(author, seq);
  return author.sign({
    id: `${author.deviceId}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type],
    hlc: encodeHlc({ ms, counter: 0 }),
    deviceId: author.deviceId,
    deviceSeq: seq,
    actor: 'Other console',
    occurredAt: new Date(ms).toISOString(),
    payload,
  });
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterProblemError);
  return (error as RosterProblemError).problem;
}

describe('roster commands', () => {
  it('assigning a role to someone not engaged records them as joined in the same transaction', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: '  Ana  ', actor: 'Ada' }, now);
    const events = await db.events.where('incidentId').equals(incidentId).sortBy('hlc');
    expect(events.map((e) => e.type)).toEqual(['incident.declared', 'participant.engaged', 'role.assigned']);
    expect(events[1]!.payload).toEqual({ person: 'Ana', step: 'joined' });
    expect(events[2]!.payload).toEqual({ role: COMMANDER_ROLE, roleName: 'Incident commander', holders: ['Ana'], previousHolders: [], prev: [] });
    expect(await db.outbox.count()).toBe(3);
    const view = await getRosterView(db, incidentId);
    expect(view.commander).toEqual({ roleName: 'Incident commander', holders: ['Ana'], conflict: false });
    expect(view.people).toMatchObject([{ name: 'Ana', step: 'joined', roles: ['Incident commander'], couldRelease: false }]);
    // Already engaged: no second join.
    await assignRole(db, { incidentId, role: 'scribe', person: 'ana', actor: 'Ada' }, now);
    expect(await db.events.count()).toBe(4);
  });

  it('hands a role over, naming what it replaced, and refuses a hand-over to nobody without writing anything', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    const before = await db.events.count();
    for (const nobody of ['', '   ', '\u0007\u0000', '\n\t']) {
      expect(await refusal(assignRole(db, { incidentId, role: COMMANDER_ROLE, person: nobody, actor: 'Ada' }, now))).toBe('nameRequired');
    }
    expect(await refusal(assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'x'.repeat(1024 * 1024), actor: 'Ada' }, now))).toBe('nameTooLong');
    expect(await refusal(assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'ANA', actor: 'Ada' }, now))).toBe('alreadyHolds');
    expect(await db.events.count()).toBe(before);
    expect(await db.outbox.count()).toBe(before);

    const first = (await db.events.filter((e) => e.type === 'role.assigned').first())!;
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Bo', actor: 'Ada' }, now);
    const handover = (await db.events.filter((e) => e.type === 'role.assigned').sortBy('hlc')).at(-1)!;
    expect(handover.payload).toMatchObject({ holders: ['Bo'], previousHolders: ['Ana'], prev: [first.id] });
    expect((await getCommander(db, incidentId)).holders).toEqual(['Bo']);
  });

  it('refuses to release the commander without a successor, or anyone without a reason; with both, command passes first', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    await assignRole(db, { incidentId, role: 'scribe', person: 'Ana', actor: 'Ada' }, now);
    const before = await db.events.count();
    expect(await refusal(releasePerson(db, { incidentId, person: 'Ana', reason: 'shift over', actor: 'Ada' }, now))).toBe('commanderNeedsSuccessor');
    expect(await refusal(releasePerson(db, { incidentId, person: 'Ana', reason: 'shift over', successor: ' ana ', actor: 'Ada' }, now))).toBe('successorIsReleased');
    expect(await refusal(releasePerson(db, { incidentId, person: 'Ana', reason: '  ', successor: 'Bo', actor: 'Ada' }, now))).toBe('reasonRequired');
    expect(await refusal(releasePerson(db, { incidentId, person: 'Ana', reason: 'x'.repeat(1001), successor: 'Bo', actor: 'Ada' }, now))).toBe('reasonTooLong');
    expect(await refusal(standDown(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now))).toBe('commanderNeedsSuccessor');
    expect(await refusal(keepRoleHolders(db, { incidentId, role: COMMANDER_ROLE, holders: [], actor: 'Ada' }, now))).toBe('commanderNeedsSuccessor');
    expect(await db.events.count()).toBe(before);

    await releasePerson(db, { incidentId, person: 'Ana', reason: 'shift over', successor: 'Bo', actor: 'Ada' }, now);
    const written = (await db.events.where('incidentId').equals(incidentId).sortBy('hlc')).slice(before);
    expect(written.map((e) => [e.type, e.payload])).toEqual([
      ['participant.engaged', { person: 'Bo', step: 'joined' }],
      ['role.assigned', expect.objectContaining({ role: COMMANDER_ROLE, holders: ['Bo'], previousHolders: ['Ana'] })],
      ['role.assigned', expect.objectContaining({ role: 'scribe', holders: [], previousHolders: ['Ana'] })],
      ['participant.engaged', { person: 'Ana', step: 'released', reason: 'shift over' }],
    ]);
    const view = await getRosterView(db, incidentId);
    expect(view.commander.holders).toEqual(['Bo']);
    expect(view.people.map((p) => [p.name, p.step, p.roles])).toEqual([
      ['Bo', 'joined', ['Incident commander']],
      ['Ana', 'released', []],
    ]);
  });

  it('walks engagement step by step with a time for each, refuses steps out of turn, and pages again after release', async () => {
    const { db, incidentId, now } = await setup();
    await recordStep(db, { incidentId, person: 'Cy', step: 'paged', actor: 'Ada' }, at(1));
    expect(await refusal(recordStep(db, { incidentId, person: 'Dee', step: 'acknowledged', actor: 'Ada' }, now))).toBe('notPaged');
    await recordStep(db, { incidentId, person: 'cy', step: 'acknowledged', actor: 'Ada' }, at(3));
    await recordStep(db, { incidentId, person: 'Cy', step: 'joined', actor: 'Ada' }, at(4));
    expect(await refusal(recordStep(db, { incidentId, person: 'Cy', step: 'paged', actor: 'Ada' }, at(5)))).toBe('alreadyFurther');
    let cy = (await getRosterView(db, incidentId)).people[0]!;
    expect(cy).toMatchObject({ name: 'Cy', step: 'joined', couldRelease: true, cycle: 1 });
    expect([cy.pagedAt, cy.acknowledgedAt, cy.joinedAt].map((t) => (Date.parse(t!) - START) / 60_000)).toEqual([1, 3, 4]);
    await releasePerson(db, { incidentId, person: 'Cy', reason: 'not needed for DNS', actor: 'Ada' }, at(30));
    await recordStep(db, { incidentId, person: 'Cy', step: 'paged', actor: 'Ada' }, at(90));
    cy = (await getRosterView(db, incidentId)).people[0]!;
    expect(cy).toMatchObject({ step: 'paged', cycle: 2, joinedAt: null, releasedAt: null });
  });

  it('keeps hostile text as inert, cleaned text', async () => {
    const { db, incidentId, now } = await setup();
    const names = ['<script>alert(1)</script>', "=cmd|' /C calc'!A0", 'Eve\u202Egnp.exe', 'Mal\u0000lory'];
    for (const person of names) await recordStep(db, { incidentId, person, step: 'paged', actor: 'Ada' }, now);
    const stored = (await db.events.filter((e) => e.type === 'participant.engaged').toArray()).map((e) => (e.payload as { person: string }).person);
    expect(stored).toEqual(['<script>alert(1)</script>', "=cmd|' /C calc'!A0", 'Evegnp.exe', 'Mallory']);
  });

  it('settles two consoles assigning the same role at once only when someone keeps a value', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    const base = (await db.events.filter((e) => e.type === 'role.assigned').first())!;
    // Both consoles saw Ana and handed over at the same moment, to different people.
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Bo', actor: 'Ada' }, now);
    await ingestEvents(db, [
      foreign(incidentId, 'role.assigned', { role: COMMANDER_ROLE, roleName: 'Incident commander', holders: ['Cy'], previousHolders: ['Ana'], prev: [base.id] }, START + 5 * 60_000),
    ]);
    let view = await getRosterView(db, incidentId);
    const commander = view.roles.find((r) => r.id === COMMANDER_ROLE)!;
    expect(commander.conflict?.map((c) => c.holders)).toEqual(expect.arrayContaining([['Bo'], ['Cy']]));
    expect(view.commander).toMatchObject({ conflict: true, holders: expect.arrayContaining(['Bo', 'Cy']) });
    // Both disputed holders count as holding it: neither is offered for release.
    expect(view.people.filter((p) => p.couldRelease).map((p) => p.name)).not.toContain('Cy');

    await keepRoleHolders(db, { incidentId, role: COMMANDER_ROLE, holders: ['Cy'], actor: 'Ada' }, now);
    view = await getRosterView(db, incidentId);
    expect(view.commander).toEqual({ roleName: 'Incident commander', holders: ['Cy'], conflict: false });
    const kept = (await db.events.filter((e) => e.type === 'role.assigned').sortBy('hlc')).at(-1)!;
    expect((kept.payload as { prev: string[] }).prev).toHaveLength(2);
  });

  it('does not offer for release anyone who owns a live hypothesis', async () => {
    const { db, incidentId, now } = await setup();
    await recordStep(db, { incidentId, person: 'Dee', step: 'joined', actor: 'Ada' }, now);
    await recordStep(db, { incidentId, person: 'Eli', step: 'joined', actor: 'Ada' }, now);
    await appendLocal(db, {
      type: 'hypothesis.proposed',
      incidentId,
      actor: 'Ada',
      occurredAt: new Date(now()).toISOString(),
      payload: { statement: 'DNS TTL too long', owner: 'dee', probe: { action: '', expectation: '', timeBoxMinutes: 15 } },
    }, now);
    const view = await getRosterView(db, incidentId);
    expect(view.people.map((p) => [p.name, p.couldRelease, p.ownsLiveHypothesis])).toEqual([
      ['Dee', false, true],
      ['Eli', true, false],
    ]);
  });

  it('still shows a role that has left the catalogue, under the name it had when assigned', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: 'business', person: 'Fay', actor: 'Ada' }, now);
    await changeSetting(db, 'roles', DEFAULT_ROLES.filter((r) => r.id !== 'business'), 'Ada', now);
    const role = (await getRosterView(db, incidentId)).roles.find((r) => r.id === 'business');
    expect(role).toMatchObject({ name: 'Business liaison', inCatalogue: false, holders: [{ name: 'Fay' }] });
  });
});

describe('roster projection', () => {
  it('rebuilt from the log equals the one kept up to date event by event, whatever order sync delivered', async () => {
    const { db, incidentId, now } = await setup();
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    await recordStep(db, { incidentId, person: 'Bo', step: 'paged', actor: 'Ada' }, now);
    await assignRole(db, { incidentId, role: 'expert', person: 'Bo', actor: 'Ada' }, now);
    await assignRole(db, { incidentId, role: 'expert', person: 'Cy', actor: 'Ada' }, now);
    await releasePerson(db, { incidentId, person: 'Cy', reason: 'wrong team', actor: 'Ada' }, now);
    // Another console's events, delivered newest first.
    const theirs = [
      foreign(incidentId, 'participant.engaged', { person: 'Dee', step: 'joined' }, START + 2 * 60_000, thirdConsole),
      foreign(incidentId, 'participant.engaged', { person: 'Dee', step: 'paged' }, START + 60_000, thirdConsole),
      foreign(incidentId, 'role.assigned', { role: 'scribe', roleName: 'Scribe', holders: ['Dee'], previousHolders: [], prev: [] }, START + 3 * 60_000, thirdConsole),
    ];
    await ingestEvents(db, theirs);
    const incremental = await db.rosters.toArray();
    const viewBefore = await getRosterView(db, incidentId);
    await rebuildProjections(db);
    expect(await db.rosters.toArray()).toEqual(incremental);
    expect(await getRosterView(db, incidentId)).toEqual(viewBefore);
    expect(viewBefore.people.find((p) => p.name === 'Dee')).toMatchObject({ step: 'joined', roles: ['Scribe'] });
  });

  it('an incident with no roster events has no commander and nobody engaged', async () => {
    const { db, incidentId } = await setup();
    expect(await getCommander(db, incidentId)).toEqual({ roleName: 'Incident commander', holders: [], conflict: false });
    const view = await getRosterView(db, incidentId);
    expect(view.people).toEqual([]);
    expect(view.roles.map((r) => r.id)).toEqual(DEFAULT_ROLES.map((r) => r.id));
  });
});
