/** This console's events and those it passes on, as they leave it: sealed by their authors (shared/sync/outgoing.ts). */
import { sealOutgoing } from '@shared/sync/outgoing';
import type { TravellingEvent } from '@shared/sync/chain';

import type { WarroomDatabase } from './database';
import { ensureIdentity, ownSigner } from './identity';
import type { StoredEvent } from './types';

export async function sealForLeaving(db: WarroomDatabase, events: readonly StoredEvent[]): Promise<TravellingEvent[]> {
  await ensureIdentity(db);
  const device = await db.device();
  return sealOutgoing(events, {
    ownDeviceId: device.deviceId,
    signer: () => ownSigner(db),
    async linksOf(ids) {
      const rows = await db.events.bulkGet([...ids]);
      return new Map(rows.flatMap((row) => (row?.link ? [[row.id, row.link] as const] : [])));
    },
    async saveSeals(seals) {
      await db.transaction('rw', db.events, async () => {
        for (const { id, seal } of seals) await db.events.update(id, { seal });
      });
    },
  });
}
