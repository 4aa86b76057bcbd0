/**
 * The metrics' reads: every incident's facts and the settings they are judged
 * by, then the figures computed from them. One small row per incident is read,
 * never the events.
 */
import { aggregateMetrics, type Dashboard, type MetricsFilter } from '@shared/domain/metrics/aggregate';
import { incidentMetrics, type IncidentMetrics, type MetricsSettings } from '@shared/domain/metrics/incidentMetrics';

import type { WarroomDatabase } from './database';
import { getOrganisation } from './organisation';

/**
 * Every declared incident's metrics; an open incident's cadence is judged up to `asOf` (ms).
 * One read transaction: the rows and the settings agree, and in a live query an explicit
 * transaction keeps Dexie's query cache from deep-cloning every row it returns.
 */
export async function readAllIncidentMetrics(db: WarroomDatabase, asOf: number): Promise<IncidentMetrics[]> {
  const [rows, settings] = await db.transaction('r', db.incidentFacts, db.meta, () => Promise.all([db.incidentFacts.toArray(), readMetricsSettings(db)]));
  const out: IncidentMetrics[] = [];
  for (const row of rows) {
    const metrics = incidentMetrics(row.facts, settings, asOf);
    if (metrics) out.push(metrics);
  }
  return out;
}

/** One incident's metrics; null for an incident this console does not hold (or whose declaration has not arrived). */
export async function readIncidentMetrics(db: WarroomDatabase, incidentId: string, asOf: number): Promise<IncidentMetrics | null> {
  const [row, settings] = await Promise.all([db.incidentFacts.get(incidentId), readMetricsSettings(db)]);
  return row ? incidentMetrics(row.facts, settings, asOf) : null;
}

/** Everything the dashboard shows for one set of filters. */
export async function readDashboard(db: WarroomDatabase, filter: MetricsFilter, asOf: number): Promise<Dashboard> {
  return aggregateMetrics(await readAllIncidentMetrics(db, asOf), filter);
}

async function readMetricsSettings(db: WarroomDatabase): Promise<MetricsSettings> {
  const { settings } = await getOrganisation(db);
  return { roles: settings.roles, audiences: settings.audiences };
}
