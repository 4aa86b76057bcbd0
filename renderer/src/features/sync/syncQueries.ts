/** What the sync screens read from the database, live. */
import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../app/DatabaseContext';
import type { WarroomDatabase } from '../../db/database';
import { listQuarantined, type QuarantineRow } from '../../db/quarantine';
import { getMembership } from '../../db/syncStore';
import type { IncidentRow, RefusedRow, SyncMeta } from '../../db/types';

/**
 * Fields in conflict across open incidents and their hypotheses: what someone must resolve.
 * Reads only the rows the projections mark as conflicted, plus the incidents of conflicted
 * hypotheses (for whether they are closed): this runs on every write, on every page.
 */
export async function countConflicts(db: WarroomDatabase): Promise<number> {
  const [incidents, hypotheses] = await Promise.all([
    db.incidents.where('conflicted').equals(1).toArray(),
    db.hypotheses.where('conflicted').equals(1).toArray(),
  ]);
  const byId = new Map<string, IncidentRow>(incidents.map((row) => [row.id, row]));
  const unread = [...new Set(hypotheses.map((row) => row.incidentId))].filter((id) => id !== '' && !byId.has(id));
  if (unread.length) {
    for (const row of await db.incidents.bulkGet(unread)) if (row) byId.set(row.id, row);
  }
  const isOpen = (incidentId: string) => {
    const summary = byId.get(incidentId)?.summary;
    return !!summary && summary.status !== 'closed';
  };
  let count = 0;
  for (const row of incidents) if (isOpen(row.id)) count += row.summary!.conflicts.length;
  for (const row of hypotheses) if (isOpen(row.incidentId)) count += row.summary?.conflicts.length ?? 0;
  return count;
}

const QUARANTINE_SHOWN = 50;

export type SyncFacts = {
  membership: SyncMeta | null;
  waiting: number;
  conflicts: number;
  refused: RefusedRow[];
  /** The newest events set aside, and how many there are in all. */
  quarantined: QuarantineRow[];
  quarantinedCount: number;
};

export function useSyncFacts(): SyncFacts | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [membership, waiting, conflicts, refused, quarantined, quarantinedCount] = await Promise.all([
      getMembership(db),
      db.outbox.count(),
      countConflicts(db),
      db.refused.limit(50).toArray(),
      listQuarantined(db, QUARANTINE_SHOWN),
      db.quarantine.count(),
    ]);
    return { membership, waiting, conflicts, refused, quarantined, quarantinedCount };
  }, [db]);
}
