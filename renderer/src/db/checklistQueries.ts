import { emptyChecklists, viewChecklists, type ChecklistView } from '@shared/domain/checklists';

import type { WarroomDatabase } from './database';

/** An incident's checklists, in the order they were attached. */
export async function checklistsOf(db: WarroomDatabase, incidentId: string): Promise<ChecklistView[]> {
  return viewChecklists((await db.checklists.get(incidentId)) ?? emptyChecklists(incidentId));
}

/** The runbook ids each of these incidents holds, by incident. */
export async function attachedRunbooks(db: WarroomDatabase, incidentIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await db.checklists.bulkGet([...incidentIds]);
  return new Map(incidentIds.map((id, i) => [id, new Set(Object.keys(rows[i]?.attached ?? {}))]));
}
