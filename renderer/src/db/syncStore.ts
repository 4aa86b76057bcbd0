/**
 * The console's side of sync, kept in its own database: what the hub has not
 * acknowledged (the outbox), where the console is in the hub's log (the
 * cursor), its membership, and events a hub refused. Each method is one
 * transaction, so a crash between any two leaves the console consistent.
 */
import { Dexie } from 'dexie';

import { compareEvents } from '@shared/domain/events';
import { parseEventId } from '@shared/domain/ids';
import { checkStorable } from '@shared/domain/storable';
import type { Ack, Cursor, WelcomeMessage } from '@shared/sync/protocol';
import type { ConsoleSyncStore } from '@shared/sync/syncConnection';
import type { VersionVector } from '@shared/sync/versionVector';

import type { WarroomDatabase } from './database';
import { ingestEvents, stripDerived, type Clock } from './eventStore';
import { takeNewIdentity } from './identity';
import { sealForLeaving } from './outgoing';
import type { StoredEvent, SyncMeta } from './types';

/** How far past a window's end to look for the seal that lets another author's run leave. */
const SEAL_READ_AHEAD = 200;

export async function getMembership(db: WarroomDatabase): Promise<SyncMeta | null> {
  const row = await db.meta.get('sync');
  return row?.key === 'sync' ? row : null;
}

/** Starts a membership: the engine joins with the code on its next connection. */
export async function joinHub(db: WarroomDatabase, hubUrl: string, joinCode: string, now: Clock = Date.now): Promise<void> {
  await db.meta.put({ key: 'sync', hubUrl, joinCode, space: null, spaceName: null, token: null, bundleKey: null, cursor: null, joinedAt: now() });
}

/**
 * Ends the membership. The log and the outbox stay: whatever was not sent
 * goes to the next hub this console joins.
 */
export async function leaveHub(db: WarroomDatabase): Promise<void> {
  await db.meta.delete('sync');
}

/** The ids as runs of consecutive sequence numbers of one device: [device, first, last]. */
function seqRuns(ids: readonly string[]): [string, number, number][] {
  const byDevice = new Map<string, number[]>();
  for (const id of ids) {
    const named = parseEventId(id);
    if (named) byDevice.set(named.deviceId, [...(byDevice.get(named.deviceId) ?? []), named.deviceSeq]);
  }
  const runs: [string, number, number][] = [];
  for (const [device, seqs] of byDevice) {
    seqs.sort((a, b) => a - b);
    for (const seq of seqs) {
      const last = runs[runs.length - 1];
      if (last && last[0] === device && seq <= last[2] + 1) last[2] = Math.max(last[2], seq);
      else runs.push([device, seq, seq]);
    }
  }
  return runs;
}

export class DexieSyncStore implements ConsoleSyncStore {
  constructor(
    private readonly db: WarroomDatabase,
    private readonly now: Clock = Date.now,
  ) {}

  async cursor(): Promise<Cursor | null> {
    return (await getMembership(this.db))?.cursor ?? null;
  }

  async outbox(limit: number): Promise<unknown[]> {
    const { db } = this;
    return db.transaction('r', [db.outbox, db.events], async () => {
      const ids = (await db.outbox.limit(limit).toArray()).map((row) => row.id);
      const events = (await db.events.bulkGet(ids)).filter((e): e is StoredEvent => e !== undefined);
      return events.sort(compareEvents);
    });
  }

  outboxSize(): Promise<number> {
    return this.db.outbox.count();
  }

  async eventsBeyond(vector: VersionVector, limit: number): Promise<unknown[]> {
    const { db } = this;
    const byDevice = () => db.events.where('[deviceId+deviceSeq]');
    return db.transaction('r', [db.events, db.meta], async () => {
      const found: StoredEvent[] = [];
      // Walks device by device: one index seek per device, not a scan of the log.
      let next = await byDevice().above([Dexie.minKey, Dexie.minKey]).first();
      const own = (await db.device()).deviceId;
      while (next && found.length < limit) {
        const device = next.deviceId;
        const range = await byDevice()
          .between([device, (vector[device] ?? 0) + 1], [device, Dexie.maxKey], true, true)
          .limit(limit - found.length)
          .toArray();
        // Another author's run goes on to its next seal: a window without one could never leave this console.
        while (device !== own && range.length && !range[range.length - 1]!.seal) {
          const more = await byDevice()
            .between([device, range[range.length - 1]!.deviceSeq], [device, Dexie.maxKey], false, true)
            .limit(SEAL_READ_AHEAD)
            .toArray();
          if (more.length === 0) break;
          const sealed = more.findIndex((event) => event.seal);
          range.push(...(sealed >= 0 ? more.slice(0, sealed + 1) : more));
          if (sealed >= 0) break;
        }
        found.push(...range);
        next = await byDevice().above([device, Dexie.maxKey]).first();
      }
      // An event beyond what every console can store, kept by a console from before the limits were checked, would
      // be refused by the hub, or break the frame and with it the connection, again and again.
      return found.filter((event) => checkStorable(stripDerived(event)) === null);
    });
  }

  async acknowledge(acks: readonly Ack[], cursor?: Cursor): Promise<void> {
    const { db } = this;
    const refused = acks.filter((ack) => ack.status === 'rejected');
    // The log and the refused are only in the transaction when something was refused: a plain acknowledgement
    // keeps out of the way of everything that reads the log meanwhile.
    await db.transaction('rw', refused.length ? [db.outbox, db.meta, db.refused, db.events] : [db.outbox, db.meta], async () => {
      if (refused.length) {
        // Only events this console holds are kept aside; an id it never wrote is the hub's confusion, not a loss.
        const held = await db.events.bulkGet(refused.map((ack) => ack.id));
        await db.refused.bulkPut(
          refused.filter((_, i) => held[i]).map((ack) => ({ id: ack.id, reason: ack.reason, at: this.now() })),
        );
      }
      // "Later": not kept yet, for want of a seal; it stays in the outbox and leaves again, sealed.
      for (const [deviceId, from, to] of seqRuns(acks.filter((ack) => ack.status !== 'later').map((ack) => ack.id))) {
        await db.outbox.where(':id').between([deviceId, from], [deviceId, to], true, true).delete();
      }
      if (cursor) await this.moveCursor(cursor);
    });
  }

  async applyPage(events: readonly unknown[], cursor: Cursor): Promise<void> {
    const { db } = this;
    // Two transactions, not one: ingesting sets aside an event it cannot apply in transactions of its own, and
    // ingesting is idempotent, so a crash before the cursor moves costs only pulling the page again.
    await ingestEvents(db, events, this.now, 'hub');
    await db.transaction('rw', db.meta, () => this.moveCursor(cursor));
  }

  private async moveCursor(cursor: Cursor): Promise<void> {
    const membership = await getMembership(this.db);
    if (membership) await this.db.meta.put({ ...membership, cursor });
  }

  async prepareOutgoing(events: readonly unknown[]): Promise<unknown[]> {
    return sealForLeaving(this.db, events as StoredEvent[]);
  }

  async ownHistoryAhead(vector: VersionVector): Promise<boolean> {
    const { db } = this;
    const device = await db.device();
    if ((vector[device.deviceId] ?? 0) <= device.seq) return false;
    // The token stays the old identity's until the hub moves it to the new one (SyncMeta.tokenDevice).
    const membership = await getMembership(db);
    if (membership?.token && !membership.tokenDevice) await db.meta.put({ ...membership, tokenDevice: device.deviceId });
    await takeNewIdentity(db, 'restored');
    return true;
  }

  async forgetCursor(): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.meta, async () => {
      const membership = await getMembership(db);
      if (membership) await db.meta.put({ ...membership, cursor: null });
    });
  }

  async saveWelcome(welcome: WelcomeMessage): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.meta, async () => {
      const membership = await getMembership(db);
      if (!membership) return;
      await db.meta.put({
        ...membership,
        joinCode: null,
        space: welcome.space,
        spaceName: welcome.spaceName,
        token: welcome.token ?? membership.token,
        tokenDevice: welcome.token ? (await db.device()).deviceId : membership.tokenDevice,
        bundleKey: welcome.bundleKey ?? membership.bundleKey,
      });
    });
  }
}
