import { Dexie } from 'dexie';

import type { WarroomDatabase } from './database';

/** The newest entry (by timeline order) in an incident, for "↑ corrects the last entry". */
export async function lastEntryId(db: WarroomDatabase, incidentId: string): Promise<string | null> {
  const row = await db.events
    .where('[incidentId+tl]')
    .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
    .reverse()
    .filter((e) => e.type === 'timeline.entryLogged')
    .first();
  return row?.id ?? null;
}
