/** Danish: the metrics dashboard. */
import type { metricsEn } from '../en/metrics';

export const metricsDa = {
  'metrics.nav': 'Målinger',
  'metrics.heading': 'Målinger',
} satisfies Record<keyof typeof metricsEn, string>;
