/** This console's events and those it passes on, as they leave it: sealed by their authors (shared/sync/outgoing.ts). */
import { sealOutgoing } from '@shared/sync/outgoing';
import type { TravellingEvent } from '@shared/sync/chain';

import type { WarroomDatabase } from './database';
import { ensureIdentity, ownSigner } from './identity';
import type { StoredEvent } from './types';

/** How many of an author's next events are read at a time while looking for the seal that covers a cut run. */
const WITNESS_READ = 20;

export async function sealForLeaving(db: WarroomDatabase, events: readonly StoredEvent[], options?: { eachOwn?: boolean }): Promise<TravellingEvent[]> {
  await ensureIdentity(db);
  const device = await db.device();
  return sealOutgoing(events, {
    ownDeviceId: device.deviceId,
    signer: () => ownSigner(db),
    async linksOf(ids) {
      const rows = await db.events.bulkGet([...ids]);
      return new Map(rows.flatMap((row) => (row?.link ? [[row.id, row.link] as const] : [])));
    },
    async eventsAfter(event, limit) {
      const after: StoredEvent[] = [];
      // A few at a time: the author's next seal is usually near.
      for (let from = event.deviceSeq + 1; after.length < limit; from += WITNESS_READ) {
        const count = Math.min(WITNESS_READ, limit - after.length);
        const rows = await db.events.bulkGet(Array.from({ length: count }, (_, i) => `${event.deviceId}:${from + i}`));
        const held = rows.findIndex((row) => !row);
        after.push(...((held < 0 ? rows : rows.slice(0, held)) as StoredEvent[]));
        if (held >= 0 || rows.some((row) => row?.seal || row?.witness)) break;
      }
      return after;
    },
    async saveSeals(seals) {
      await db.transaction('rw', db.events, async () => {
        for (const { id, seal } of seals) await db.events.update(id, { seal });
      });
    },
  }, options);
}
