/**
 * Whether a wall can be trusted right now. A wall that syncs through a hub and
 * has lost it shows a stale picture of the incident: it must say so, loudly,
 * rather than look live. A console that does not sync is its own source of
 * truth, so its wall is as fresh as its log.
 */
import type { SyncStatus } from '../../sync/syncStatus';

/** A reconnect this short is a blip, not a stale screen. */
export const RECONNECT_GRACE_MS = 30_000;

export type WallFreshness =
  | { kind: 'live' }
  | { kind: 'local' }
  /** `since`: the last moment the screen was known to be live (null: not since it started). */
  | { kind: 'stale'; since: number | null; stopped: boolean };

export function wallFreshness(status: SyncStatus, lastLiveAt: number | null, now: number): WallFreshness {
  switch (status.state) {
    case 'off':
      return { kind: 'local' };
    case 'synced':
    case 'syncing':
      return { kind: 'live' };
    case 'connecting':
      return lastLiveAt !== null && now - lastLiveAt < RECONNECT_GRACE_MS ? { kind: 'live' } : { kind: 'stale', since: lastLiveAt, stopped: false };
    case 'offline':
      return { kind: 'stale', since: lastLiveAt ?? status.since, stopped: false };
    case 'refused':
      return { kind: 'stale', since: lastLiveAt, stopped: true };
  }
}
