/** Sync: where this console stands with its hub, joining and leaving one, hosting one, and bundle files. */
import { useState } from 'react';

import { useDatabase } from '../../app/DatabaseContext';
import { leaveHub } from '../../db/syncStore';
import type { SyncMeta } from '../../db/types';
import { formatNumber, formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useSyncStatus, type SyncStatus } from '../../sync/syncStatus';
import { FileWorkButton } from '../exchange/FileButtons';
import { notify } from '../notices/noticeStore';
import { saveBundle, importBundleFile } from './bundleWork';
import { JoinForm } from './JoinForm';
import { LanHubPanel } from './LanHubPanel';
import { QuarantineList } from './QuarantineList';
import { useSyncFacts, type SyncFacts } from './syncQueries';

function statusText(status: SyncStatus, facts: SyncFacts): string {
  const hub = facts.membership?.hubUrl ?? '';
  switch (status.state) {
    case 'off':
      return facts.membership ? t('sync.status.connecting', { hub }) : t('sync.status.off');
    case 'connecting':
      return t('sync.status.connecting', { hub });
    case 'syncing':
      return t('sync.status.syncing', { toSend: formatNumber(status.toSend), toReceive: formatNumber(status.toReceive) });
    case 'synced':
      return t('sync.status.synced', { time: formatTime(new Date(status.at)) });
    case 'offline':
      return facts.waiting
        ? t('sync.status.offline', { time: formatTime(new Date(status.since)), count: formatNumber(facts.waiting) })
        : t('sync.status.offlineNothingWaiting', { time: formatTime(new Date(status.since)) });
    case 'refused':
      switch (status.code) {
        case 'tooManyAttempts':
        case 'tooManyConnections':
        case 'quotaExceeded':
          return t(`sync.status.limit.${status.code}`, { message: status.message });
        default:
          return t('sync.status.refused', { message: status.message });
      }
  }
}

function Membership({ membership }: { membership: SyncMeta }) {
  const db = useDatabase();
  const platform = usePlatform();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="sync-section" aria-labelledby="sync-member-heading">
      <h2 id="sync-member-heading">{t('sync.member.heading')}</h2>
      <dl className="sync-facts">
        <dt>{t('sync.member.address')}</dt>
        <dd>
          <code>{membership.hubUrl}</code>
        </dd>
        <dt>{t('sync.member.space')}</dt>
        <dd>{membership.spaceName ?? t('sync.member.spacePending')}</dd>
      </dl>
      {confirming ? (
        <div role="group" aria-label={t('sync.member.leaveConfirm')} className="sync-confirm">
          <p>{t('sync.member.leaveConfirm')}</p>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              void leaveHub(db).then(() => notify(platform, { tone: 'info', title: t('sync.member.left') }));
              setConfirming(false);
            }}
          >
            {t('sync.member.leaveYes')}
          </button>{' '}
          <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
            {t('sync.member.leaveNo')}
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('sync.member.leave')}
        </button>
      )}
    </section>
  );
}

function Bundles() {
  return (
    <section className="sync-section" aria-labelledby="sync-bundle-heading">
      <h2 id="sync-bundle-heading">{t('sync.bundle.heading')}</h2>
      <p className="hint">{t('sync.bundle.hint')}</p>
      <div className="sync-actions">
        <FileWorkButton work="export" label="sync.bundle.export" busyLabel="sync.bundle.exporting" className="button" run={saveBundle} />
        <FileWorkButton work="import" label="sync.bundle.import" busyLabel="sync.bundle.importing" className="button" run={importBundleFile} />
      </div>
    </section>
  );
}

export function SyncPage() {
  const facts = useSyncFacts();
  const status = useSyncStatus((s) => s.status);
  const platform = usePlatform();
  if (!facts) return null;
  return (
    <section className="page sync-page" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.title')}</h1>
      <p className="hint">{t('sync.intro')}</p>
      <section className="sync-section" aria-labelledby="sync-status-heading">
        <h2 id="sync-status-heading">{t('sync.status.heading')}</h2>
        <p className={`sync-status sync-${status.state}`} role="status">
          {statusText(status, facts)}
        </p>
        {facts.refused.length > 0 && (
          <div className="sync-refused">
            <p>{t('sync.status.refusedEvents', { count: formatNumber(facts.refused.length) })}</p>
            <ul>
              {facts.refused.slice(0, 10).map((row) => (
                <li key={row.id}>{t('sync.status.refusedReason', { id: row.id, reason: row.reason })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <QuarantineList rows={facts.quarantined} count={facts.quarantinedCount} />
      {facts.membership ? (
        <Membership membership={facts.membership} />
      ) : (
        <section className="sync-section">
          <JoinForm onJoined={(hub) => void notify(platform, { tone: 'info', title: t('sync.join.started', { hub }) })} />
        </section>
      )}
      <LanHubPanel />
      <Bundles />
    </section>
  );
}
