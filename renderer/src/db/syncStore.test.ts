/** What a console offers its hub, on real Dexie. */
import { describe, expect, it } from 'vitest';

import { encodeHlc } from '@shared/domain/hlc';
import { STORABLE_LIMITS } from '@shared/domain/storable';

import { freshDatabase } from '../testing/renderConsole';
import { openDatabase } from './eventStore';
import { DexieSyncStore, getMembership, joinHub } from './syncStore';
import type { StoredEvent } from './types';

function entry(seq: number, text: unknown) {
  return {
    id: `oooooooo03:${seq}`,
    incidentId: 'oooooooo03:1',
    type: seq === 1 ? 'timeline.entryLogged' : 'incident.fromTheFuture',
    v: seq === 1 ? 1 : 9,
    hlc: encodeHlc({ ms: Date.UTC(2026, 10, 21), counter: seq }),
    deviceId: 'oooooooo03',
    deviceSeq: seq,
    actor: 'Bo',
    occurredAt: '2026-11-21T00:00:00.000Z',
    payload: { kind: 'note', text },
  };
}

const outboxRow = (deviceId: string, deviceSeq: number) => ({ deviceId, deviceSeq, id: `${deviceId}:${deviceSeq}`, queuedAt: deviceSeq });

describe('DexieSyncStore', () => {
  it('never offers the hub an event beyond the storable limits that a console kept before it checked them', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const huge = entry(2, Array.from({ length: 80 }, () => 'x'.repeat(STORABLE_LIMITS.stringChars)));
    // Written as a console before these limits wrote what a file brought it: straight into its log.
    const log: StoredEvent[] = [entry(1, 'fine') as StoredEvent, { ...huge, unknown: 1 } as StoredEvent, { ...entry(3, 'after it'), unknown: 1 } as StoredEvent];
    await db.events.bulkAdd(log);

    const offered = await new DexieSyncStore(db).eventsBeyond({}, 10);

    expect(offered.map((e) => (e as { id: string }).id)).toEqual(['oooooooo03:1', 'oooooooo03:3']);
  });

  it('moves the cursor with the acknowledgement that places its own events right after it, in one step', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await joinHub(db, 'ws://hub.test', 'ABCD-EFGH-JKLM');
    await db.outbox.bulkAdd([outboxRow('oooooooo03', 1), outboxRow('oooooooo03', 2)]);
    const store = new DexieSyncStore(db);

    await store.acknowledge([{ id: 'oooooooo03:1', status: 'accepted', seq: 7 }]);
    expect(await store.cursor()).toBeNull();
    await store.acknowledge([{ id: 'oooooooo03:2', status: 'accepted', seq: 8 }], { epoch: 'e1', seq: 8, id: 'oooooooo03:2' });

    expect(await db.outbox.count()).toBe(0);
    expect((await getMembership(db))?.cursor).toEqual({ epoch: 'e1', seq: 8, id: 'oooooooo03:2' });
  });

  it('takes exactly the acknowledged events off the outbox, whatever their numbers look like as text', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const rows = [...Array.from({ length: 25 }, (_, i) => outboxRow('oooooooo03', i + 1)), outboxRow('oooooooo04', 1), outboxRow('oooooooo04', 2)];
    await db.outbox.bulkAdd(rows);
    const ack = (id: string, status: 'accepted' | 'duplicate' | 'later' | 'rejected') =>
      status === 'later' || status === 'rejected' ? { id, status, reason: 'because' } : { id, status, seq: 1 };

    // 1 to 9 (as text, "10" to "19" sort among them), but 5 must wait for a seal; 20 was refused; the other device's 2.
    await new DexieSyncStore(db).acknowledge([
      ...[1, 2, 3, 4, 6, 7, 8, 9].map((seq) => ack(`oooooooo03:${seq}`, seq % 2 ? 'accepted' : 'duplicate')),
      ack('oooooooo03:5', 'later'),
      ack('oooooooo03:20', 'rejected'),
      ack('oooooooo04:2', 'accepted'),
    ]);

    const left = (await db.outbox.toArray()).map((row) => row.id);
    expect(left).toEqual([
      'oooooooo03:5',
      ...Array.from({ length: 10 }, (_, i) => `oooooooo03:${i + 10}`),
      ...Array.from({ length: 5 }, (_, i) => `oooooooo03:${i + 21}`),
      'oooooooo04:1',
    ]);
  });
});
