import { formatCountdown } from '@shared/domain/serviceLevels';

import { isSilenced } from '../../db/alertQueries';
import type { AlertGroupRow } from '../../db/types';
import { t } from '../../i18n/i18n';

/** Groups the lane shows; the rest are counted. */
export const LANE_GROUPS = 8;

/** The NOC overview's alert lane: what monitoring says now, most severe first, and who has taken each on. */
export function WallAlertLane({ groups, now }: { groups: readonly AlertGroupRow[]; now: number }) {
  const shown = groups.slice(0, LANE_GROUPS);
  const hidden = groups.length - shown.length;
  return (
    <aside className="wall-alerts" aria-labelledby="wall-alerts-heading">
      <h2 id="wall-alerts-heading" className="wall-alerts-heading">
        {t('wall.alerts.heading', { count: groups.length })}
      </h2>
      <ol className="wall-alert-groups">
        {shown.map((group) => (
          <li key={group.id} className={`wall-alert severity-${group.severity}`}>
            <p className="wall-tags">
              <span className={`wall-tag wall-alert-severity severity-${group.severity}`}>{t(`alert.severity.${group.severity}`)}</span>
              <span className="wall-tag">{t('wall.alerts.firing', { firing: group.firingCount, all: group.alertCount })}</span>
            </p>
            <h3 className="wall-alert-title">{group.title}</h3>
            <p className="wall-alert-line">
              {group.service && `${group.service} · `}
              {t('wall.alerts.for', { time: formatCountdown(Math.max(0, now - Date.parse(group.firstAt))) })}
            </p>
            <p className={`wall-alert-line${stateOf(group, now) === 'waiting' ? ' wall-warn' : ''}`}>{t(`wall.alerts.state.${stateOf(group, now)}`)}</p>
          </li>
        ))}
      </ol>
      {hidden > 0 && <p className="wall-alerts-more">{t('wall.alerts.more', { count: hidden })}</p>}
    </aside>
  );
}

function stateOf(group: AlertGroupRow, now: number): 'incident' | 'silenced' | 'acknowledged' | 'waiting' {
  if (group.incident) return 'incident';
  if (isSilenced(group, now)) return 'silenced';
  return group.acknowledged ? 'acknowledged' : 'waiting';
}
