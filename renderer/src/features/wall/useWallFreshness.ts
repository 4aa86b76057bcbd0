import { useState } from 'react';

import { useSyncStatus, type SyncStatus } from '../../sync/syncStatus';
import { wallFreshness, type WallFreshness } from './wallFreshness';

const isLive = (status: SyncStatus) => status.state === 'synced' || status.state === 'syncing';

/** Whether the wall is live; `now` is the wall's clock tick. */
export function useWallFreshness(now: number): WallFreshness {
  const status = useSyncStatus((s) => s.status);
  // When the status stops being live, that moment is remembered: the wall is stale since then.
  const [seen, setSeen] = useState({ status, liveUntil: null as number | null });
  if (seen.status !== status) setSeen({ status, liveUntil: isLive(seen.status) && !isLive(status) ? now : seen.liveUntil });
  return wallFreshness(status, isLive(status) ? now : seen.liveUntil, now);
}
