/**
 * The registry of projections: adding one is a file exporting a `Projection`
 * and a line here (and, for a new table, a schema version). Everything that
 * writes events, rebuilds or opens a write transaction reads this list.
 */
import type { Table } from 'dexie';

import { isAlertEvent } from '@shared/domain/alertGroups';
import { ORGANISATION_STREAM, type DomainEvent } from '@shared/domain/events';

import type { WarroomDatabase } from './database';
import { alertProjection } from './alertProjection';
import { checklistProjection } from './checklistProjection';
import { drillProjection } from './drillProjection';
import { factsProjection } from './factsProjection';
import { hypothesisProjection } from './hypothesisProjection';
import { incidentProjection } from './incidentProjection';
import { messageProjection } from './messageProjection';
import { organisationProjection } from './organisationProjection';
import type { Projection } from './projection';
import { postmortemProjection } from './postmortemProjection';
import { rosterProjection } from './rosterProjection';

export const PROJECTIONS: readonly Projection[] = [
  incidentProjection,
  hypothesisProjection,
  rosterProjection,
  messageProjection,
  postmortemProjection,
  factsProjection,
  organisationProjection,
  alertProjection,
  checklistProjection,
  drillProjection,
];

/** Every table a write of events touches: the log, the projections and the device counters (in meta). */
export function projectionTables(db: WarroomDatabase): Table[] {
  return [...new Set<Table>([db.events, db.meta, ...PROJECTIONS.flatMap((p) => p.tables(db))])];
}

/**
 * Keeps the projections in step with the log. Pass only events that are new
 * to the log (the event store guarantees it), inside the transaction that
 * writes them (over `projectionTables`). Works on batches, so a keystroke and
 * a bulk import share one code path.
 */
export async function projectEvents(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const incidentEvents = events.filter((e) => e.incidentId !== ORGANISATION_STREAM);
  const organisationEvents = events.filter((e) => e.incidentId === ORGANISATION_STREAM);
  const alertEvents = events.filter(isAlertEvent);
  const streams = { incidents: incidentEvents, organisation: organisationEvents, alerts: alertEvents };
  await Promise.all(
    PROJECTIONS.map((p) => {
      const own = streams[p.stream];
      return own.length ? p.project(db, own) : undefined;
    }),
  );
}

/** Throws every projection's rows away, before a rebuild folds them again. */
export async function clearProjections(db: WarroomDatabase): Promise<void> {
  await Promise.all(PROJECTIONS.map((p) => p.clear(db)));
}
