import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../app/DatabaseContext';
import { actionItemsOf } from '../../db/postmortemQueries';
import { addActionItem } from '../../db/postmortemCommands';
import { t, today } from '../../i18n/i18n';
import { ActionItemFields } from './ActionItemFields';
import { ActionItemRow } from './ActionItemRow';

/** The post-mortem's action items: what the team commits to, tracked here and on the action items page. */
export function IncidentActionItems({ incidentId, actor }: { incidentId: string; actor: string }) {
  const db = useDatabase();
  const items = useLiveQuery(() => actionItemsOf(db, incidentId), [db, incidentId]);
  const day = today();
  return (
    <section className="review-block" aria-labelledby="review-actions-heading">
      <h2 id="review-actions-heading">{t('actions.sectionHeading')}</h2>
      <p className="review-hint">{t('actions.sectionHint')}</p>
      {items && items.length === 0 && <p className="review-empty">{t('actions.none')}</p>}
      {items && items.length > 0 && (
        <ul className="action-items">
          {items.map((item) => (
            <ActionItemRow key={item.id} item={item} actor={actor} today={day} />
          ))}
        </ul>
      )}
      <h3 className="review-subheading">{t('actions.addHeading')}</h3>
      <ActionItemFields
        idPrefix="new-action"
        initial={{ title: '', owner: '', due: '' }}
        submitLabel={t('actions.add')}
        onSubmit={async (draft) => {
          await addActionItem(db, { incidentId, ...draft, actor });
        }}
      />
    </section>
  );
}
