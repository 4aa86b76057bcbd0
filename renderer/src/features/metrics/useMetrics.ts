/** The metrics as live reads: they follow every change to the log and to the settings. */
import { useLiveQuery } from 'dexie-react-hooks';

import type { IncidentMetrics } from '@shared/domain/metrics/incidentMetrics';

import { useDatabase } from '../../app/DatabaseContext';
import { readAllIncidentMetrics, readIncidentMetrics } from '../../db/metricsQueries';
import { useNow } from '../../ui/useNow';

/** Open incidents are judged up to now: without a write, the figures still move on this often. */
const REJUDGE_MS = 60_000;

/** Every incident's metrics; undefined while reading. Open incidents' cadence is judged up to the read. */
export function useAllIncidentMetrics(): IncidentMetrics[] | undefined {
  const db = useDatabase();
  const now = useNow(REJUDGE_MS);
  return useLiveQuery(() => readAllIncidentMetrics(db, now), [db, now]);
}

/** One incident's metrics; undefined while reading, null when this console does not hold its declaration. */
export function useIncidentMetrics(incidentId: string): IncidentMetrics | null | undefined {
  const db = useDatabase();
  const now = useNow(REJUDGE_MS);
  return useLiveQuery(() => readIncidentMetrics(db, incidentId, now), [db, incidentId, now]);
}
