import { t } from '../../i18n/i18n';

/** The metrics dashboard across incidents. */
export function MetricsPage({ query }: { query: string }) {
  return (
    <section className="page" aria-labelledby="metrics-heading" data-query={query}>
      <h1 id="metrics-heading">{t('metrics.heading')}</h1>
    </section>
  );
}
