import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { Amendment, TimelineEvent } from '@shared/domain/timeline';

import { useDatabase } from '../../app/DatabaseContext';
import { amendmentsOf, timelineLength, timelineSlice } from '../../db/queries';

/** Rows are read in pages so that only what is on screen (plus a margin) is ever loaded. */
export const TIMELINE_PAGE = 100;

export function useTimelineLength(incidentId: string): number | undefined {
  const db = useDatabase();
  return useLiveQuery(() => timelineLength(db, incidentId), [db, incidentId]);
}

type Window = { offset: number; rows: TimelineEvent[] };

/**
 * The rows between `first` and `last` (inclusive), read live. While a new
 * window loads, the previous one is kept so scrolling never flashes empty rows.
 */
export function useTimelineWindow(incidentId: string, total: number, first: number, last: number) {
  const db = useDatabase();
  const startPage = Math.floor(Math.max(0, first) / TIMELINE_PAGE);
  const endPage = Math.floor(Math.max(0, last) / TIMELINE_PAGE);
  const offset = startPage * TIMELINE_PAGE;
  const limit = (endPage - startPage + 1) * TIMELINE_PAGE;

  const loaded = useLiveQuery(
    async (): Promise<Window> => ({ offset, rows: await timelineSlice(db, incidentId, offset, limit, total) }),
    [db, incidentId, offset, limit, total],
  );
  const amendments = useLiveQuery(() => amendmentsOf(db, incidentId), [db, incidentId]);

  const [current, setCurrent] = useState<Window>({ offset: 0, rows: [] });
  if (loaded && loaded !== current) setCurrent(loaded);

  return {
    rowAt(index: number): TimelineEvent | undefined {
      return current.rows[index - current.offset];
    },
    amendmentOf(id: string): Amendment | undefined {
      return amendments?.get(id);
    },
    ready: loaded !== undefined && amendments !== undefined,
  };
}
