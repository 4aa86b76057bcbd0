import type { Dashboard, Summary } from '@shared/domain/metrics/aggregate';
import { DURATION_METRICS } from '@shared/domain/metrics/incidentMetrics';

import { formatNumber, t } from '../../i18n/i18n';
import { FigureCard } from './FigureCard';
import { formatMaybe, METRIC_KEYS } from './formatMetrics';

/** Median and how many incidents the figure is known for: a mean over 2 of 40 incidents says little. */
export function summaryDetails(summary: Summary): string[] {
  return [
    t('metrics.figure.median', { value: formatMaybe(summary.median) }),
    t('metrics.figure.known', { n: formatNumber(summary.n), of: formatNumber(summary.of) }),
  ];
}

/** MTTD to MTTR across the incidents shown, and how many were reopened. */
export function HeadlineFigures({ dashboard }: { dashboard: Dashboard }) {
  return (
    <div className="metric-cards metrics-headline">
      {DURATION_METRICS.map((metric) => {
        const keys = METRIC_KEYS[metric];
        const summary = dashboard.overall[metric];
        return (
          <FigureCard
            key={metric}
            id={`metric-${metric}`}
            title={
              <>
                <span className="metric-abbr">{t(keys.abbr)}</span> <span>{t(keys.name)}</span>
              </>
            }
            valueLabel={summary.mean === null ? undefined : t('metrics.figure.mean')}
            value={formatMaybe(summary.mean)}
            details={summaryDetails(summary)}
            explain={t(keys.explain)}
          />
        );
      })}
      <FigureCard
        id="metric-reopened"
        title={t('metrics.reopened.name')}
        value={t('metrics.reopened.value', { count: formatNumber(dashboard.reopened.incidents), of: formatNumber(dashboard.incidents) })}
        details={[
          dashboard.reopened.times === 1 ? t('metrics.reopened.timesOne') : t('metrics.reopened.times', { times: formatNumber(dashboard.reopened.times) }),
        ]}
        explain={t('metrics.reopened.explain')}
      />
    </div>
  );
}
