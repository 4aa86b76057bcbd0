import { useEffect } from 'react';

import type { WarroomDatabase } from '../db/database';
import { startWebhookDelivery } from '../sync/webhookDelivery';
import type { WarroomBridge } from '@shared/platform/bridge';

/** The console (never a wall) delivers the webhook messages it queued, for as long as it is open. */
export function useWebhookDelivery(db: WarroomDatabase, platform: WarroomBridge, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    return startWebhookDelivery({ db, bridge: platform, isOnline: () => navigator.onLine });
  }, [db, platform, enabled]);
}
