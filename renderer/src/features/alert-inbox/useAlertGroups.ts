import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import { useDatabase } from '../../app/DatabaseContext';
import { listFiringGroups, listResolvedGroups } from '../../db/alertQueries';
import type { AlertGroupRow } from '../../db/types';

/** Resolved groups the inbox shows below the firing ones. */
const RESOLVED_SHOWN = 20;

/** The firing groups, most urgent first, live; undefined while loading. */
export function useFiringGroups(): AlertGroupRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listFiringGroups(db), [db]);
}

export function useResolvedGroups(): AlertGroupRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listResolvedGroups(db, RESOLVED_SHOWN), [db]);
}

/** The time, moved on each minute: a silence ends, and "5 min ago" ages, without anything being written. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
