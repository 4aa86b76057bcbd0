import { memo, useId, type KeyboardEvent } from 'react';

import type { AlertState } from '@shared/domain/alerts';
import { incidentRoute } from '@shared/platform/routes';

import { formatDateTime, formatNumber, formatRelative, formatTime, t } from '../../i18n/i18n';
import { isSilenced } from '../../db/alertQueries';
import type { AlertGroupRow } from '../../db/types';
import { SeverityBadge } from './SeverityBadge';

export type GroupAction = 'declare' | 'attach' | 'acknowledge' | 'silence';

/** One key a group action, said on its button and in the page's hint. */
export const ACTION_KEYS: Record<GroupAction, string> = { declare: 'd', attach: 'a', acknowledge: 'k', silence: 's' };
const ACTIONS: GroupAction[] = ['declare', 'attach', 'acknowledge', 'silence'];

type Props = {
  group: AlertGroupRow;
  now: number;
  onAction: (action: GroupAction) => void;
  onMove: (from: HTMLElement, step: 1 | -1) => void;
};

/**
 * Drawn again only when its group changed (a busy inbox changes one group at a time), or the minute
 * moved on: every live-query result brings every group's row anew, most of them as they were.
 */
export const AlertGroupCard = memo(GroupCard, (before, after) => before.now === after.now && sameGroup(before.group, after.group));

function sameGroup(a: AlertGroupRow, b: AlertGroupRow): boolean {
  return (
    a.id === b.id &&
    a.lastAt === b.lastAt &&
    a.firstAt === b.firstAt &&
    a.firingCount === b.firingCount &&
    a.alertCount === b.alertCount &&
    a.severity === b.severity &&
    a.title === b.title &&
    a.acknowledged?.order === b.acknowledged?.order &&
    a.silenced?.order === b.silenced?.order &&
    a.incident?.order === b.incident?.order &&
    Object.values(a.alerts).every((alert) => b.alerts[alert.key]?.latest === alert.latest && b.alerts[alert.key]?.count === alert.count)
  );
}

/** An alert group: what it is, how long it has been going, who took it on, and what can be done with it. */
function GroupCard({ group, now, onAction, onMove }: Props) {
  const headingId = useId();
  const alerts = Object.values(group.alerts).sort((a, b) => (a.status === b.status ? (a.lastAt < b.lastAt ? 1 : -1) : a.status === 'firing' ? -1 : 1));
  const silenced = isSilenced(group, now);
  const attached = group.incident !== null;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      onMove(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const action = ACTIONS.find((a) => ACTION_KEYS[a] === event.key.toLowerCase());
    if (!action || (attached && (action === 'declare' || action === 'attach'))) return;
    event.preventDefault();
    event.stopPropagation();
    onAction(action);
  };

  return (
    <li className={`alert-group severity-${group.severity}${group.firing ? '' : ' is-resolved'}`}>
      <article aria-labelledby={headingId} tabIndex={0} data-alert-group={group.id} onKeyDown={onKeyDown} aria-keyshortcuts="D A K S ArrowUp ArrowDown">
        <header className="alert-group-header">
          <SeverityBadge severity={group.severity} />
          <h3 id={headingId}>{group.title}</h3>
          {group.service && <span className="alert-group-service">{group.service}</span>}
        </header>
        <dl className="alert-group-facts">
          <div>
            <dt>{t('alerts.firingOf')}</dt>
            <dd>{t('alerts.firingOfValue', { firing: formatNumber(group.firingCount), all: formatNumber(group.alertCount) })}</dd>
          </div>
          <Seen label={t('alerts.firstSeen')} at={group.firstAt} now={now} />
          <Seen label={t('alerts.lastSeen')} at={group.lastAt} now={now} />
        </dl>
        {(group.acknowledged || silenced || attached) && (
          <ul className="alert-group-states">
            {attached && (
              <li>
                <a href={incidentRoute(group.incident!.id)}>{t('alerts.attachedTo')}</a>
              </li>
            )}
            {group.acknowledged && <li>{t('alerts.acknowledgedBy', { name: group.acknowledged.by, reason: group.acknowledged.reason || '—' })}</li>}
            {silenced && <li>{t('alerts.silencedUntil', { time: formatTime(new Date(group.silenced!.until)), name: group.silenced!.by, reason: group.silenced!.reason })}</li>}
          </ul>
        )}
        <div className="alert-group-actions">
          {ACTIONS.filter((action) => !attached || (action !== 'declare' && action !== 'attach')).map((action) => (
            <button key={action} type="button" className={action === 'declare' ? 'button primary' : 'button'} onClick={() => onAction(action)} aria-keyshortcuts={ACTION_KEYS[action].toUpperCase()}>
              {t(`alerts.action.${action}`)} <kbd aria-hidden="true">{ACTION_KEYS[action].toUpperCase()}</kbd>
            </button>
          ))}
        </div>
        <details className="alert-group-alerts">
          <summary>{t('alerts.alertsSummary', { count: formatNumber(alerts.length) })}</summary>
          <ul>
            {alerts.map((alert) => (
              <AlertLine key={alert.key} alert={alert} now={now} />
            ))}
          </ul>
        </details>
      </article>
    </li>
  );
}

/** A moment as "5 minutes ago", with the date and time on hover. */
function Seen({ label, at, now }: { label: string; at: string; now: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <time dateTime={at} title={formatDateTime(new Date(at))}>
          {formatRelative(new Date(at), new Date(now))}
        </time>
      </dd>
    </div>
  );
}

function AlertLine({ alert, now }: { alert: AlertState; now: number }) {
  return (
    <li className={`alert-line ${alert.status}`}>
      <p>
        <SeverityBadge severity={alert.severity} />{' '}
        <strong>{alert.title}</strong> · {t(alert.status === 'firing' ? 'alerts.status.firing' : 'alerts.status.resolved')}
        {alert.acknowledgedAtSource && ` · ${t('alerts.acknowledgedAtSource')}`}
      </p>
      <p className="alert-line-meta">
        {t('alerts.lineMeta', {
          source: alert.integrationName,
          count: formatNumber(alert.count),
          first: formatRelative(new Date(alert.firstAt), new Date(now)),
          last: formatRelative(new Date(alert.lastAt), new Date(now)),
        })}
      </p>
      {alert.labels.length > 0 && (
        <ul className="alert-labels" aria-label={t('alerts.labels')}>
          {alert.labels.map((label) => (
            <li key={label.name}>
              <span className="alert-label-name">{label.name}</span>=<span>{label.value}</span>
            </li>
          ))}
        </ul>
      )}
      {alert.links.length > 0 && (
        <ul className="alert-links" aria-label={t('alerts.links')}>
          {alert.links.map((link) => (
            <li key={link.href}>
              <a href={link.href} target="_blank" rel="noreferrer">
                {t(`alerts.link.${link.kind}`)}
                {link.text && link.kind === 'other' ? `: ${link.text}` : ''}
              </a>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
