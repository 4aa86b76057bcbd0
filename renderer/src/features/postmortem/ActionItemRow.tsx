import { useState } from 'react';

import { ACTION_ITEM_STATUSES, isOverdue, type ActionItem } from '@shared/domain/actionItems';
import type { ActionItemStatus } from '@shared/domain/events';

import { useDatabase } from '../../app/DatabaseContext';
import { changeActionItem } from '../../db/postmortemCommands';
import { formatDay, t } from '../../i18n/i18n';
import { ActionItemFields } from './ActionItemFields';
import type { ActionItemDraft } from './actionItemForm';
import { incidentViewRoute } from '../../app/router';

type Props = {
  item: ActionItem;
  actor: string;
  today: string;
  /** On the tracking page: the incident it came from, linked. */
  incident?: { id: string; title: string };
};

/** One action item: its status changed in place, its other fields edited inline. */
export function ActionItemRow({ item, actor, today, incident }: Props) {
  const db = useDatabase();
  // The versions seen when editing began: a change synced in meanwhile is kept as a conflict, not overwritten.
  const [editing, setEditing] = useState<ActionItem['heads'] | null>(null);
  const [startValues, setStartValues] = useState<ActionItemDraft>({ title: item.title, owner: item.owner, due: item.due });
  const overdue = isOverdue(item, today);

  const setStatus = (status: ActionItemStatus) => void changeActionItem(db, { itemId: item.id, field: 'status', value: status, actor });
  const save = async (draft: ActionItemDraft) => {
    const seen = editing ?? item.heads;
    for (const field of ['title', 'owner', 'due'] as const) {
      // A field left as it was replaces nothing: a change made elsewhere meanwhile stands.
      if (draft[field] === startValues[field]) continue;
      await changeActionItem(db, { itemId: item.id, field, value: draft[field], actor, replaces: seen[field] });
    }
    setEditing(null);
  };
  const startEditing = () => {
    setStartValues({ title: item.title, owner: item.owner, due: item.due });
    setEditing(item.heads);
  };

  if (editing) {
    return (
      <li className="action-item editing">
        <ActionItemFields
          idPrefix={`edit-${item.id}`}
          initial={startValues}
          submitLabel={t('actions.save')}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      </li>
    );
  }

  return (
    <li className={`action-item status-${item.status}`} data-item-id={item.id}>
      <div className="action-item-main">
        <p className="action-item-title">{item.title}</p>
        <p className="action-item-meta">
          {incident && (
            <a href={incidentViewRoute(incident.id, 'review')} className="action-item-incident">
              {incident.title}
            </a>
          )}
          <span>{item.owner ? t('actions.ownedBy', { name: item.owner }) : t('actions.noOwner')}</span>
          <span className={overdue ? 'action-item-due overdue' : 'action-item-due'}>
            {item.due ? t(overdue ? 'actions.overdue' : 'actions.due', { day: formatDay(item.due) }) : t('actions.noDue')}
          </span>
          {item.conflicts.length > 0 && <span className="badge conflict">{t('actions.conflict')}</span>}
        </p>
      </div>
      <label className="action-item-status">
        <span className="visually-hidden">{t('actions.statusOf', { title: item.title })}</span>
        <select value={item.status} disabled={!actor} onChange={(e) => setStatus(e.target.value as ActionItemStatus)}>
          {ACTION_ITEM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`actions.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button small ghost" disabled={!actor} aria-label={t('actions.editNamed', { title: item.title })} onClick={startEditing}>
        {t('actions.edit')}
      </button>
    </li>
  );
}
