import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { buildTimeline } from '@shared/domain/timeline';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { freshDatabase } from '../testing/renderConsole';
import { declareInput } from '../testing/fixtures';
import { declareIncident, logEntry, correctEntry, strikeEntry, changeStatus } from './commands';
import { InvalidEventError, ingestEvents, openDatabase, readStored, rebuildProjections, stripDerived } from './eventStore';
import { sealForLeaving } from './outgoing';
import { amendmentsOf, getIncidentView, listIncidents, timelineLength, timelineSlice } from './queries';
import { PROJECTION_VERSION } from './schema';


/** The timeline's length counted the slow way, straight from the log's index. */
function countTimeline(db: Awaited<ReturnType<typeof openFresh>>, id: string) {
  return db.events.where('[incidentId+tl]').between([id, Dexie.minKey], [id, Dexie.maxKey]).count();
}

async function getIncident(db: Awaited<ReturnType<typeof openFresh>>, id: string) {
  return (await getIncidentView(db, id))?.summary ?? null;
}

async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

describe('event store', () => {
  it('writes event, outbox row, projection and device counter together', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const entry = await logEntry(db, { incidentId: id, kind: 'note', text: 'hello', actor: 'Ada' });
    const device = await db.device();
    expect(id).toBe(`${device.deviceId}:1`);
    expect(entry).toBe(`${device.deviceId}:2`);
    expect(device.seq).toBe(2);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([id, entry]);
    expect(await getIncident(db, id)).toMatchObject({ title: 'Payments down', priority: 'P1', status: 'investigating' });
  });

  it('writes nothing at all when an action is invalid', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const before = { events: await db.events.count(), outbox: await db.outbox.count(), seq: (await db.device()).seq };
    await expect(logEntry(db, { incidentId: id, kind: 'note', text: 'x'.repeat(20_000), actor: 'Ada' })).rejects.toThrow(
      InvalidEventError,
    );
    await expect(declareIncident(db, { ...declareInput, title: '' })).rejects.toThrow(/title: must not be empty/);
    await expect(
      logEntry(db, { incidentId: id, kind: 'note', text: 'ok', actor: 'Ada', occurredAt: new Date('1900-01-01') }),
    ).rejects.toThrow(/occurredAt/);
    expect({ events: await db.events.count(), outbox: await db.outbox.count(), seq: (await db.device()).seq }).toEqual(before);
  });

  it('refuses an entry dated in the future by its own clock, saying so, and writes nothing', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const before = await db.events.count();
    const inAYear = new Date(Date.now() + 365 * 24 * 3_600_000);
    await expect(logEntry(db, { incidentId: id, kind: 'note', text: 'from next year', actor: 'Ada', occurredAt: inAYear })).rejects.toThrow(
      /occurredAt: must not be later than now on this console's clock/,
    );
    expect(await db.events.count()).toBe(before);
    await logEntry(db, { incidentId: id, kind: 'note', text: 'clocks disagree a little', actor: 'Ada', occurredAt: new Date(Date.now() + 30_000) });
    expect(await db.events.count()).toBe(before + 1);
  });

  it('ingests events idempotently, in any order, and reports invalid ones without storing them', async () => {
    const source = await openFresh();
    const id = await declareIncident(source, declareInput);
    for (let i = 0; i < 5; i++) await logEntry(source, { incidentId: id, kind: 'note', text: `e${i}`, actor: 'Ada' });
    await changeStatus(source, id, 'monitoring', 'Ada');
    const events: unknown[] = await sealForLeaving(source, await source.events.toArray());

    const target = await openFresh();
    const reversed = [...events].reverse();
    const first = await ingestEvents(target, [...reversed, { nonsense: true }, events[0]]);
    expect(first).toMatchObject({ added: events.length, duplicates: 1, rejected: [{ index: events.length }] });
    const again = await ingestEvents(target, events);
    expect(again).toMatchObject({ added: 0, duplicates: events.length });
    expect(await target.events.count()).toBe(events.length);
    expect(await target.outbox.count()).toBe(0); // not ours to send
    expect(await getIncident(target, id)).toEqual(await getIncident(source, id));
    expect(await timelineLength(target, id)).toBe(7);
    expect(await timelineLength(target, id)).toBe(await countTimeline(target, id));
  });

  it('keeps events from a newer console and passes them on, without folding them', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const newer = new TestAuthor(26);
    const future = newer.sign({
      id: `${newer.deviceId}:1`,
      incidentId: id,
      type: 'runbook.linked',
      v: 1,
      hlc: encodeHlc({ ms: Date.now(), counter: 0 }),
      deviceId: newer.deviceId,
      deviceSeq: 1,
      actor: 'Bo',
      occurredAt: new Date().toISOString(),
      payload: { text: 'DNS' },
    });
    expect(await ingestEvents(db, [future])).toMatchObject({ added: 1, unknown: 1 });
    const stored = await db.events.get(future.id);
    // Kept as it came, and passed on with its author's seal (a first event's chain is the zero link, left implicit).
    const { chain: _zeroLink, ...held } = future;
    expect(stripDerived(stored!)).toEqual(held);
    expect(await sealForLeaving(db, [stored!])).toEqual([held]);
    expect(readStored(stored!)).toEqual([]);
    expect(await timelineLength(db, id)).toBe(1);
  });

  it('flags events stamped far in the future but keeps them', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const fast = new TestAuthor(25);
    const skewed = fast.sign({
      id: `${fast.deviceId}:1`,
      incidentId: id,
      type: 'timeline.entryLogged',
      v: CURRENT_VERSION['timeline.entryLogged'],
      hlc: encodeHlc({ ms: Date.now() + 48 * 3_600_000, counter: 0 }),
      deviceId: fast.deviceId,
      deviceSeq: 1,
      actor: 'Bo',
      occurredAt: new Date().toISOString(),
      payload: { kind: 'note', text: 'from a fast clock' },
    });
    expect(await ingestEvents(db, [skewed])).toMatchObject({ added: 1, suspectClocks: 1 });
    const device = await db.device();
    expect(device.hlc! < skewed.hlc).toBe(true);
  });

  it('rebuilds projections from the log to exactly what incremental projection produced', async () => {
    const db = await openFresh();
    const a = await declareIncident(db, declareInput);
    const b = await declareIncident(db, { ...declareInput, title: 'Login slow', impact: 'individual', urgency: 'internal' });
    const e1 = await logEntry(db, { incidentId: a, kind: 'note', text: 'one', actor: 'Ada' });
    await logEntry(db, { incidentId: b, kind: 'action', text: 'two', actor: 'Ada' });
    await correctEntry(db, { incidentId: a, targetId: e1, replaces: [e1], kind: 'decision', text: 'one!', actor: 'Ada' });
    await strikeEntry(db, { incidentId: a, targetId: e1, reason: 'dup', actor: 'Ada' });
    await changeStatus(db, b, 'resolved', 'Ada');

    const incidents = await db.incidents.toArray();
    const amendments = await db.amendments.toArray();
    const progress: number[] = [];
    await rebuildProjections(db, (p) => progress.push(p.done));
    expect(await db.incidents.toArray()).toEqual(incidents);
    expect(await db.amendments.toArray()).toEqual(amendments);
    expect(progress.at(-1)).toBe(await db.events.count());
    expect(await timelineLength(db, a)).toBe(await countTimeline(db, a));
    expect(await timelineLength(db, b)).toBe(3);
    expect((await listIncidents(db)).map((i) => i.title)).toEqual(['Payments down', 'Login slow']);
  });

  it('rebuilds projections on open when they were made by another version of the fold', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    await db.incidents.clear();
    await db.meta.put({ key: 'projections', version: PROJECTION_VERSION - 1 });
    db.close();
    await openDatabase(db);
    expect(await getIncident(db, id)).toMatchObject({ title: 'Payments down' });
    expect(await db.meta.get('projections')).toEqual({ key: 'projections', version: PROJECTION_VERSION });
  });

  it('reads any window of the timeline in order, from either end', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 30; i++) {
      await logEntry(db, { incidentId: id, kind: 'note', text: `e${i}`, actor: 'Ada', occurredAt: new Date(base + (30 - i) * 1000) });
    }
    const total = await timelineLength(db, id);
    const whole = await timelineSlice(db, id, 0, total, total);
    const events = (await db.events.toArray()).map(readStored).flat();
    expect(whole.map((e) => e.id)).toEqual(buildTimeline(id, events).map((item) => item.event.id));
    expect((await timelineSlice(db, id, 3, 5, total)).map((e) => e.id)).toEqual(whole.slice(3, 8).map((e) => e.id));
    expect((await timelineSlice(db, id, 25, 10, total)).map((e) => e.id)).toEqual(whole.slice(25).map((e) => e.id));
    expect(await amendmentsOf(db, id)).toEqual(new Map());
  });
});
