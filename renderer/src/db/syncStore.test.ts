/** What a console offers its hub, on real Dexie. */
import { describe, expect, it } from 'vitest';

import { encodeHlc } from '@shared/domain/hlc';
import { STORABLE_LIMITS } from '@shared/domain/storable';

import { freshDatabase } from '../testing/renderConsole';
import { openDatabase } from './eventStore';
import { DexieSyncStore } from './syncStore';
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
});
