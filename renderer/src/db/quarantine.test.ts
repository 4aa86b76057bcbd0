/**
 * One event a console cannot store or apply never stops it: on real Dexie, the
 * rest of the page is applied, the culprit is set aside with why and from
 * where, and the cursor moves on.
 */
import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { declareIncident } from './commands';
import type { WarroomDatabase } from './database';
import { ingestEvents, openDatabase } from './eventStore';
import { sealForLeaving } from './outgoing';
import { QUARANTINE_RAW_CHARS, listQuarantined, quarantineEvents } from './quarantine';
import { timelineLength } from './queries';
import { DexieSyncStore, joinHub } from './syncStore';

/** Another console. Each test writes its own content under the same numbers, so each has its own instance of it. */
const otherConsole = () => new TestAuthor(17);
const AUTHOR = otherConsole().deviceId;
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

function entry(author: TestAuthor, incidentId: string, seq: number, patch: Record<string, unknown> = {}) {
  return author.sign({
    id: `${AUTHOR}:${seq}`,
    incidentId,
    type: 'timeline.entryLogged',
    v: CURRENT_VERSION['timeline.entryLogged'],
    hlc: encodeHlc({ ms: T0, counter: seq }),
    deviceId: AUTHOR,
    deviceSeq: seq,
    actor: 'Bo',
    occurredAt: new Date(T0).toISOString(),
    payload: { kind: 'note', text: `entry ${seq}` },
    ...patch,
  });
}

/** A declaration whose fold this console fails on: the incidents projection throws when it writes it. */
function breakProjectionOf(db: WarroomDatabase, title: string) {
  db.incidents.hook('creating', (_key, row) => {
    if (row.summary?.title === title) throw new TypeError('the fold could not read this declaration');
  });
}

/** IndexedDB refusing one value, as Chromium does when it cannot clone it. */
function refuseToStore(db: WarroomDatabase, id: string) {
  db.events.hook('creating', (_key, row) => {
    if (row.id === id) throw new DOMException('Failed to execute put on IDBObjectStore: the value could not be cloned.', 'DataCloneError');
  });
}

async function page(db: WarroomDatabase) {
  const incidentId = await declareIncident(db, declareInput);
  const source = await openFresh();
  await declareIncident(source, { ...declareInput, title: 'Poison' });
  const [poison] = await sealForLeaving(source, await source.events.toArray());
  const bo = otherConsole();
  return { incidentId, poison: poison!, events: [entry(bo, incidentId, 1), poison, entry(bo, incidentId, 2)] };
}

describe('quarantine', () => {
  it('applies the rest of a page when one event cannot be applied, sets that one aside and moves the cursor on', async () => {
    const db = await openFresh();
    await joinHub(db, 'ws://hub.test/sync', 'ABCD-EFGH-JKLM', () => T0);
    const { incidentId, poison, events } = await page(db);
    breakProjectionOf(db, 'Poison');

    await new DexieSyncStore(db, () => T0 + 1).applyPage(events, { epoch: 'e1', seq: 3 });

    expect(await timelineLength(db, incidentId)).toBe(3);
    expect(await db.events.get((poison as { id: string }).id)).toBeUndefined();
    expect(await new DexieSyncStore(db).cursor()).toEqual({ epoch: 'e1', seq: 3 });
    expect(await listQuarantined(db)).toEqual([
      {
        key: expect.any(Number),
        id: (poison as { id: string }).id,
        problem: 'unapplicable',
        reason: expect.stringMatching(/TypeError: the fold could not read this declaration/),
        source: 'hub',
        at: T0 + 1,
        raw: JSON.stringify(poison),
        rawChars: JSON.stringify(poison).length,
      },
    ]);
  });

  it('sets aside an event IndexedDB refuses to store, and reports it in the ingest result', async () => {
    const db = await openFresh();
    const { incidentId, events } = await page(db);
    refuseToStore(db, `${AUTHOR}:1`);

    const result = await ingestEvents(db, events, () => T0, 'bundle');

    expect(result).toMatchObject({ added: 2, quarantined: 1, rejected: [] });
    expect(await timelineLength(db, incidentId)).toBe(2);
    expect(await listQuarantined(db)).toMatchObject([{ id: `${AUTHOR}:1`, problem: 'unstorable', reason: /DataCloneError/, source: 'bundle' }]);
  });

  it('keeps what a hub sends that this console refuses, so it shows, and stores none of it in the log', async () => {
    const db = await openFresh();
    const incidentId = await declareIncident(db, declareInput);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = { a: deep };
    const bo = otherConsole();
    const genuine = entry(bo, incidentId, 1);
    // Too deep to be signed or hashed at all: it arrives as a hub would relay it, bare.
    const poison = { ...genuine, id: `${bo.deviceId}:2`, deviceSeq: 2, chain: undefined, seal: undefined, type: 'incident.fromTheFuture', v: 9, payload: deep };

    const result = await ingestEvents(db, [poison, genuine], () => T0, 'hub');

    expect(result).toMatchObject({ added: 1, rejected: [{ index: 0, error: expect.stringMatching(/nested more than 32 levels/) }] });
    expect(await db.events.get(poison.id)).toBeUndefined();
    expect(await listQuarantined(db)).toMatchObject([{ id: poison.id, problem: 'refused', reason: /nested more than 32 levels/, source: 'hub' }]);
  });

  it('records one event once however often it arrives, and keeps a huge one cut short', async () => {
    const db = await openFresh();
    const huge = { id: `${AUTHOR}:9`, blob: 'x'.repeat(QUARANTINE_RAW_CHARS * 2) };
    const record = { raw: huge, id: huge.id, problem: 'unapplicable', reason: 'boom', source: 'file', at: T0 } as const;
    await quarantineEvents(db, [record]);
    await quarantineEvents(db, [{ ...record, at: T0 + 5 }]);
    const rows = await listQuarantined(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw).toHaveLength(QUARANTINE_RAW_CHARS);
    expect(rows[0]!.rawChars).toBe(JSON.stringify(huge).length);

    // Other content under the same id is another record: what a conflict between two contents needs.
    await quarantineEvents(db, [{ ...record, raw: { ...huge, blob: 'other' }, problem: 'conflict', at: T0 + 10 }]);
    expect((await listQuarantined(db)).map((row) => row.problem)).toEqual(['conflict', 'unapplicable']);
  });
});
