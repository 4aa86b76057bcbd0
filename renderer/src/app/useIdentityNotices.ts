import { useEffect } from 'react';

import type { WarroomBridge } from '@shared/platform/bridge';

import type { WarroomDatabase } from '../db/database';
import { startIdentityNotices } from '../features/identity/identityNotice';

/** The console (never a wall) says when it moved to a new identity after a restore. */
export function useIdentityNotices(db: WarroomDatabase, platform: WarroomBridge, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    return startIdentityNotices(db, platform);
  }, [db, platform, enabled]);
}
