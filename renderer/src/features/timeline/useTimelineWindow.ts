import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { Amendment, TimelineEvent } from '@shared/domain/timeline';

import { useDatabase } from '../../app/DatabaseContext';
import { amendmentsOf, timelineLength, timelineSlice } from '../../db/queries';

/** Rows are read in pages so that only what is on screen (plus a margin) is ever loaded. */
export const TIMELINE_PAGE = 100;

type Window = { offset: number; total: number; rows: TimelineEvent[] };

/**
 * The timeline's rows around `first`..`last`, read live, together with the
 * timeline's length from the same snapshot: rows and count always agree, so a
 * new entry appears in one step, never as a shifted or empty row. The window
 * reaches a page past `last`, so entries appended at the bottom are already in it.
 * While a new window loads, the previous one is kept: scrolling never flashes empty rows.
 */
export function useTimelineWindow(incidentId: string, first: number, last: number) {
  const db = useDatabase();
  const startPage = Math.floor(Math.max(0, first) / TIMELINE_PAGE);
  const endPage = Math.floor(Math.max(0, last) / TIMELINE_PAGE) + 1;
  const offset = startPage * TIMELINE_PAGE;
  const limit = (endPage - startPage + 1) * TIMELINE_PAGE;

  const loaded = useLiveQuery(
    () =>
      db.transaction('r', [db.incidents, db.events], async (): Promise<Window> => {
        const total = await timelineLength(db, incidentId);
        return { offset, total, rows: await timelineSlice(db, incidentId, offset, limit, total) };
      }),
    [db, incidentId, offset, limit],
  );
  const amendments = useLiveQuery(() => amendmentsOf(db, incidentId), [db, incidentId]);

  const [current, setCurrent] = useState<Window | undefined>(undefined);
  if (loaded && loaded !== current) setCurrent(loaded);

  return {
    /** Undefined until the first window has loaded. */
    total: current?.total,
    rowAt(index: number): TimelineEvent | undefined {
      return current?.rows[index - current.offset];
    },
    amendmentOf(id: string): Amendment | undefined {
      return amendments?.get(id);
    },
    ready: current !== undefined && amendments !== undefined,
  };
}
