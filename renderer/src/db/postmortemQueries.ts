/** Reads for the review after an incident: its post-mortem sections and action items, here and across incidents. */
import type { ActionItem } from '@shared/domain/actionItems';
import type { PostmortemState } from '@shared/domain/postmortem';
import { byText } from '@shared/domain/order';

import type { WarroomDatabase } from './database';

export function getPostmortem(db: WarroomDatabase, incidentId: string): Promise<PostmortemState | undefined> {
  return db.postmortems.get(incidentId);
}

/** An incident's action items, oldest first. */
export async function actionItemsOf(db: WarroomDatabase, incidentId: string): Promise<ActionItem[]> {
  const rows = await db.actionItems.where('incidentId').equals(incidentId).toArray();
  return rows.flatMap((row) => (row.summary ? [row.summary] : [])).sort(byAdded);
}

export type TrackedActionItem = ActionItem & { incidentTitle: string };

/** Action items across every incident, with their incident's title; `outstanding` keeps open and in-progress ones only. */
export async function trackedActionItems(db: WarroomDatabase, outstanding: boolean): Promise<TrackedActionItem[]> {
  const rows = outstanding
    ? await db.actionItems.where('status').anyOf(['open', 'inProgress']).toArray()
    : await db.actionItems.toArray();
  const items = rows.flatMap((row) => (row.summary ? [row.summary] : []));
  const incidentIds = [...new Set(items.map((item) => item.incidentId))];
  const incidents = await db.incidents.bulkGet(incidentIds);
  const titles = new Map(incidentIds.map((id, i) => [id, incidents[i]?.summary?.title ?? '']));
  return items.map((item) => ({ ...item, incidentTitle: titles.get(item.incidentId) ?? '' })).sort(byDue);
}

function byAdded(a: ActionItem, b: ActionItem): number {
  return byText(a.addedAt, b.addedAt) || byText(a.id, b.id);
}

/** Soonest due first; items without a due day after those with one. */
function byDue(a: ActionItem, b: ActionItem): number {
  if (a.due !== b.due) {
    if (a.due === '') return 1;
    if (b.due === '') return -1;
    return byText(a.due, b.due);
  }
  return byAdded(a, b);
}
