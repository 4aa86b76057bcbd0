import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, type DomainEvent } from '@shared/domain/events';
import { tickHlc } from '@shared/domain/hlc';
import { foldHypotheses } from '@shared/domain/hypothesis';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { declareIncident, logEntry } from './commands';
import type { WarroomDatabase } from './database';
import { ingestEvents, openDatabase, readStored, rebuildProjections } from './eventStore';
import {
  HypothesisInputError,
  HypothesisMoveError,
  addEvidence,
  editHypothesis,
  keepHypothesisValue,
  moveHypothesis,
  proposeHypothesis,
  recordExperiment,
} from './hypothesisCommands';
import { getHypothesis, listHypotheses, liveHypothesisOwners, recentEntryChoices } from './hypothesisQueries';
import { sealForLeaving } from './outgoing';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
/** A clock that moves on a minute each time it is read, so every write has its own time. */
function clock(start = T0) {
  let now = start;
  return () => (now += 60_000);
}

const draft = { statement: 'The 14:02 config push broke DNS', owner: 'Ana', action: 'Roll back the push', expectation: 'Resolution recovers', timeBox: '20' };

async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

async function setUp() {
  const db = await openFresh();
  const now = clock();
  const incidentId = await declareIncident(db, declareInput, now);
  const id = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft }, now);
  return { db, now, incidentId, id };
}

/** Every event one console holds, as it leaves that console: sealed by their authors. */
async function leaving(from: WarroomDatabase) {
  return sealForLeaving(from, await from.events.toArray());
}

/** Copies every event one console has to another, as sync would. */
async function syncInto(to: WarroomDatabase, from: WarroomDatabase) {
  return ingestEvents(to, await leaving(from));
}

describe('hypothesis commands and projection', () => {
  it('proposes, moves, and records evidence and experiments, each as one event on the outbox', async () => {
    const { db, now, incidentId, id } = await setUp();
    const entry = await logEntry(db, { incidentId, kind: 'observation', text: 'NXDOMAIN spike at 14:03', actor: 'Ada' }, now);
    await moveHypothesis(db, { hypothesisId: id, to: 'testing', actor: 'Ada' }, now);
    await addEvidence(db, { hypothesisId: id, stance: 'for', text: '', entry, actor: 'Ada' }, now);
    await addEvidence(db, { hypothesisId: id, stance: 'against', text: 'Other zones resolve fine', actor: 'Bo' }, now);
    await recordExperiment(db, { hypothesisId: id, result: 'Rolled back; errors stopped', response: 'amplified', actor: 'Ana' }, now);
    await moveHypothesis(db, { hypothesisId: id, to: 'confirmed', actor: 'Ada', reason: 'Rollback fixed it' }, now);

    const summary = (await getHypothesis(db, id))!;
    expect(summary).toMatchObject({ statement: draft.statement, owner: 'Ana', status: 'confirmed', statusReason: 'Rollback fixed it', conflicts: [] });
    expect(summary.probe).toEqual({ action: 'Roll back the push', expectation: 'Resolution recovers', timeBoxMinutes: 20 });
    expect(summary.evidence.map((e) => [e.stance, e.text, e.entry])).toEqual([
      ['for', '', entry],
      ['against', 'Other zones resolve fine', null],
    ]);
    expect(summary.experiments.map((e) => e.response)).toEqual(['amplified']);
    expect(await db.outbox.count()).toBe(await db.events.count());
    const types = (await db.events.toArray()).map((e) => e.type);
    expect(types.filter((type) => type.startsWith('hypothesis.'))).toHaveLength(6);
  });

  it('refuses to reopen a refuted hypothesis without a reason, and writes nothing', async () => {
    const { db, now, id } = await setUp();
    await moveHypothesis(db, { hypothesisId: id, to: 'refuted', actor: 'Ada' }, now);
    const before = await db.events.count();
    for (const reason of [undefined, '', '   \n ']) {
      await expect(moveHypothesis(db, { hypothesisId: id, to: 'testing', actor: 'Ada', ...(reason === undefined ? {} : { reason }) }, now)).rejects.toEqual(
        new HypothesisMoveError('reasonRequired'),
      );
    }
    expect(await db.events.count()).toBe(before);
    expect(await db.outbox.count()).toBe(before);
    expect((await getHypothesis(db, id))!.status).toBe('refuted');

    await moveHypothesis(db, { hypothesisId: id, to: 'testing', actor: 'Ada', reason: 'Errors are back after the second push' }, now);
    expect(await getHypothesis(db, id)).toMatchObject({ status: 'testing', statusReason: 'Errors are back after the second push' });
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const { db, now, incidentId, id } = await setUp();
    const before = await db.events.count();
    await expect(
      proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: ' ', owner: '', timeBox: '20.5' } }, now),
    ).rejects.toMatchObject({ problems: { statement: 'required', owner: 'required', timeBox: 'timeBoxInvalid' } });
    await expect(editHypothesis(db, { hypothesisId: id, actor: 'Ada', draft: { ...draft, statement: 'x'.repeat(501) } }, now)).rejects.toBeInstanceOf(
      HypothesisInputError,
    );
    await expect(addEvidence(db, { hypothesisId: id, stance: 'for', text: ' ', actor: 'Ada' }, now)).rejects.toBeInstanceOf(HypothesisInputError);
    await expect(recordExperiment(db, { hypothesisId: id, result: '', response: 'dampened', actor: 'Ada' }, now)).rejects.toBeInstanceOf(HypothesisInputError);
    await expect(moveHypothesis(db, { hypothesisId: id, to: 'proposed', actor: 'Ada' }, now)).rejects.toEqual(new HypothesisMoveError('unchanged'));
    expect(await db.events.count()).toBe(before);
  });

  it('refuses evidence pointing at an entry of another incident', async () => {
    const { db, now, id } = await setUp();
    const other = await declareIncident(db, { ...declareInput, title: 'Other' }, now);
    const foreign = await logEntry(db, { incidentId: other, kind: 'note', text: 'elsewhere', actor: 'Ada' }, now);
    const before = await db.events.count();
    await expect(addEvidence(db, { hypothesisId: id, stance: 'for', text: 'see', entry: foreign, actor: 'Ada' }, now)).rejects.toMatchObject({
      problems: { entry: 'notAnEntry' },
    });
    expect(await db.events.count()).toBe(before);
  });

  it('keeps hostile text as text, without control characters', async () => {
    const { db, now, incidentId } = await setUp();
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script> =cmd|\' /C calc\'!A0\u0007\u202E';
    const id = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: hostile, owner: '=HYPERLINK("x")' } }, now);
    expect(await getHypothesis(db, id)).toMatchObject({
      statement: '<img src=x onerror=alert(1)><script>alert(2)</script> =cmd|\' /C calc\'!A0',
      owner: '=HYPERLINK("x")',
    });
    await expect(addEvidence(db, { hypothesisId: id, stance: 'for', text: 'a'.repeat(5_000_000), actor: 'Ada' }, now)).rejects.toMatchObject({
      problems: { text: 'tooLong' },
    });
  });

  it('shows changes made on two consoles at once as a conflict, and keeping one settles it everywhere', async () => {
    const { db: a, id } = await setUp();
    const b = await openFresh();
    await syncInto(b, a);
    await editHypothesis(a, { hypothesisId: id, actor: 'Ada', draft: { ...draft, owner: 'Bea' } }, clock(T0 + 600_000));
    await editHypothesis(b, { hypothesisId: id, actor: 'Bo', draft: { ...draft, owner: 'Carl' } }, clock(T0 + 600_000));
    await syncInto(a, b);
    await syncInto(b, a);
    for (const db of [a, b]) {
      const summary = (await getHypothesis(db, id))!;
      expect(summary.conflicts).toEqual(['owner']);
      expect(summary.conflictValues.owner!.map((c) => c.value).sort()).toEqual(['Bea', 'Carl']);
    }
    // Both owners stay "in the room" while it is unresolved.
    expect(await liveHypothesisOwners(a, (await getHypothesis(a, id))!.incidentId)).toEqual(new Set(['bea', 'carl']));

    const carl = (await getHypothesis(a, id))!.conflictValues.owner!.find((c) => c.value === 'Carl')!;
    expect(await keepHypothesisValue(a, { hypothesisId: id, field: 'owner', keepId: carl.id, actor: 'Ada' }, clock(T0 + 900_000))).toBe(true);
    await syncInto(b, a);
    expect(await getHypothesis(b, id)).toMatchObject({ owner: 'Carl', conflicts: [] });
    // Settled already: keeping again writes nothing.
    const count = await a.events.count();
    expect(await keepHypothesisValue(a, { hypothesisId: id, field: 'owner', keepId: carl.id, actor: 'Ada' })).toBe(false);
    expect(await a.events.count()).toBe(count);
  });

  it('rebuilding from the log gives the same rows as projecting change by change', async () => {
    const { db: a, now, incidentId, id } = await setUp();
    const b = await openFresh();
    await syncInto(b, a);
    const second = await proposeHypothesis(a, { incidentId, actor: 'Ada', draft: { ...draft, statement: 'Cache is cold' } }, now);
    await moveHypothesis(a, { hypothesisId: id, to: 'testing', actor: 'Ada' }, now);
    await moveHypothesis(b, { hypothesisId: id, to: 'parked', actor: 'Bo' }, clock(T0 + 120_000));
    await addEvidence(b, { hypothesisId: id, stance: 'against', text: 'no', actor: 'Bo' }, clock(T0 + 180_000));
    await recordExperiment(a, { hypothesisId: second, result: 'Warmed it', response: 'dampened', actor: 'Ada' }, now);
    await syncInto(a, b);

    const incremental = await a.hypotheses.orderBy('id').toArray();
    expect(incremental).toHaveLength(2);
    expect(incremental.find((r) => r.id === id)!.summary!.conflicts).toEqual(['status']);
    await rebuildProjections(a);
    expect(await a.hypotheses.orderBy('id').toArray()).toEqual(incremental);

    // A console that received everything in one batch, in another order, agrees too.
    const c = await openFresh();
    await ingestEvents(c, (await leaving(a)).reverse());
    expect(await c.hypotheses.orderBy('id').toArray()).toEqual(incremental);
  });

  it('lists the board in column order and names the owners of live hypotheses', async () => {
    const { db, now, incidentId, id } = await setUp();
    const parked = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: 'Disk full', owner: ' Zed ' } }, now);
    const testing = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: 'Cert expired', owner: 'Mo' } }, now);
    await moveHypothesis(db, { hypothesisId: parked, to: 'parked', actor: 'Ada' }, now);
    await moveHypothesis(db, { hypothesisId: testing, to: 'testing', actor: 'Ada' }, now);
    expect((await listHypotheses(db, incidentId)).map((h) => [h.statement, h.status])).toEqual([
      [draft.statement, 'proposed'],
      ['Cert expired', 'testing'],
      ['Disk full', 'parked'],
    ]);
    expect(await liveHypothesisOwners(db, incidentId)).toEqual(new Set(['ana', 'mo']));
    await moveHypothesis(db, { hypothesisId: id, to: 'refuted', actor: 'Ada' }, now);
    expect(await liveHypothesisOwners(db, incidentId)).toEqual(new Set(['mo']));
    expect(await liveHypothesisOwners(db, 'nobody:1')).toEqual(new Set());
  });

  it('offers the newest logged entries, as corrected, newest first', async () => {
    const { db, now, incidentId } = await setUp();
    await logEntry(db, { incidentId, kind: 'note', text: 'first', actor: 'Ada' }, now);
    await logEntry(db, { incidentId, kind: 'note', text: 'second', actor: 'Ada' }, now);
    expect((await recentEntryChoices(db, incidentId, 5)).map((c) => c.text)).toEqual(['second', 'first']);
  });

  it('binds a hypothesis to its proposal\'s incident, whatever another incident\'s events say or when they arrive', async () => {
    const { db: a, now, id, incidentId } = await setUp();
    const other = await declareIncident(a, { ...declareInput, title: 'Other' }, now);
    await moveHypothesis(a, { hypothesisId: id, to: 'testing', actor: 'Ada' }, now);
    // A bad peer's events naming the hypothesis from the other incident, clocked before the proposal.
    const mallory = new TestAuthor(5);
    const forge = (seq: number, type: 'hypothesis.changed' | 'hypothesis.evidenceAdded', payload: object) => mallory.sign({
      id: `${mallory.deviceId}:${seq}`,
      incidentId: other,
      type,
      v: CURRENT_VERSION[type],
      hlc: tickHlc(null, T0 - 3_600_000 + seq),
      deviceId: mallory.deviceId,
      deviceSeq: seq,
      actor: 'Mallory',
      occurredAt: new Date(T0 - 3_600_000).toISOString(),
      payload: { target: id, about: draft.statement, ...payload },
    });
    const forged = [
      forge(1, 'hypothesis.changed', { field: 'owner', value: 'Mallory', prev: [id] }),
      forge(2, 'hypothesis.evidenceAdded', { stance: 'against', text: 'forged' }),
    ];
    const genuine = await leaving(a);
    const expected = (await getHypothesis(a, id))!;

    const check = async (db: WarroomDatabase) => {
      const row = (await db.hypotheses.get(id))!;
      expect(row.incidentId).toBe(incidentId);
      expect(row.summary).toEqual(expected);
      expect(await listHypotheses(db, other)).toEqual([]);
      const events = (await db.events.toArray()).flatMap(readStored) as DomainEvent[];
      expect(row.state).toEqual(foldHypotheses(incidentId, events).get(id));
      expect(foldHypotheses(other, events).has(id)).toBe(false);
    };
    // The forged events first, in their own batch; then in one batch before and after the genuine ones.
    const first = await openFresh();
    expect((await ingestEvents(first, forged)).rejected).toEqual([]);
    await ingestEvents(first, genuine);
    await check(first);
    const mixed = await openFresh();
    await ingestEvents(mixed, [...forged, ...genuine.reverse()]);
    await check(mixed);
    const late = await openFresh();
    await ingestEvents(late, [...genuine, ...forged]);
    await check(late);
    await rebuildProjections(late);
    await check(late);
  });
});
