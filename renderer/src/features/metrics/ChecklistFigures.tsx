import type { ChecklistSummary } from '@shared/domain/metrics/aggregate';

import { formatNumber, t } from '../../i18n/i18n';
import { formatMaybe } from './formatMetrics';

/** Each runbook across the incidents it was attached to: how much of it was finished, and how long after attaching steps were done. */
export function ChecklistFigures({ checklists }: { checklists: readonly ChecklistSummary[] }) {
  return (
    <section className="metrics-section" aria-labelledby="metrics-checklists-heading">
      <h2 id="metrics-checklists-heading">{t('metrics.checklists.heading')}</h2>
      <p className="metrics-explain">{t('metrics.checklists.explain')}</p>
      {checklists.length === 0 ? (
        <p className="metrics-explain">{t('metrics.checklists.none')}</p>
      ) : (
        <table className="metrics-table">
          <caption className="visually-hidden">{t('metrics.checklists.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('metrics.checklists.col.runbook')}</th>
              <th scope="col">{t('metrics.col.incidents')}</th>
              <th scope="col">{t('metrics.checklists.col.done')}</th>
              <th scope="col">{t('metrics.checklists.col.skipped')}</th>
              <th scope="col">{t('metrics.checklists.col.median')}</th>
              <th scope="col">{t('metrics.checklists.col.slowest')}</th>
            </tr>
          </thead>
          <tbody>
            {checklists.map((c) => (
              <tr key={c.runbook}>
                <th scope="row">{c.title}</th>
                <td>{formatNumber(c.incidents)}</td>
                <td>{t('metrics.checklists.ofSteps', { count: formatNumber(c.done), of: formatNumber(c.steps) })}</td>
                <td>{formatNumber(c.skipped)}</td>
                <td>{formatMaybe(c.toDone.median)}</td>
                <td>{formatMaybe(c.slowestMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
