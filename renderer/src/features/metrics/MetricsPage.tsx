import { useMemo } from 'react';

import { aggregateMetrics, filterOptions, NO_FILTER, type Dashboard } from '@shared/domain/metrics/aggregate';
import type { Priority } from '@shared/domain/priority';

import { navigate } from '../../app/router';
import { formatNumber, t } from '../../i18n/i18n';
import { CadenceFigures } from './CadenceFigures';
import { ChecklistFigures } from './ChecklistFigures';
import { GroupChart } from './GroupChart';
import { HeadlineFigures } from './HeadlineFigures';
import { metricNameInSentence } from './formatMetrics';
import { metricsHash, parseMetricsQuery, type MetricsView } from './metricsQuery';
import { MetricsFilters } from './MetricsFilters';
import { MtbfTable } from './MtbfTable';
import { PeopleFigures } from './PeopleFigures';
import { TrendChart } from './TrendChart';
import { useAllIncidentMetrics } from './useMetrics';

const NO_OPTIONS = { services: [], tags: [] };

/** The metrics dashboard across incidents; `query` holds its filters (see metricsQuery.ts). */
export function MetricsPage({ query }: { query: string }) {
  const all = useAllIncidentMetrics();
  const view = useMemo(() => parseMetricsQuery(query), [query]);
  const options = useMemo(() => (all ? filterOptions(all) : NO_OPTIONS), [all]);
  const dashboard = useMemo(() => (all ? aggregateMetrics(all, view.filter) : null), [all, view]);
  const show = (next: MetricsView) => navigate(metricsHash(next));

  return (
    <section className="page metrics-page" aria-labelledby="metrics-heading">
      <h1 id="metrics-heading">{t('metrics.heading')}</h1>
      <p className="metrics-intro">{t('metrics.intro')}</p>
      {!all || !dashboard ? (
        <p className="page-status" role="status">
          {t('metrics.loading')}
        </p>
      ) : all.length === 0 ? (
        <div className="empty-state">
          <h2>{t('metrics.empty.none')}</h2>
          <p>{t('metrics.empty.noneHint')}</p>
        </div>
      ) : (
        <>
          <MetricsFilters view={view} services={options.services} tags={options.tags} onChange={show} />
          <p className="metrics-count" role="status">
            {countLine(dashboard, view.filter.includeDrills)}
          </p>
          {dashboard.incidents === 0 ? (
            <div className="empty-state">
              <h2>{t('metrics.empty.noMatch')}</h2>
              <p>{t('metrics.empty.noMatchHint')}</p>
              <button type="button" className="button" onClick={() => show({ ...view, filter: NO_FILTER })}>
                {t('metrics.filters.reset')}
              </button>
            </div>
          ) : (
            <DashboardBody dashboard={dashboard} view={view} />
          )}
        </>
      )}
    </section>
  );
}

function countLine(dashboard: Dashboard, includeDrills: boolean): string {
  const count = dashboard.incidents === 1 ? t('metrics.countOne') : t('metrics.count', { count: formatNumber(dashboard.incidents) });
  if (includeDrills) return `${count} · ${t('metrics.drillsIncluded')}`;
  if (dashboard.drillsLeftOut === 0) return count;
  const drills =
    dashboard.drillsLeftOut === 1 ? t('metrics.drillsLeftOutOne') : t('metrics.drillsLeftOut', { count: formatNumber(dashboard.drillsLeftOut) });
  return `${count} · ${drills}`;
}

const serviceLabel = (key: string) => (key === '' ? t('metrics.noService') : key);
const priorityLabel = (key: string) => t(`priority.${key as Priority}`);

function DashboardBody({ dashboard, view }: { dashboard: Dashboard; view: MetricsView }) {
  const metric = metricNameInSentence(view.metric);
  return (
    <>
      <HeadlineFigures dashboard={dashboard} />
      <TrendChart trend={dashboard.trend} />
      <div className="metrics-columns">
        <GroupChart
          id="metrics-by-service"
          heading={t('metrics.byService.heading')}
          explain={t('metrics.byService.explain', { metric })}
          caption={t('metrics.byService.caption')}
          groupHeader={t('metrics.col.service')}
          groups={dashboard.byService}
          labelOf={serviceLabel}
          metric={view.metric}
        />
        <GroupChart
          id="metrics-by-priority"
          heading={t('metrics.byPriority.heading')}
          explain={t('metrics.byPriority.explain', { metric })}
          caption={t('metrics.byPriority.caption')}
          groupHeader={t('metrics.col.priority')}
          groups={dashboard.byPriority}
          labelOf={priorityLabel}
          metric={view.metric}
        />
      </div>
      <MtbfTable services={dashboard.byService} labelOf={serviceLabel} />
      <PeopleFigures engagement={dashboard.engagement} />
      <CadenceFigures cadence={dashboard.cadence} />
      <ChecklistFigures checklists={dashboard.checklists} />
    </>
  );
}
