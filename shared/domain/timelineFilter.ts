/**
 * Which timeline rows to show: entry types, changes (the console's own rows:
 * joins, moves, messages), key entries only, one person's. Kept in the
 * incident's address (`?show=decision,action&key=1&by=Ada`), so a filtered
 * timeline can be reloaded, bookmarked and shared.
 */
import { ENTRY_KINDS } from './events';
import { resolveEntry, type Amendment, type TimelineEvent } from './timeline';

/** What a row can be shown as: one of the entry types, or a change. */
export const ROW_TYPES = [...ENTRY_KINDS, 'change'] as const;
export type RowType = (typeof ROW_TYPES)[number];

export type TimelineFilter = {
  /** The types shown; every type when the filter is off. */
  show: RowType[];
  keyOnly: boolean;
  /** Only rows by this person (as named on the row); '' for everyone. */
  by: string;
};

export const NO_FILTER: TimelineFilter = { show: [...ROW_TYPES], keyOnly: false, by: '' };

/** The longest name kept from an address: a name, not a document. */
const MAX_NAME = 120;

export function parseTimelineFilter(query: string): TimelineFilter {
  const params = new URLSearchParams(query);
  const show = params.get('show');
  const types = show === null ? [...ROW_TYPES] : ROW_TYPES.filter((type) => show.split(',').includes(type));
  return {
    show: types,
    keyOnly: params.get('key') === '1',
    by: (params.get('by') ?? '').replace(/\p{Cc}/gu, '').trim().slice(0, MAX_NAME),
  };
}

/** The address query for a filter: empty when it shows everything. */
export function timelineFilterQuery(filter: TimelineFilter): string {
  const params = new URLSearchParams();
  if (filter.show.length !== ROW_TYPES.length) params.set('show', ROW_TYPES.filter((type) => filter.show.includes(type)).join(','));
  if (filter.keyOnly) params.set('key', '1');
  if (filter.by) params.set('by', filter.by);
  return params.toString();
}

export function isFiltering(filter: TimelineFilter): boolean {
  return timelineFilterQuery(filter) !== '';
}

/** Whether a row passes; an entry is judged as it reads now (its corrected type, its key mark). */
export function rowMatches(event: TimelineEvent, amendment: Amendment | undefined, filter: TimelineFilter): boolean {
  if (filter.by && event.actor.toLocaleLowerCase() !== filter.by.toLocaleLowerCase()) return false;
  if (event.type !== 'timeline.entryLogged') return !filter.keyOnly && filter.show.includes('change');
  const entry = resolveEntry(event, amendment);
  if (filter.keyOnly && !entry.key) return false;
  return filter.show.includes(entry.kind);
}
