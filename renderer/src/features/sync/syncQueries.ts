/** What the sync screens read from the database, live. */
import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../app/DatabaseContext';
import type { WarroomDatabase } from '../../db/database';
import { getMembership } from '../../db/syncStore';
import type { RefusedRow, SyncMeta } from '../../db/types';

/** Fields in conflict across open incidents and their hypotheses: what someone must resolve. */
export async function countConflicts(db: WarroomDatabase): Promise<number> {
  const [incidents, hypotheses] = await Promise.all([db.incidents.toArray(), db.hypotheses.toArray()]);
  const open = new Set(incidents.filter((row) => row.summary && row.summary.status !== 'closed').map((row) => row.id));
  let count = 0;
  for (const row of incidents) if (open.has(row.id)) count += row.summary!.conflicts.length;
  for (const row of hypotheses) if (open.has(row.incidentId)) count += row.summary?.conflicts.length ?? 0;
  return count;
}

export type SyncFacts = { membership: SyncMeta | null; waiting: number; conflicts: number; refused: RefusedRow[] };

export function useSyncFacts(): SyncFacts | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [membership, waiting, conflicts, refused] = await Promise.all([
      getMembership(db),
      db.outbox.count(),
      countConflicts(db),
      db.refused.limit(50).toArray(),
    ]);
    return { membership, waiting, conflicts, refused };
  }, [db]);
}
