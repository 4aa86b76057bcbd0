import { describe, expect, it } from 'vitest';

import { NO_FILTER } from '@shared/domain/metrics/aggregate';

import { setLocale } from '../../i18n/locale';
import { formatElapsed, formatPeriod } from './formatMetrics';
import { DEFAULT_VIEW, isFiltered, metricsHash, parseMetricsQuery, type MetricsView } from './metricsQuery';

describe('the dashboard’s address', () => {
  it('holds only what differs from the defaults, and reads back the same view', () => {
    expect(metricsHash(DEFAULT_VIEW)).toBe('#/metrics');
    const view: MetricsView = {
      filter: { from: '2026-01-01', to: '2026-03-31', services: ['dns', 'edge api'], priorities: ['P1', 'P2'], kinds: ['security'], tags: ['network'], includeDrills: true },
      metric: 'tta',
    };
    const hash = metricsHash(view);
    expect(hash).toBe('#/metrics?from=2026-01-01&to=2026-03-31&service=dns&service=edge+api&priority=P1&priority=P2&kind=security&tag=network&drills=1&metric=tta');
    expect(parseMetricsQuery(hash.slice('#/metrics?'.length))).toEqual(view);
  });

  it('drops what a hand-edited address gets wrong', () => {
    const view = parseMetricsQuery('from=2026-02-30&to=yesterday&priority=P9&priority=P3&priority=P3&kind=physical&drills=yes&metric=mtbf&service=&tag=%20');
    expect(view).toEqual({ filter: { ...NO_FILTER, priorities: ['P3'] }, metric: 'ttr' });
  });

  it('knows whether any filter is set', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, includeDrills: true })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, tags: ['dns'] })).toBe(true);
  });
});

describe('formatElapsed', () => {
  const MINUTE = 60_000;
  it('writes the two largest units, seconds only under a minute', () => {
    expect(formatElapsed(0)).toBe('0 s');
    expect(formatElapsed(45_000)).toBe('45 s');
    expect(formatElapsed(12 * MINUTE + 20_000)).toBe('12 min');
    expect(formatElapsed(60 * MINUTE)).toBe('1 h');
    expect(formatElapsed(72 * MINUTE)).toBe('1 h 12 min');
    expect(formatElapsed((3 * 24 + 4) * 60 * MINUTE + 59 * MINUTE)).toBe('3 d 4 h');
    expect(formatElapsed(1_500 * 24 * 60 * MINUTE)).toBe('1,500 d');
  });

  it('speaks the window’s language', () => {
    setLocale('da');
    expect(formatElapsed(72 * MINUTE)).toBe('1 t 12 min');
    expect(formatElapsed(1_500 * 24 * 60 * MINUTE)).toBe('1.500 d');
  });
});

describe('formatPeriod', () => {
  it('names a month, or the day a week starts, in UTC', () => {
    expect(formatPeriod('2026-03-01', 'month', 'en')).toBe('Mar 2026');
    expect(formatPeriod('2026-03-02', 'week', 'en')).toBe('2 Mar 2026');
    expect(formatPeriod('2026-03-02', 'week', 'da')).toMatch(/^2\. mar\.? 2026$/);
  });
});
