import type { CadenceSummary } from '@shared/domain/metrics/aggregate';

import { formatNumber, t } from '../../i18n/i18n';
import { FigureCard } from './FigureCard';
import { formatElapsed } from './formatMetrics';

/** Whether audiences heard as often as their cadence promised. */
export function CadenceFigures({ cadence }: { cadence: CadenceSummary }) {
  return (
    <section className="metrics-section" aria-labelledby="metrics-cadence-heading">
      <h2 id="metrics-cadence-heading">{t('metrics.cadence.heading')}</h2>
      <div className="metric-cards">
        <FigureCard
          id="metric-cadence-kept"
          title={t('metrics.cadence.kept.name')}
          value={t('metrics.cadence.kept.value', { count: formatNumber(cadence.kept), of: formatNumber(cadence.incidents) })}
          explain={t('metrics.cadence.kept.explain')}
        />
        <FigureCard
          id="metric-updates"
          title={t('metrics.cadence.updates.name')}
          value={formatNumber(cadence.updatesSent)}
          explain={t('metrics.cadence.updates.explain')}
        />
        <FigureCard
          id="metric-late"
          title={t('metrics.cadence.late.name')}
          value={formatNumber(cadence.lateIntervals)}
          explain={t('metrics.cadence.late.explain')}
        />
        <FigureCard
          id="metric-longest-late"
          title={t('metrics.cadence.longest.name')}
          value={cadence.lateIntervals === 0 ? t('metrics.cadence.noneLate') : formatElapsed(cadence.longestLateMs)}
          explain={t('metrics.cadence.longest.explain')}
        />
      </div>
    </section>
  );
}
