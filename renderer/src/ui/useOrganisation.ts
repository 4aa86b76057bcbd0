import { useLiveQuery } from 'dexie-react-hooks';

import type { OrganisationView } from '@shared/domain/organisation';

import { useDatabase } from '../app/DatabaseContext';
import { getOrganisation } from '../db/organisation';

/** The organisation's settings, live; undefined while the first read is under way. */
export function useOrganisation(): OrganisationView | undefined {
  const db = useDatabase();
  return useLiveQuery(() => getOrganisation(db), [db]);
}
