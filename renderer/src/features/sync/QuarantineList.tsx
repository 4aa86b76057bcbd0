/** Events this console set aside (see db/quarantine.ts): which, why, from where, when. */
import type { EventSource, QuarantineProblem, QuarantineRow } from '../../db/quarantine';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';

const PROBLEM_LABELS: Record<QuarantineProblem, MessageKey> = {
  refused: 'sync.quarantine.problem.refused',
  unstorable: 'sync.quarantine.problem.unstorable',
  unapplicable: 'sync.quarantine.problem.unapplicable',
  conflict: 'sync.quarantine.problem.conflict',
};

const SOURCE_LABELS: Record<EventSource, MessageKey> = {
  hub: 'sync.quarantine.source.hub',
  bundle: 'sync.quarantine.source.bundle',
  file: 'sync.quarantine.source.file',
};

export function QuarantineList({ rows, count }: { rows: QuarantineRow[]; count: number }) {
  if (rows.length === 0) return null;
  return (
    <section className="sync-section" aria-labelledby="sync-quarantine-heading">
      <h2 id="sync-quarantine-heading">{t('sync.quarantine.heading')}</h2>
      <p className="hint">{t('sync.quarantine.hint')}</p>
      {count > rows.length && <p>{t('sync.quarantine.more', { shown: formatNumber(rows.length), count: formatNumber(count) })}</p>}
      <table className="sync-quarantine" aria-labelledby="sync-quarantine-heading">
        <thead>
          <tr>
            <th scope="col">{t('sync.quarantine.event')}</th>
            <th scope="col">{t('sync.quarantine.why')}</th>
            <th scope="col">{t('sync.quarantine.from')}</th>
            <th scope="col">{t('sync.quarantine.when')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>
                <code>{row.id || t('sync.quarantine.noId')}</code>
              </td>
              <td>{t('sync.quarantine.reason', { problem: t(PROBLEM_LABELS[row.problem]), reason: row.reason })}</td>
              <td>{t(SOURCE_LABELS[row.source])}</td>
              <td>
                <time dateTime={new Date(row.at).toISOString()}>{formatDateTime(new Date(row.at))}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
