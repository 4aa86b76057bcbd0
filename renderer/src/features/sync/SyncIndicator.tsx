/**
 * Always in the app bar: whether this console is in step with its hub, what
 * waits to be sent, and whether anything is in conflict. Words and a sign,
 * never colour alone; a polite live region so a screen reader hears changes.
 */
import { LIMIT_ERROR_CODES } from '@shared/sync/protocol';

import { formatNumber, formatTime, t } from '../../i18n/i18n';
import { useSyncStatus, type SyncStatus } from '../../sync/syncStatus';
import { useSyncFacts } from './syncQueries';
import { ROUTES } from '../../app/router';

const SIGNS: Record<SyncStatus['state'], string> = {
  off: '○',
  connecting: '…',
  syncing: '⇅',
  synced: '✓',
  offline: '⚠',
  refused: '⛔',
};

export function syncStateText(status: SyncStatus): string {
  switch (status.state) {
    case 'off':
      return t('sync.state.off');
    case 'connecting':
      return t('sync.state.connecting');
    case 'syncing':
      return t('sync.state.syncing', { count: formatNumber(status.toSend + status.toReceive) });
    case 'synced':
      return t('sync.state.synced');
    case 'offline':
      return t('sync.state.offline', { time: formatTime(new Date(status.since)).slice(0, 5) });
    case 'refused':
      return LIMIT_ERROR_CODES.has(status.code) ? t('sync.state.limited') : t('sync.state.refused');
  }
}

export function SyncIndicator({ current }: { current: boolean }) {
  const status = useSyncStatus((s) => s.status);
  const facts = useSyncFacts();
  const parts = [syncStateText(status)];
  if (facts && facts.waiting > 0 && status.state !== 'synced' && status.state !== 'syncing') {
    parts.push(t('sync.waiting', { count: formatNumber(facts.waiting) }));
  }
  const conflicts = facts?.conflicts ?? 0;
  const text = parts.join(' · ');
  return (
    <a
      className={`sync-indicator sync-${status.state}${conflicts ? ' sync-conflicted' : ''}`}
      href={ROUTES.sync}
      aria-current={current ? 'page' : undefined}
      aria-label={t('sync.indicatorLabel', { state: conflicts ? `${text} · ${t('sync.conflicts', { count: conflicts })}` : text })}
    >
      <span aria-hidden="true" className="sync-sign">
        {SIGNS[status.state]}
      </span>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {conflicts > 0 && (
        <span className="sync-conflict-count">
          <span aria-hidden="true">⚠ </span>
          {t('sync.conflicts', { count: formatNumber(conflicts) })}
        </span>
      )}
    </a>
  );
}
