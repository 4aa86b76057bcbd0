/**
 * Keeps the projection tables in step with the log. Pass only events that are
 * new to the log (the event store guarantees it). Works on batches so a
 * single user action and a bulk import share one code path; call it inside the
 * transaction that writes the events (over `db.projectionTables()`).
 */
import { ORGANISATION_STREAM, type DomainEvent } from '@shared/domain/events';
import { applyIncidentEvent, emptyIncident, summarizeIncident } from '@shared/domain/incident';
import { applyOrganisationEvent, emptyOrganisation } from '@shared/domain/organisation';
import { applyAmendment, emptyAmendment, isAmendingEvent, isTimelineEvent, type Amendment } from '@shared/domain/timeline';

import type { WarroomDatabase } from './database';
import { projectFacts } from './factsProjection';
import { projectHypotheses } from './hypothesisProjection';
import { projectMessages } from './messageProjection';
import { projectReview } from './reviewProjection';
import { projectRosters } from './rosterProjection';
import type { IncidentRow } from './types';

export async function projectEvents(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const incidentEvents = events.filter((e) => e.incidentId !== ORGANISATION_STREAM);
  const organisationEvents = events.filter((e) => e.incidentId === ORGANISATION_STREAM);
  await Promise.all([
    projectIncidents(db, incidentEvents),
    projectHypotheses(db, incidentEvents),
    projectRosters(db, incidentEvents),
    projectMessages(db, incidentEvents),
    projectReview(db, incidentEvents),
    projectFacts(db, incidentEvents),
    projectOrganisation(db, organisationEvents),
  ]);
}

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
    const row: IncidentRow = { id: state.id, state, summary, timelineCount: counts.get(state.id)!, eventCount: eventCounts.get(state.id)! };
    if (summary) row.declaredAt = summary.declaredAt;
    if (summary?.conflicts.length) row.conflicted = 1;
    return row;
  });
  await db.incidents.bulkPut(rows);
  if (amendments.size) await db.amendments.bulkPut([...amendments.values()]);
}

async function projectOrganisation(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const row = await db.meta.get('organisation');
  let state = row?.key === 'organisation' ? row.state : emptyOrganisation();
  for (const event of events) state = applyOrganisationEvent(state, event);
  await db.meta.put({ key: 'organisation', state });
}
