/** Changes to the on-call rosters, made to the list as this console holds it at the moment of writing. */
import type { Roster } from '@shared/domain/oncall';

import type { WarroomDatabase } from '../../db/database';
import { changeSetting, getOrganisation } from '../../db/organisation';

/** Applies `change` to the rosters as they are now (not as a dialog saw them when it opened), and writes the result. */
export async function changeRosters(db: WarroomDatabase, change: (rosters: readonly Roster[]) => Roster[], actor: string): Promise<string> {
  const { settings } = await getOrganisation(db);
  return changeSetting(db, 'rosters', change(settings.rosters), actor);
}

/** The roster saved in place of the one with its id, or added at the end. */
export const withRoster = (roster: Roster) => (rosters: readonly Roster[]) =>
  rosters.some((r) => r.id === roster.id) ? rosters.map((r) => (r.id === roster.id ? roster : r)) : [...rosters, roster];

export const withoutRoster = (id: string) => (rosters: readonly Roster[]) => rosters.filter((r) => r.id !== id);
