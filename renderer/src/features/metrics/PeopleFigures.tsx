import type { EngagementSummary } from '@shared/domain/metrics/aggregate';

import { formatDay, formatNumber, t } from '../../i18n/i18n';
import { FigureCard } from './FigureCard';
import { formatMaybe } from './formatMetrics';

/** How long people stayed on incidents and how fast those who could not help were released. */
export function PeopleFigures({ engagement }: { engagement: EngagementSummary }) {
  const median = (value: number | null) => t('metrics.figure.median', { value: formatMaybe(value) });
  return (
    <section className="metrics-section" aria-labelledby="metrics-people-heading">
      <h2 id="metrics-people-heading">{t('metrics.people.heading')}</h2>
      <div className="metric-cards">
        <FigureCard
          id="metric-engaged"
          title={t('metrics.people.engaged.name')}
          value={formatMaybe(engagement.engaged.mean)}
          details={[
            median(engagement.engaged.median),
            t('metrics.people.stints', { n: formatNumber(engagement.engaged.n), of: formatNumber(engagement.engaged.of) }),
          ]}
          explain={t('metrics.people.engaged.explain')}
        />
        <FigureCard
          id="metric-release"
          title={t('metrics.people.toRelease.name')}
          value={formatMaybe(engagement.toRelease.mean)}
          details={[median(engagement.toRelease.median), t('metrics.figure.known', { n: formatNumber(engagement.released), of: formatNumber(engagement.stints) })]}
          explain={t('metrics.people.toRelease.explain')}
        />
        <FigureCard
          id="metric-acknowledge"
          title={t('metrics.people.toAcknowledge.name')}
          value={formatMaybe(engagement.toAcknowledge.mean)}
          details={[median(engagement.toAcknowledge.median), t('metrics.people.pagesAnswered', { n: formatNumber(engagement.toAcknowledge.n), of: formatNumber(engagement.toAcknowledge.of) })]}
          explain={t('metrics.people.toAcknowledge.explain')}
        />
        <FigureCard
          id="metric-pages-per-week"
          title={t('metrics.people.pagesPerWeek.name')}
          value={engagement.pagesPerWeek.mean === null ? t('metrics.people.pagesPerWeek.none') : formatNumber(Math.round(engagement.pagesPerWeek.mean * 10) / 10)}
          details={
            engagement.pagesPerWeek.busiest
              ? [
                  t('metrics.people.pagesPerWeek.busiest', {
                    name: engagement.pagesPerWeek.busiest.person,
                    count: formatNumber(engagement.pagesPerWeek.busiest.pages),
                    week: formatDay(engagement.pagesPerWeek.busiest.week),
                  }),
                ]
              : []
          }
          explain={t('metrics.people.pagesPerWeek.explain')}
        />
        <FigureCard
          id="metric-still-engaged"
          title={t('metrics.people.still.name')}
          value={t('metrics.people.still.value', {
            count: formatNumber(engagement.stillEngagedAtResolution),
            incidents: formatNumber(engagement.resolvedIncidents),
          })}
          explain={t('metrics.people.still.explain')}
        />
      </div>
    </section>
  );
}
