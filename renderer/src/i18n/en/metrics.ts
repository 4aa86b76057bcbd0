/** English: the metrics dashboard. */
export const metricsEn = {
  'metrics.nav': 'Metrics',
  'metrics.heading': 'Metrics',
};
