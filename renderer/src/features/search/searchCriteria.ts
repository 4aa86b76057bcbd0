/**
 * A search as it travels in the address: `#/search?q=dns+timeout&service=dns&priority=P1&from=2026-01-01&drills=1`.
 * Words and filters live in the route, so a search can be linked to, bookmarked and come back to with Back.
 */
import { DAY_REGEX } from '@shared/domain/events';
import { PRIORITIES, type Priority } from '@shared/domain/priority';
import { STATUS_FILTERS, type SearchFilters, type StatusFilter } from '@shared/search/filters';
import { ROUTES } from '../../app/router';

export type SearchCriteria = {
  text: string;
  /** One service, or '' for any. */
  service: string;
  /** One tag, or '' for any. */
  tag: string;
  priorities: Priority[];
  status: StatusFilter;
  /** Calendar days (YYYY-MM-DD) in this console's time zone, or ''. */
  from: string;
  to: string;
  drills: boolean;
};

export const NO_CRITERIA: SearchCriteria = { text: '', service: '', tag: '', priorities: [], status: 'any', from: '', to: '', drills: false };

/** Longer queries are pasted log output, not words to search for. */
export const MAX_QUERY_LENGTH = 500;

function day(value: string | null): string {
  if (!value || !DAY_REGEX.test(value)) return '';
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value : '';
}

export function parseCriteria(query: string): SearchCriteria {
  const params = new URLSearchParams(query);
  const status = params.get('status');
  return {
    text: (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH),
    service: params.get('service') ?? '',
    tag: params.get('tag') ?? '',
    priorities: PRIORITIES.filter((p) => params.getAll('priority').includes(p)),
    status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : 'any',
    from: day(params.get('from')),
    to: day(params.get('to')),
    drills: params.get('drills') === '1',
  };
}

/** The route for a search: only what differs from no criteria is written. */
export function searchRoute(criteria: SearchCriteria): string {
  const params = new URLSearchParams();
  if (criteria.text) params.set('q', criteria.text);
  if (criteria.service) params.set('service', criteria.service);
  if (criteria.tag) params.set('tag', criteria.tag);
  for (const priority of criteria.priorities) params.append('priority', priority);
  if (criteria.status !== 'any') params.set('status', criteria.status);
  if (criteria.from) params.set('from', criteria.from);
  if (criteria.to) params.set('to', criteria.to);
  if (criteria.drills) params.set('drills', '1');
  const query = params.toString();
  return query ? `${ROUTES.search}?${query}` : ROUTES.search;
}

/** Midnight at the start of a calendar day in this console's time zone, as an instant. */
function startOfDay(value: string, plusDays = 0): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export function filtersOf(criteria: SearchCriteria): SearchFilters {
  return {
    services: criteria.service ? [criteria.service] : [],
    tags: criteria.tag ? [criteria.tag] : [],
    priorities: criteria.priorities,
    status: criteria.status,
    ...(criteria.from ? { declaredFrom: startOfDay(criteria.from) } : {}),
    // "Until" a day includes that whole day.
    ...(criteria.to ? { declaredBefore: startOfDay(criteria.to, 1) } : {}),
    includeDrills: criteria.drills,
  };
}

export function hasFilters(criteria: SearchCriteria): boolean {
  return (
    criteria.service !== '' ||
    criteria.tag !== '' ||
    criteria.priorities.length > 0 ||
    criteria.status !== 'any' ||
    criteria.from !== '' ||
    criteria.to !== '' ||
    criteria.drills
  );
}
