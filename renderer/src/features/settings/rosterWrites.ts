/**
 * Changes to the on-call rosters, one at a time on this console, each made to
 * the rosters as this console holds them at the moment of writing (not as a
 * dialog saw them when it opened). A change made meanwhile on another console
 * is not overwritten: both stay, shown as a conflict until someone keeps one.
 */
import type { Override, Roster } from '@shared/domain/oncall';

import type { WarroomDatabase } from '../../db/database';
import { changeSetting, getOrganisation } from '../../db/organisation';

let writing: Promise<unknown> = Promise.resolve();

/** Applies `change` to the rosters as they are now, and writes the result in place of the version it read. */
export function changeRosters(db: WarroomDatabase, change: (rosters: readonly Roster[]) => Roster[], actor: string): Promise<string> {
  const write = writing.then(async () => {
    const { settings, heads } = await getOrganisation(db);
    // In a conflict, only the version read is replaced: the others stay for a person to choose between.
    return changeSetting(db, 'rosters', change(settings.rosters), actor, Date.now, heads.rosters.slice(0, 1));
  });
  writing = write.catch(() => undefined);
  return write;
}

/** The roster saved in place of the one with its id, or added at the end. */
export const withRoster = (roster: Roster) => (rosters: readonly Roster[]) =>
  rosters.some((r) => r.id === roster.id) ? rosters.map((r) => (r.id === roster.id ? roster : r)) : [...rosters, roster];

/** The roster as its dialog edited it, keeping what the dialog does not edit as it is now: its overrides and calendar feed. */
export const withEditedRoster = (edited: Roster) => (rosters: readonly Roster[]) => {
  const current = rosters.find((r) => r.id === edited.id);
  const { feed: _feed, ...rest } = edited;
  return withRoster({ ...rest, overrides: current?.overrides ?? edited.overrides, ...(current?.feed ? { feed: current.feed } : {}) })(rosters);
};

export const withoutRoster = (id: string) => (rosters: readonly Roster[]) => rosters.filter((r) => r.id !== id);

/** Overrides ended this long ago are let go when an override is added: the log keeps them. */
export const OVERRIDES_KEPT_MS = 30 * 86_400_000;

/** The overrides a roster keeps at `now`: those not long over. */
export const keptOverrides = (overrides: readonly Override[], now: number) => overrides.filter((o) => Date.parse(o.to) > now - OVERRIDES_KEPT_MS);

/** The override added to its roster, letting go of those long over. */
export const withOverride = (rosterId: string, override: Override, now = Date.now()) => (rosters: readonly Roster[]) =>
  rosters.map((r) => (r.id === rosterId ? { ...r, overrides: [...keptOverrides(r.overrides, now), override] } : r));
