/** The metrics as live reads: they follow every change to the log and to the settings. */
import { useLiveQuery } from 'dexie-react-hooks';

import type { IncidentMetrics } from '@shared/domain/metrics/incidentMetrics';

import { useDatabase } from '../../app/DatabaseContext';
import { readAllIncidentMetrics, readIncidentMetrics } from '../../db/metricsQueries';

/** Every incident's metrics; undefined while reading. Open incidents' cadence is judged up to the read. */
export function useAllIncidentMetrics(): IncidentMetrics[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readAllIncidentMetrics(db, Date.now()), [db]);
}

/** One incident's metrics; undefined while reading, null when this console does not hold its declaration. */
export function useIncidentMetrics(incidentId: string): IncidentMetrics | null | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readIncidentMetrics(db, incidentId, Date.now()), [db, incidentId]);
}
