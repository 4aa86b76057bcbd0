import { describe, expect, it } from 'vitest';

import { changeField, declareIncident, type DeclareInput } from './commands';
import { openDatabase } from './eventStore';
import { listIncidents, listOpenIncidents, listPastIncidents } from './queries';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';

/** A clock that stands at `day` of November 2026, so declarations have the order a test gives them. */
const onDay = (day: number) => () => Date.UTC(2026, 10, day, 9, 0, 0);

async function declare(db: ReturnType<typeof freshDatabase>, title: string, day: number, input: Partial<DeclareInput> = {}): Promise<string> {
  return declareIncident(db, { ...declareInput, title, ...input }, onDay(day));
}

describe('the incident list, read through its indexes', () => {
  it('gives open incidents most urgent first, then most recent first, and no past one', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await declare(db, 'Minor, older', 1, { impact: 'individual', urgency: 'internal' });
    await declare(db, 'Critical, older', 2);
    await declare(db, 'Critical, newer', 3);
    const over = await declare(db, 'Critical, resolved', 4);
    await changeField(db, over, 'status', 'resolved', 'Ada', onDay(5));

    expect((await listOpenIncidents(db)).map((i) => i.title)).toEqual(['Critical, newer', 'Critical, older', 'Minor, older']);
  });

  it('gives past incidents resolved before closed, each most recent first, whatever their priority, a page at a time with the total', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const ids: Record<string, string> = {};
    for (const [title, day] of [['Closed, old P1', 1], ['Resolved, old', 2], ['Closed, new', 3], ['Resolved, new P5', 4], ['Still open', 5]] as const) {
      ids[title] = await declare(db, title, day, title.includes('P5') ? { impact: 'individual', urgency: 'internal' } : {});
    }
    for (const title of ['Resolved, old', 'Resolved, new P5', 'Closed, old P1', 'Closed, new']) await changeField(db, ids[title]!, 'status', 'resolved', 'Ada', onDay(10));
    for (const title of ['Closed, old P1', 'Closed, new']) await changeField(db, ids[title]!, 'status', 'closed', 'Ada', onDay(11));

    const all = await listPastIncidents(db, 10);
    expect(all.incidents.map((i) => i.title)).toEqual(['Resolved, new P5', 'Resolved, old', 'Closed, new', 'Closed, old P1']);
    expect(all.total).toBe(4);
    const page = await listPastIncidents(db, 3);
    expect(page.incidents.map((i) => i.title)).toEqual(['Resolved, new P5', 'Resolved, old', 'Closed, new']);
    expect(page.total).toBe(4);
    expect((await listIncidents(db)).map((i) => i.title)).toEqual(['Still open', 'Resolved, new P5', 'Resolved, old', 'Closed, new', 'Closed, old P1']);
  });

  it('moves an incident between open and past as its status changes, both ways', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const id = await declare(db, 'Login slow', 1);
    await changeField(db, id, 'status', 'resolved', 'Ada', onDay(2));
    expect(await listOpenIncidents(db)).toEqual([]);
    expect((await listPastIncidents(db, 50)).total).toBe(1);

    // Reopened: the problem came back.
    await changeField(db, id, 'status', 'investigating', 'Ada', onDay(3));
    expect((await listOpenIncidents(db)).map((i) => i.title)).toEqual(['Login slow']);
    expect(await listPastIncidents(db, 50)).toEqual({ incidents: [], total: 0 });
  });
});
