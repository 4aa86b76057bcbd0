/**
 * The dashboard's filters live in its address (#/metrics?from=…&priority=P1…),
 * so a view can be linked and comes back on reload. Values a hand-edited or old
 * address gets wrong are dropped, never trusted.
 */
import { INCIDENT_KINDS, isDay, type IncidentKind } from '@shared/domain/events';
import { NO_FILTER, type MetricsFilter } from '@shared/domain/metrics/aggregate';
import { DURATION_METRICS, type DurationMetric } from '@shared/domain/metrics/incidentMetrics';
import { PRIORITIES, type Priority } from '@shared/domain/priority';
import { ROUTES } from '../../app/router';

export type MetricsView = { filter: MetricsFilter; /** The time the charts by service and priority show. */ metric: DurationMetric };

export const DEFAULT_VIEW: MetricsView = { filter: NO_FILTER, metric: 'ttr' };

const oneOf = <T extends string>(allowed: readonly T[]) => (value: string): value is T => (allowed as readonly string[]).includes(value);
const unique = <T>(values: T[]) => [...new Set(values)];

export function parseMetricsQuery(query: string): MetricsView {
  const params = new URLSearchParams(query);
  const day = (name: string) => {
    const value = params.get(name);
    return value !== null && isDay(value) ? value : null;
  };
  const metric = params.get('metric');
  return {
    filter: {
      from: day('from'),
      to: day('to'),
      services: unique(params.getAll('service').filter((s) => s.trim() !== '')),
      priorities: unique(params.getAll('priority').filter(oneOf<Priority>(PRIORITIES))),
      kinds: unique(params.getAll('kind').filter(oneOf<IncidentKind>(INCIDENT_KINDS))),
      tags: unique(params.getAll('tag').filter((s) => s.trim() !== '')),
      includeDrills: params.get('drills') === '1',
    },
    metric: metric !== null && oneOf<DurationMetric>(DURATION_METRICS)(metric) ? metric : DEFAULT_VIEW.metric,
  };
}

/** The address of a view: `#/metrics`, with only what differs from the defaults. */
export function metricsHash(view: MetricsView): string {
  const params = new URLSearchParams();
  const { filter } = view;
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  for (const s of filter.services) params.append('service', s);
  for (const p of filter.priorities) params.append('priority', p);
  for (const k of filter.kinds) params.append('kind', k);
  for (const t of filter.tags) params.append('tag', t);
  if (filter.includeDrills) params.set('drills', '1');
  if (view.metric !== DEFAULT_VIEW.metric) params.set('metric', view.metric);
  const query = params.toString();
  return query ? `${ROUTES.metrics}?${query}` : ROUTES.metrics;
}

export function isFiltered(filter: MetricsFilter): boolean {
  return metricsHash({ filter, metric: DEFAULT_VIEW.metric }) !== ROUTES.metrics;
}
