import { describe, expect, it } from 'vitest';

import { filtersOf, hasFilters, NO_CRITERIA, parseCriteria, searchRoute } from './searchCriteria';

describe('a search in the address', () => {
  it('reads back what it wrote', () => {
    const criteria = { text: 'dns timeout & “more”', service: 'checkout api', tag: 'dns', priorities: ['P1' as const, 'P3' as const], status: 'resolved' as const, from: '2026-01-01', to: '2026-02-28', drills: true };
    const route = searchRoute(criteria);
    expect(route.startsWith('#/search?q=dns+timeout')).toBe(true);
    expect(parseCriteria(route.slice('#/search?'.length))).toEqual(criteria);
  });

  it('writes nothing for no criteria, and ignores what it does not understand', () => {
    expect(searchRoute(NO_CRITERIA)).toBe('#/search');
    expect(parseCriteria('priority=P9&priority=P2&status=maybe&from=2026-02-30&to=yesterday&drills=yes')).toEqual({ ...NO_CRITERIA, priorities: ['P2'] });
    expect(hasFilters(parseCriteria('q=x'))).toBe(false);
    expect(hasFilters(parseCriteria('drills=1'))).toBe(true);
  });

  it('turns calendar days into instants that include the whole last day', () => {
    const filters = filtersOf({ ...NO_CRITERIA, from: '2026-03-01', to: '2026-03-31' });
    expect(filters.declaredFrom).toBe(new Date(2026, 2, 1).toISOString());
    expect(filters.declaredBefore).toBe(new Date(2026, 3, 1).toISOString());
    expect(filtersOf(NO_CRITERIA)).toEqual({ services: [], tags: [], priorities: [], status: 'any', includeDrills: false });
  });
});
