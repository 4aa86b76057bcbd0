import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { Amendment, TimelineEvent } from '@shared/domain/timeline';
import { isFiltering, type TimelineFilter } from '@shared/domain/timelineFilter';

import { useDatabase } from '../../app/DatabaseContext';
import { amendmentsOf, filteredTimeline, timelineLength, timelineSlice } from '../../db/queries';

/** Rows are read in pages so that only what is on screen (plus a margin) is ever loaded. */
export const TIMELINE_PAGE = 100;

/**
 * `all`: the timeline's length before filtering (equal to `total` when nothing is filtered). A filtered
 * window brings the amendments it judged its rows by, read in the same snapshot.
 */
type Window = {
  offset: number;
  total: number;
  all: number;
  rows: TimelineEvent[];
  amendments?: Map<string, Amendment>;
  /** When the read began (performance.now()): it holds every write known done before then. */
  readAt: number;
};

/**
 * The timeline's rows around `first`..`last`, read live, together with the
 * timeline's length from the same snapshot: rows and count always agree, so a
 * new entry appears in one step, never as a shifted or empty row. The window
 * reaches a page past `last`, so entries appended at the bottom are already in it.
 * While a new window loads, the previous one is kept: scrolling never flashes empty rows.
 * Filtered, the window is every row that passes, read as one.
 */
export function useTimelineWindow(incidentId: string, first: number, last: number, filter: TimelineFilter) {
  const db = useDatabase();
  const startPage = Math.floor(Math.max(0, first) / TIMELINE_PAGE);
  const endPage = Math.floor(Math.max(0, last) / TIMELINE_PAGE) + 1;
  const offset = startPage * TIMELINE_PAGE;
  const limit = (endPage - startPage + 1) * TIMELINE_PAGE;

  const filtering = isFiltering(filter);
  const loaded = useLiveQuery(
    () =>
      filtering
        ? db.transaction('r', [db.events, db.amendments], async (): Promise<Window> => {
            const readAt = performance.now();
            const { rows, total, amendments } = await filteredTimeline(db, incidentId, filter);
            return { offset: 0, total: rows.length, all: total, rows, amendments, readAt };
          })
        : db.transaction('r', [db.incidents, db.events], async (): Promise<Window> => {
            const readAt = performance.now();
            const total = await timelineLength(db, incidentId);
            return { offset, total, all: total, rows: await timelineSlice(db, incidentId, offset, limit, total), readAt };
          }),
    // The filter is fixed for the list's life (the list is keyed by it).
    [db, incidentId, filtering ? 0 : offset, filtering ? 0 : limit, filtering],
  );
  // Filtered, the window already holds the amendments: they are not read twice.
  const amendments = useLiveQuery(() => (filtering ? null : amendmentsOf(db, incidentId)), [db, incidentId, filtering]);

  const [current, setCurrent] = useState<Window | undefined>(undefined);
  if (loaded && loaded !== current) setCurrent(loaded);

  return {
    /** Undefined until the first window has loaded. */
    total: current?.total,
    /** The timeline's length before any filter. */
    all: current?.all,
    rowAt(index: number): TimelineEvent | undefined {
      return current?.rows[index - current.offset];
    },
    amendmentOf(id: string): Amendment | undefined {
      return (current?.amendments ?? amendments)?.get(id);
    },
    ready: current !== undefined && (current.amendments !== undefined || amendments !== undefined),
    /** Whether this window already shows an entry written with `committed`: read after it, or holding its row. */
    shows(committed: { id: string; at: number }): boolean {
      return current !== undefined && (current.readAt > committed.at || current.rows.some((row) => row.id === committed.id));
    },
  };
}
