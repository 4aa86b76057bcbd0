import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../app/DatabaseContext';
import { getProfileName } from '../../db/queries';

/** The name of the person at this console; undefined while loading, '' when unset. */
export function useProfileName(): string | undefined {
  const db = useDatabase();
  return useLiveQuery(() => getProfileName(db), [db]);
}
