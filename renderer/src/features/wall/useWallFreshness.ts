import { useState } from 'react';

import { useSyncStatus, type SyncStatus } from '../../sync/syncStatus';
import { wallFreshness, type WallFreshness } from './wallFreshness';

const isLive = (status: SyncStatus) => status.state === 'synced' || status.state === 'syncing';

/**
 * Whether the wall is live, and when it last received a change. `data` is the
 * wall's query result (a new object per change); `now` is the wall's clock tick.
 */
export function useWallFreshness(data: unknown, now: number): { freshness: WallFreshness; updatedAt: number } {
  const status = useSyncStatus((s) => s.status);
  const [seen, setSeen] = useState({ data, status, updatedAt: now, liveUntil: null as number | null });
  if (seen.data !== data || seen.status !== status) {
    setSeen({
      data,
      status,
      updatedAt: seen.data !== data ? now : seen.updatedAt,
      liveUntil: isLive(seen.status) && !isLive(status) ? now : seen.liveUntil,
    });
  }
  const lastLiveAt = isLive(status) ? now : seen.liveUntil;
  return { freshness: wallFreshness(status, lastLiveAt, now), updatedAt: seen.updatedAt };
}
