import type { IncidentSummary } from '@shared/domain/incident';
import { formatCountdown } from '@shared/domain/serviceLevels';

import { formatTime, t } from '../../i18n/i18n';

/**
 * The incident's band across the top of a wall: priority (as words on its
 * colour), tier and status as words, the title, and how long it has been open.
 */
export function WallHeading({ summary, now }: { summary: IncidentSummary; now: number }) {
  const declared = new Date(summary.declaredAt);
  return (
    <header className={`wall-heading priority-band-${summary.priority}`}>
      <div className="wall-heading-main">
        <p className="wall-tags">
          <span className={`wall-priority priority-${summary.priority}`}>{t(`priority.${summary.priority}`)}</span>
          {summary.tier !== 'normal' && <span className={`wall-tag tier-${summary.tier}`}>{t(`tier.${summary.tier}`)}</span>}
          <span className="wall-tag">{t(`status.${summary.status}`)}</span>
          {summary.drill && <span className="wall-tag drill">{t('incidents.drill')}</span>}
          {summary.conflicts.length > 0 && <span className="wall-tag conflict">{t('incidents.conflict')}</span>}
        </p>
        <h1 className="wall-title">{summary.title}</h1>
        <p className="wall-subtitle">
          {t('wall.declared', { time: formatTime(declared), name: summary.declaredBy })}
          {summary.services.length > 0 && <> · {t('wall.services', { services: summary.services.join(', ') })}</>}
        </p>
      </div>
      <p className="wall-elapsed">
        <span className="wall-elapsed-caption">{t('wall.elapsed')}</span>
        <span className="wall-elapsed-value">{formatCountdown(Math.max(0, now - declared.getTime()))}</span>
      </p>
    </header>
  );
}
