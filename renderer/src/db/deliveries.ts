/**
 * This console's delivery attempts for the webhook messages it queued. Local
 * bookkeeping, not a projection: it survives rebuilds and never syncs. The one
 * fact that matters across a crash is `inFlight`: written durably before a
 * request leaves, so a restart knows an attempt's outcome is unknown.
 */
import type { WarroomDatabase } from './database';

export type DeliveryRow = {
  messageId: string;
  /**
   * Which run of the message this row counts: '' for the first, the id of the
   * `message.requeued` event for a later one. A row of an older run is stale.
   */
  run: string;
  /** Attempts made in this run. */
  attempts: number;
  /** Not before this instant (epoch ms): the back-off. */
  nextAt: number;
  /** When the attempt now on the wire started; null when none is. */
  inFlight: number | null;
  /** The console stopped while an attempt was on the wire: whether it arrived is unknown. Never resent by itself. */
  uncertain: boolean;
  /** Why the last attempt did not arrive (retrying), or that this platform cannot post (waiting). */
  problem: { kind: 'retry'; reason: string; status: number | null } | { kind: 'waiting' } | null;
};

export function freshDelivery(messageId: string, run: string, now: number): DeliveryRow {
  return { messageId, run, attempts: 0, nextAt: now, inFlight: null, uncertain: false, problem: null };
}

export function deliveryFor(db: WarroomDatabase, messageId: string): Promise<DeliveryRow | undefined> {
  return db.deliveries.get(messageId);
}
