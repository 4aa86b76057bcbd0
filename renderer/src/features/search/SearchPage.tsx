import { t } from '../../i18n/i18n';

/** "Has this happened before?": full-text search over every incident on this console. */
export function SearchPage({ query }: { query: string }) {
  return (
    <section className="page" aria-labelledby="search-heading" data-query={query}>
      <h1 id="search-heading">{t('search.heading')}</h1>
    </section>
  );
}
