/**
 * The post-mortem's projections: each incident's post-mortem sections, and one row
 * per action item (indexed by status, so outstanding items across every
 * incident are one query). Pass only events new to the log, inside the write.
 */
import {
  actionItemIdOf,
  applyActionItemEvent,
  emptyActionItem,
  summarizeActionItem,
  type ActionItemState,
} from '@shared/domain/actionItems';
import type { DomainEvent } from '@shared/domain/events';
import { applyPostmortemEvent, emptyPostmortem } from '@shared/domain/postmortem';

import type { WarroomDatabase } from './database';
import type { Projection } from './projection';
import type { ActionItemRow } from './types';

export const postmortemProjection: Projection = {
  stream: 'incidents',
  tables: (db) => [db.postmortems, db.actionItems],
  project: (db, events) => Promise.all([projectPostmortems(db, events), projectActionItems(db, events)]).then(() => undefined),
  clear: (db) => Promise.all([db.postmortems.clear(), db.actionItems.clear()]),
};

async function projectPostmortems(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const edits = events.filter((e) => e.type === 'postmortem.sectionEdited');
  if (edits.length === 0) return;
  const ids = [...new Set(edits.map((e) => e.incidentId))];
  const existing = await db.postmortems.bulkGet(ids);
  const states = new Map(ids.map((id, i) => [id, existing[i] ?? emptyPostmortem(id)]));
  for (const event of edits) states.set(event.incidentId, applyPostmortemEvent(states.get(event.incidentId)!, event));
  await db.postmortems.bulkPut([...states.values()]);
}

async function projectActionItems(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const relevant = events.filter((e) => actionItemIdOf(e) !== null);
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map((e) => actionItemIdOf(e)!))];
  const existing = await db.actionItems.bulkGet(ids);
  const states = new Map<string, ActionItemState>();
  ids.forEach((id, i) => {
    const row = existing[i];
    if (row) states.set(id, row.state);
  });
  for (const event of relevant) {
    const id = actionItemIdOf(event)!;
    states.set(id, applyActionItemEvent(states.get(id) ?? emptyActionItem(id, event.incidentId), event));
  }
  const rows: ActionItemRow[] = [...states.values()].map((state) => {
    const summary = summarizeActionItem(state);
    return { id: state.id, incidentId: state.incidentId, status: summary?.status ?? 'open', state, summary };
  });
  await db.actionItems.bulkPut(rows);
}
