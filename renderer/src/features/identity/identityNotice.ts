/**
 * Says so when this console moved to a new identity because its database came
 * back from an older copy (renderer/src/db/identity.ts): once, as an alert that
 * stays until dismissed, then the record of it is cleared.
 */
import { liveQuery } from 'dexie';

import type { WarroomBridge } from '@shared/platform/bridge';

import type { WarroomDatabase } from '../../db/database';
import { claimIdentityChange } from '../../db/identity';
import { t } from '../../i18n/i18n';
import { notify } from '../notices/noticeStore';
import { ROUTES } from '../../app/router';

export function startIdentityNotices(db: WarroomDatabase, platform: WarroomBridge): () => void {
  let stopped = false;
  const subscription = liveQuery(() => db.meta.get('identityChange')).subscribe({
    next: (row) => {
      if (stopped || row?.key !== 'identityChange') return;
      // Cleared first: a second window watching the same database then shows nothing twice.
      void claimIdentityChange(db, row.at).then((mine) => {
        if (!mine) return;
        void notify(platform, {
          tone: 'alert',
          title: t('identity.moved.title'),
          detail: t('identity.moved.detail', { from: row.from ?? '—', to: row.to }),
          route: ROUTES.sync,
        });
      });
    },
    error: (error) => console.error('Watching for a new identity failed.', error),
  });
  return () => {
    stopped = true;
    subscription.unsubscribe();
  };
}
