/**
 * The incident projection: one row per incident (its folded state, the summary
 * the list and header read, and counts kept so nothing has to count an index),
 * and one row per amended timeline event.
 */
import type { DomainEvent } from '@shared/domain/events';
import { applyIncidentEvent, emptyIncident, summarizeIncident } from '@shared/domain/incident';
import { applyAmendment, emptyAmendment, isAmendingEvent, isTimelineEvent, type Amendment } from '@shared/domain/timeline';

import type { WarroomDatabase } from './database';
import { indexedFields } from './incidentIndex';
import type { Projection } from './projection';
import type { IncidentRow } from './types';

export const incidentProjection: Projection = {
  stream: 'incidents',
  tables: (db) => [db.incidents, db.amendments],
  project: projectIncidents,
  clear: (db) => Promise.all([db.incidents.clear(), db.amendments.clear()]),
};

async function projectIncidents(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const incidentIds = [...new Set(events.map((e) => e.incidentId))];
  const targetIds = [...new Set(events.filter(isAmendingEvent).map((e) => e.payload.target))];

  const [incidentRows, amendmentRows] = await Promise.all([
    db.incidents.bulkGet(incidentIds),
    targetIds.length ? db.amendments.bulkGet(targetIds) : Promise.resolve([]),
  ]);
  const incidents = new Map(incidentIds.map((id, i) => [id, incidentRows[i]?.state ?? emptyIncident(id)]));
  // Callers pass only events new to the log, so counting them here is exact.
  const counts = new Map(incidentIds.map((id, i) => [id, incidentRows[i]?.timelineCount ?? 0]));
  const eventCounts = new Map(incidentIds.map((id, i) => [id, incidentRows[i]?.eventCount ?? 0]));
  const amendments = new Map<string, Amendment>();
  targetIds.forEach((id, i) => {
    const row = amendmentRows[i];
    if (row) amendments.set(id, row);
  });

  for (const event of events) {
    incidents.set(event.incidentId, applyIncidentEvent(incidents.get(event.incidentId)!, event));
    if (isTimelineEvent(event)) counts.set(event.incidentId, counts.get(event.incidentId)! + 1);
    eventCounts.set(event.incidentId, eventCounts.get(event.incidentId)! + 1);
    if (isAmendingEvent(event)) {
      const target = event.payload.target;
      const current = amendments.get(target) ?? emptyAmendment(target, event.incidentId);
      amendments.set(target, applyAmendment(current, event));
    }
  }

  const rows: IncidentRow[] = [...incidents.values()].map((state) => {
    const summary = summarizeIncident(state);
    return { id: state.id, state, summary, timelineCount: counts.get(state.id)!, eventCount: eventCounts.get(state.id)!, ...indexedFields(summary) };
  });
  await db.incidents.bulkPut(rows);
  if (amendments.size) await db.amendments.bulkPut([...amendments.values()]);
}
