import { useState, type ReactNode } from 'react';

import { t } from '../../i18n/i18n';

type Props = { id: string; caption: string; children: ReactNode };

/**
 * A chart's figures as a table: always there for screen readers (the chart
 * itself is hidden from them), shown on request for everyone else.
 */
export function ChartTable({ id, caption, children }: Props) {
  const [shown, setShown] = useState(false);
  return (
    <div className="chart-table">
      <button type="button" className="button small ghost" aria-controls={id} onClick={() => setShown((s) => !s)}>
        {shown ? t('metrics.table.hide') : t('metrics.table.show')}
      </button>
      <div id={id} className={shown ? 'chart-table-body' : 'visually-hidden'}>
        <table className="metrics-table">
          <caption>{caption}</caption>
          {children}
        </table>
      </div>
    </div>
  );
}
