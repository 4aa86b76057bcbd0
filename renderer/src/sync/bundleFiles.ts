/**
 * Sync bundles: this console's whole log out to a file, and a bundle's events
 * into the log through the same door sync uses (ingestEvents), so bundles
 * merge in any order and carrying the same one twice changes nothing.
 */
import { compareEvents } from '@shared/domain/events';
import { createBundle, openBundle, type BundleProblem } from '@shared/sync/bundle';

import type { WarroomDatabase } from '../db/database';
import { ingestEvents, type Clock, type IngestResult } from '../db/eventStore';
import { sealForLeaving } from '../db/outgoing';

export type BundleExport = { text: string; eventCount: number };

export type ExportBundleOptions = {
  /** The space's bundle key; without one (a console in no space) the bundle is plain, checksummed but not sealed. */
  key?: Uint8Array | null;
  now?: Clock;
};

/**
 * Every event in the log, sealed by its author, including those this build does not understand (a
 * newer console's: passed on, never dropped), as they travel, in causal order.
 */
export async function exportBundle(db: WarroomDatabase, { key = null, now = Date.now }: ExportBundleOptions = {}): Promise<BundleExport> {
  // One read transaction: the bundle is the log at one instant, never half of a write.
  const { stored, deviceId } = await db.transaction('r', [db.events, db.meta], async () => {
    const [stored, device] = await Promise.all([db.events.toArray(), db.device()]);
    return { stored, deviceId: device.deviceId };
  });
  // Sealed by their authors as they leave (this may write this console's new seals, so after the read).
  const events = await sealForLeaving(db, stored);
  events.sort(compareEvents);
  const text = createBundle({ createdAt: new Date(now()).toISOString(), deviceId, events, key });
  return { text, eventCount: events.length };
}

export type ImportBundleOutcome = ({ ok: true; sealed: boolean } & IngestResult) | ({ ok: false } & BundleProblem);

/** Applies a bundle whole, or, when it is refused, writes nothing. A console holding the space's key takes sealed bundles only. */
export async function importBundle(db: WarroomDatabase, text: string, key?: Uint8Array | null, now: Clock = Date.now): Promise<ImportBundleOutcome> {
  const opened = openBundle(text, key);
  if (!opened.ok) return opened;
  const result = await ingestEvents(db, opened.bundle.events, now, 'bundle');
  return { ok: true, sealed: opened.bundle.sealed, ...result };
}
