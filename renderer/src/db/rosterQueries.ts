/** Reads of roles and engagement. Each is one plain Dexie read, fit for `useLiveQuery`. */
import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { commanderOf, emptyRoster, rolesOf, viewRoster, type CommanderView, type RosterState, type RosterView } from '@shared/domain/roster';

import type { WarroomDatabase } from './database';
import { liveHypothesisOwners } from './hypothesisQueries';
import { getOrganisation } from './organisation';

export async function getRosterState(db: WarroomDatabase, incidentId: string): Promise<RosterState> {
  return (await db.rosters.get(incidentId))?.state ?? emptyRoster(incidentId);
}

/** The roster, the role catalogue it is read against and the people to reach: what changes when someone is paged or handed a role. */
export async function getRosterParts(db: WarroomDatabase, incidentId: string) {
  const [state, organisation] = await Promise.all([getRosterState(db, incidentId), getOrganisation(db)]);
  return { state, roles: organisation.settings.roles, contacts: organisation.settings.contacts };
}

/** Everything the people view shows, in one read: roles against the catalogue, engagement, release candidates. */
export async function getRosterView(db: WarroomDatabase, incidentId: string): Promise<RosterView> {
  const [state, organisation, owners] = await Promise.all([
    getRosterState(db, incidentId),
    getOrganisation(db),
    liveHypothesisOwners(db, incidentId),
  ]);
  return viewRoster(state, organisation.settings.roles, owners);
}

/** Who is in command: cheap enough for a header shown on every view. */
export async function getCommander(db: WarroomDatabase, incidentId: string): Promise<CommanderView> {
  const [state, organisation] = await Promise.all([getRosterState(db, incidentId), getOrganisation(db)]);
  const catalogue = organisation.settings.roles.filter((r) => r.id === COMMANDER_ROLE);
  const commanderOnly: RosterState = { ...state, roles: state.roles[COMMANDER_ROLE] ? { [COMMANDER_ROLE]: state.roles[COMMANDER_ROLE] } : {} };
  return commanderOf(rolesOf(commanderOnly, catalogue), catalogue);
}
