import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import { isOverdue } from '@shared/domain/actionItems';

import { useDatabase } from '../../app/DatabaseContext';
import { trackedActionItems } from '../../db/postmortemQueries';
import { formatNumber, t, today } from '../../i18n/i18n';
import { useProfileName } from '../profile/useProfile';
import { ActionItemRow } from './ActionItemRow';

/** Action items across every incident, soonest due first: what the post-mortems committed to, until done. */
export function ActionItemsPage() {
  const db = useDatabase();
  const actor = useProfileName() ?? '';
  const [all, setAll] = useState(false);
  const items = useLiveQuery(() => trackedActionItems(db, !all), [db, all]);
  const day = today();
  const overdue = items?.filter((item) => isOverdue(item, day)).length ?? 0;

  return (
    <section className="page actions-page" aria-labelledby="actions-heading">
      <header className="page-header">
        <h1 id="actions-heading">{t('actions.heading')}</h1>
        <p className="review-hint">{t('actions.pageHint')}</p>
      </header>
      <div className="actions-toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t('actions.showDone')}
        </label>
        {items && (
          <p className="actions-count" role="status">
            {t(all ? 'actions.countAll' : 'actions.countOutstanding', { count: formatNumber(items.length) })}
            {overdue > 0 && ` · ${t('actions.countOverdue', { count: formatNumber(overdue) })}`}
          </p>
        )}
      </div>
      {items && items.length === 0 && <p className="review-empty">{t(all ? 'actions.noneAtAll' : 'actions.noneOutstanding')}</p>}
      {items && items.length > 0 && (
        <ul className="action-items">
          {items.map((item) => (
            <ActionItemRow key={item.id} item={item} actor={actor} today={day} incident={{ id: item.incidentId, title: item.incidentTitle }} />
          ))}
        </ul>
      )}
    </section>
  );
}
