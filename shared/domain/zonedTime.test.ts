import { describe, expect, it } from 'vitest';

import { instantOfWallTime, wallTimeOf } from './zonedTime';

const wall = (text: string) => {
  const [date, time] = text.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute, second: 0 };
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock times in a zone', () => {
  it('reads ordinary times, and the zone’s clock at an instant', () => {
    expect(iso(instantOfWallTime(wall('2026-12-07T09:00'), 'Europe/Copenhagen'))).toBe('2026-12-07T08:00:00.000Z');
    expect(iso(instantOfWallTime(wall('2026-07-07T09:00'), 'Europe/Copenhagen'))).toBe('2026-07-07T07:00:00.000Z');
    expect(iso(instantOfWallTime(wall('2026-12-07T09:00'), 'Asia/Kolkata'))).toBe('2026-12-07T03:30:00.000Z');
    expect(wallTimeOf(Date.parse('2026-12-07T23:30:00Z'), 'Europe/Copenhagen')).toEqual({ year: 2026, month: 12, day: 8, hour: 0, minute: 30, second: 0 });
  });

  it('reads a time the clocks skip as after the gap, and a time they repeat as its first occurrence', () => {
    expect(iso(instantOfWallTime(wall('2026-03-29T02:30'), 'Europe/Copenhagen'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(instantOfWallTime(wall('2026-10-25T02:30'), 'Europe/Copenhagen'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOfWallTime(wall('2026-11-01T01:30'), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantOfWallTime(wall('2026-03-08T02:30'), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('lets the day overflow as Date.UTC does, for turns counted in days', () => {
    expect(iso(instantOfWallTime({ ...wall('2026-01-31T09:00'), day: 31 + 28 }, 'UTC'))).toBe('2026-02-28T09:00:00.000Z');
  });
});
