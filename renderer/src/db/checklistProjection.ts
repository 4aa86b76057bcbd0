/** Each incident's checklists, one row per incident (shared/domain/checklists.ts). Pass only events new to the log, inside the write. */
import { applyChecklistEvent, emptyChecklists, isChecklistEvent } from '@shared/domain/checklists';

import { tableProjection } from './projection';

export const checklistProjection = tableProjection('checklists', async (db, events) => {
  const relevant = events.filter(isChecklistEvent);
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map((e) => e.incidentId))];
  const existing = await db.checklists.bulkGet(ids);
  const states = new Map(ids.map((id, i) => [id, existing[i] ?? emptyChecklists(id)]));
  for (const event of relevant) states.set(event.incidentId, applyChecklistEvent(states.get(event.incidentId)!, event));
  await db.checklists.bulkPut([...states.values()]);
});
