/** The sync indicator's conflict count, on real Dexie: what it counts, and that it reads through the conflict index. */
import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';

import { changeField, changeStatus, declareIncident } from '../../db/commands';
import type { WarroomDatabase } from '../../db/database';
import { ingestEvents, openDatabase, rebuildProjections } from '../../db/eventStore';
import { editHypothesis, keepHypothesisValue, proposeHypothesis } from '../../db/hypothesisCommands';
import { getHypothesis } from '../../db/hypothesisQueries';
import { sealForLeaving } from '../../db/outgoing';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase } from '../../testing/renderConsole';
import { countConflicts } from './syncQueries';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
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

/** Copies every event one console has to another, as sync would: sealed by their authors as they leave. */
async function syncInto(to: WarroomDatabase, from: WarroomDatabase) {
  return ingestEvents(to, await sealForLeaving(from, await from.events.toArray()));
}

/** The same count read the slow way, from every row: what the index must agree with. */
async function countFromEveryRow(db: WarroomDatabase): Promise<number> {
  const [incidents, hypotheses] = await Promise.all([db.incidents.toArray(), db.hypotheses.toArray()]);
  const open = new Set(incidents.filter((row) => row.summary && row.summary.status !== 'closed').map((row) => row.id));
  let count = 0;
  for (const row of incidents) if (open.has(row.id)) count += row.summary!.conflicts.length;
  for (const row of hypotheses) if (open.has(row.incidentId)) count += row.summary?.conflicts.length ?? 0;
  return count;
}

async function markedRows(db: WarroomDatabase) {
  return {
    incidents: (await db.incidents.where('conflicted').equals(1).primaryKeys()).sort(),
    hypotheses: (await db.hypotheses.where('conflicted').equals(1).primaryKeys()).sort(),
  };
}

/**
 * Two consoles, two incidents, one hypothesis each. Both consoles change each incident's title and
 * each hypothesis's owner at once, then sync: four fields in conflict, one per row. A third incident
 * stays quiet.
 */
async function twoConsolesInConflict() {
  const a = await openFresh();
  const now = clock();
  const first = await declareIncident(a, declareInput, now);
  const second = await declareIncident(a, { ...declareInput, title: 'Checkout slow' }, now);
  const quiet = await declareIncident(a, { ...declareInput, title: 'Quiet' }, now);
  const firstHypothesis = await proposeHypothesis(a, { incidentId: first, actor: 'Ada', draft }, now);
  const secondHypothesis = await proposeHypothesis(a, { incidentId: second, actor: 'Ada', draft }, now);
  await proposeHypothesis(a, { incidentId: quiet, actor: 'Ada', draft }, now);
  const b = await openFresh();
  await syncInto(b, a);
  const onA = clock(T0 + 600_000);
  const onB = clock(T0 + 600_000);
  for (const incidentId of [first, second]) {
    await changeField(a, incidentId, 'title', 'Written on A', 'Ada', onA);
    await changeField(b, incidentId, 'title', 'Written on B', 'Bo', onB);
  }
  for (const hypothesisId of [firstHypothesis, secondHypothesis]) {
    await editHypothesis(a, { hypothesisId, actor: 'Ada', draft: { ...draft, owner: 'Bea' } }, onA);
    await editHypothesis(b, { hypothesisId, actor: 'Bo', draft: { ...draft, owner: 'Carl' } }, onB);
  }
  await syncInto(a, b);
  await syncInto(b, a);
  return { a, b, first, second, firstHypothesis, secondHypothesis, later: clock(T0 + 1_200_000) };
}

describe('conflict count', () => {
  it('counts conflicting fields of open incidents and their hypotheses, reading only the marked rows', async () => {
    const { a, b, first, second, firstHypothesis, secondHypothesis } = await twoConsolesInConflict();
    for (const db of [a, b]) {
      expect(await countConflicts(db)).toBe(4);
      expect(await countConflicts(db)).toBe(await countFromEveryRow(db));
      expect(await markedRows(db)).toEqual({ incidents: [first, second].sort(), hypotheses: [firstHypothesis, secondHypothesis].sort() });
    }
  });

  it('drops a conflict once it is resolved, and unmarks its row', async () => {
    const { a, first, firstHypothesis, second, secondHypothesis, later } = await twoConsolesInConflict();
    await changeField(a, first, 'title', 'Agreed', 'Ada', later);
    expect(await countConflicts(a)).toBe(3);
    expect((await markedRows(a)).incidents).toEqual([second]);

    const carl = (await getHypothesis(a, firstHypothesis))!.conflictValues.owner!.find((c) => c.value === 'Carl')!;
    await keepHypothesisValue(a, { hypothesisId: firstHypothesis, field: 'owner', keepId: carl.id, actor: 'Ada' }, later);
    expect(await countConflicts(a)).toBe(2);
    expect((await markedRows(a)).hypotheses).toEqual([secondHypothesis]);
    expect(await countConflicts(a)).toBe(await countFromEveryRow(a));
  });

  it('leaves out closed incidents and their hypotheses, and counts them again once reopened', async () => {
    const { a, first, second, later } = await twoConsolesInConflict();
    await changeStatus(a, second, 'closed', 'Ada', later);
    // Closing writes only the incident row: the hypothesis stays marked, and still must not count.
    expect((await markedRows(a)).hypotheses).toHaveLength(2);
    expect(await countConflicts(a)).toBe(2);
    expect(await countConflicts(a)).toBe(await countFromEveryRow(a));

    await changeStatus(a, first, 'closed', 'Ada', later);
    expect(await countConflicts(a)).toBe(0);

    await changeStatus(a, second, 'monitoring', 'Ada', later);
    expect(await countConflicts(a)).toBe(2);
  });

  it('gives the same count and the same marked rows after rebuilding the projections', async () => {
    const { a, b, second, later } = await twoConsolesInConflict();
    await changeStatus(a, second, 'closed', 'Ada', later);
    const before = { count: await countConflicts(a), marked: await markedRows(a) };
    expect(before.count).toBe(2);
    await rebuildProjections(a);
    expect({ count: await countConflicts(a), marked: await markedRows(a) }).toEqual(before);

    // A console that received everything in one batch agrees.
    await syncInto(b, a);
    expect({ count: await countConflicts(b), marked: await markedRows(b) }).toEqual(before);
  });

  it('updates a live count as conflicts appear, are resolved and their incident closes', async () => {
    const { a, first, second, firstHypothesis, later } = await twoConsolesInConflict();
    const seen: number[] = [];
    const subscription = liveQuery(() => countConflicts(a)).subscribe({ next: (count) => seen.push(count) });
    try {
      const latest = async (count: number) => vi.waitFor(() => expect(seen.at(-1)).toBe(count));
      await latest(4);
      await changeField(a, first, 'title', 'Agreed', 'Ada', later);
      await latest(3);
      // Closing touches only the incident row; the count must still notice for its hypothesis.
      await changeStatus(a, second, 'closed', 'Ada', later);
      await latest(1);
      const carl = (await getHypothesis(a, firstHypothesis))!.conflictValues.owner!.find((c) => c.value === 'Carl')!;
      await keepHypothesisValue(a, { hypothesisId: firstHypothesis, field: 'owner', keepId: carl.id, actor: 'Ada' }, later);
      await latest(0);
      await changeStatus(a, second, 'investigating', 'Ada', later);
      await latest(2);
    } finally {
      subscription.unsubscribe();
    }
  });
});
