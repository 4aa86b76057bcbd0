/** Narrowing a search: by service, priority, when it was declared, tags, open or resolved, and drills. */
import type { Priority } from '../domain/priority';
import { nameKey } from '../domain/text';
import { isOpenStatus } from '../domain/events';
import type { IncidentFacts } from './document';

export const STATUS_FILTERS = ['any', 'open', 'resolved'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export type SearchFilters = {
  /** Any of these services (compared as names: case and spacing do not matter). */
  services?: readonly string[];
  priorities?: readonly Priority[];
  /** Declared at or after this instant (ISO). */
  declaredFrom?: string;
  /** Declared before this instant (ISO). */
  declaredBefore?: string;
  /** Any of these tags. */
  tags?: readonly string[];
  /** 'resolved' covers closed incidents too. */
  status?: StatusFilter;
  /** Drills are exercises, not history: left out unless asked for. */
  includeDrills?: boolean;
};

/** Whether any filter narrows the search (drills aside: leaving them out is the default, not a narrowing). */
export function narrows(filters: SearchFilters): boolean {
  return Boolean(
    filters.services?.length ||
      filters.priorities?.length ||
      filters.declaredFrom ||
      filters.declaredBefore ||
      filters.tags?.length ||
      (filters.status && filters.status !== 'any'),
  );
}

/** A test of one incident's facts against `filters`, prepared once per search. */
export function filterTest(filters: SearchFilters): (facts: IncidentFacts) => boolean {
  const services = filters.services?.length ? new Set(filters.services.map(nameKey)) : null;
  const tags = filters.tags?.length ? new Set(filters.tags.map((tag) => tag.toLowerCase())) : null;
  const priorities = filters.priorities?.length ? new Set(filters.priorities) : null;
  const status = filters.status ?? 'any';
  return (facts) => {
    if (facts.drill && !filters.includeDrills) return false;
    if (priorities && !priorities.has(facts.priority)) return false;
    if (filters.declaredFrom && facts.declaredAt < filters.declaredFrom) return false;
    if (filters.declaredBefore && facts.declaredAt >= filters.declaredBefore) return false;
    if (status !== 'any' && isOpenStatus(facts.status) !== (status === 'open')) return false;
    if (services && !facts.services.some((service) => services.has(nameKey(service)))) return false;
    if (tags && !facts.tags.some((tag) => tags.has(tag))) return false;
    return true;
  };
}
