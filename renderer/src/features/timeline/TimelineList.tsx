import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';

import { isFiltering, type TimelineFilter } from '@shared/domain/timelineFilter';

import { t } from '../../i18n/i18n';
import { committedOf, useShownEntries } from '../../state/shownEntries';
import { TimelineFilterBar } from './TimelineFilterBar';
import { ShownRow, TimelineRow } from './TimelineRow';
import { useTimelineWindow } from './useTimelineWindow';

type Props = {
  incidentId: string;
  /** The timeline's length when the incident opened; after that the list follows its own reads. */
  initialTotal: number;
  /** Who is at this console ('' when unknown): marking an entry as key is done in their name. */
  actor: string;
  /** Which rows to show; fixed for the list's life (key the list by it). */
  filter: TimelineFilter;
};

const ESTIMATED_ROW_PX = 64;

/**
 * The incident's timeline, oldest first, newest at the bottom next to the
 * entry box. Only rows on screen are rendered; it follows new entries while
 * the reader is at the bottom and stays put while they read further up.
 */
// `initialTotal` is read once; later changes must not re-render the whole list.
export const TimelineList = memo(function TimelineList({ incidentId, initialTotal: unfiltered, actor, filter }: Props) {
  const filtering = isFiltering(filter);
  const initialTotal = filtering ? 0 : unfiltered;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [range, setRange] = useState(() => ({ first: Math.max(0, initialTotal - 40), last: Math.max(0, initialTotal - 1) }));
  const window = useTimelineWindow(incidentId, range.first, range.last, filter);
  const total = window.total ?? initialTotal;
  // Entries being written show below the log at once; each gives way to its row once a read holds it.
  // (A filtered list shows what it reads: it is not where a scribe is typing.)
  // Replaced entries are only hidden here, not dropped: dropping them would cost the list a second render (they are forgotten soon after).
  const shown = useShownEntries(incidentId).filter((entry) => {
    const committed = committedOf(entry);
    return !filtering && !(committed && window.shows(committed));
  });

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    initialRect: { width: 1000, height: 800 },
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      if (items.length === 0) return;
      const first = items[0]!.index;
      const last = items[items.length - 1]!.index;
      setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
    },
  });
  const items = virtualizer.getVirtualItems();

  // Open at the newest entry, and keep following while the reader is at the bottom.
  useLayoutEffect(() => {
    if (total > 0 && atBottom.current) virtualizer.scrollToIndex(total - 1, { align: 'end' });
  }, [total, virtualizer, window.ready]);

  // Screen readers hear each new entry at the bottom, without their focus moving.
  const [announcement, setAnnouncement] = useState('');
  const newest = window.rowAt(total - 1);
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!newest) return;
    // Whatever was newest when the incident opened is not news.
    if (announced.current !== null && announced.current !== newest.id && newest.type === 'timeline.entryLogged') {
      setAnnouncement(t('timeline.newEntry', { text: newest.payload.text.slice(0, 300) }));
    }
    announced.current = newest.id;
  }, [newest]);

  // Entries being written take the room under the list: the newest row stays in sight above them.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ESTIMATED_ROW_PX;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="timeline-column">
      <TimelineFilterBar
        incidentId={incidentId}
        filter={filter}
        counts={window.total === undefined || window.all === undefined ? null : { shown: window.total, total: window.all }}
      />
      <div className="visually-hidden" role="log" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div ref={scrollRef} className="timeline-scroll" tabIndex={0} aria-label={t('timeline.label')} role="region">
        {total === 0 ? (
          // Filtered, nothing is said until the rows are read: "none match" must not flash first.
          (!filtering || window.total !== undefined) && <p className="timeline-empty">{t(filtering ? 'timeline.filter.none' : 'timeline.empty')}</p>
        ) : (
          <ol className="timeline" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const event = window.rowAt(item.index);
              return (
                <li
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="timeline-item"
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-setsize={total}
                  aria-posinset={item.index + 1}
                >
                  {event ? (
                    <TimelineRow event={event} amendment={window.amendmentOf(event.id)} actor={actor} />
                  ) : (
                    <div className="timeline-row placeholder">{t('timeline.loading')}</div>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {/* Entries being written, right under the log's newest row: outside the scrolled list, they move nothing in it. */}
      {shown.length > 0 && (
        <ol className="timeline-saving" aria-busy="true">
          {shown.map((entry) => (
            <li key={entry.key}>
              <ShownRow entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}, (a, b) => a.incidentId === b.incidentId);
