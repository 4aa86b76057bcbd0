import type { ServiceGroup } from '@shared/domain/metrics/aggregate';

import { formatNumber, t } from '../../i18n/i18n';
import { formatMaybe } from './formatMetrics';

/** Mean time between failures for each service with incidents, longest first; unknown ones last. */
export function MtbfTable({ services, labelOf }: { services: readonly ServiceGroup[]; labelOf: (key: string) => string }) {
  const rows = services
    .filter((s) => s.key !== '')
    .sort((a, b) => (b.mtbf.meanMs ?? -1) - (a.mtbf.meanMs ?? -1) || a.key.localeCompare(b.key));
  return (
    <section className="metrics-section" aria-labelledby="metrics-mtbf-heading">
      <h2 id="metrics-mtbf-heading">
        <span className="metric-abbr">{t('metrics.mtbf.abbr')}</span> {t('metrics.mtbf.name')}
      </h2>
      <p className="metrics-explain">{t('metrics.mtbf.explain')}</p>
      <table className="metrics-table">
        <caption className="visually-hidden">{t('metrics.mtbf.name')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('metrics.col.service')}</th>
            <th scope="col">{t('metrics.col.incidents')}</th>
            <th scope="col">{t('metrics.mtbf.abbr')}</th>
            <th scope="col">{t('metrics.col.mtbfPairs')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.key}>
              <th scope="row">{labelOf(s.key)}</th>
              <td>{formatNumber(s.incidents)}</td>
              <td>{formatMaybe(s.mtbf.meanMs)}</td>
              <td>{formatNumber(s.mtbf.pairs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
