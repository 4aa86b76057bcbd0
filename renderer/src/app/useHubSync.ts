import { useEffect } from 'react';

import type { WarroomDatabase } from '../db/database';
import { startHubSync } from '../sync/hubSync';
import { listenForSyncStatus } from '../sync/syncStatus';

/** Every window shows the sync status; one of them (a Web Lock decides) holds the hub connection. */
export function useHubSync(db: WarroomDatabase, app: string): void {
  useEffect(() => {
    listenForSyncStatus();
    return startHubSync({ db, app });
  }, [db, app]);
}
