import { describe, expect, it } from 'vitest';

import { formatInZone, formatOffset, offsetMinutes, offsetsDuring } from './zonedTime';

describe('times on a zone’s wall clock', () => {
  it('writes the date and a 24-hour time, the same in every zone’s format', () => {
    expect(formatInZone('2026-11-22T13:03:05.000Z', 'Europe/Copenhagen')).toBe('2026-11-22 14:03:05');
    expect(formatInZone('2026-11-22T13:03:05.999Z', 'UTC')).toBe('2026-11-22 13:03:05');
    expect(formatInZone('2026-11-22T23:30:00.000Z', 'Europe/Copenhagen')).toBe('2026-11-23 00:30:00');
    expect(formatInZone('2026-11-22T04:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-21 20:00:00');
    expect(formatInZone('2026-11-22T13:03:05.000Z', 'Asia/Kolkata')).toBe('2026-11-22 18:33:05');
  });

  it('knows the offset at each instant, daylight saving included', () => {
    expect(offsetMinutes('2026-01-15T12:00:00.000Z', 'Europe/Copenhagen')).toBe(60);
    expect(offsetMinutes('2026-07-15T12:00:00.000Z', 'Europe/Copenhagen')).toBe(120);
    expect(offsetMinutes('2026-07-15T12:00:00.000Z', 'America/St_Johns')).toBe(-150);
    expect(offsetMinutes('2026-07-15T12:00:00.500Z', 'UTC')).toBe(0);
    expect(formatOffset(-150)).toBe('UTC-02:30');
    expect(formatOffset(330)).toBe('UTC+05:30');
    expect(formatOffset(0)).toBe('UTC+00:00');
  });

  it('lists each offset an incident ran through once, in the order met', () => {
    // Copenhagen leaves summer time at 01:00 UTC on 25 October 2026.
    const night = ['2026-10-25T00:30:00.000Z', '2026-10-25T00:59:59.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T03:00:00.000Z'];
    expect(offsetsDuring(night, 'Europe/Copenhagen')).toEqual(['UTC+02:00', 'UTC+01:00']);
    expect(formatInZone(night[1]!, 'Europe/Copenhagen')).toBe('2026-10-25 02:59:59');
    expect(formatInZone(night[2]!, 'Europe/Copenhagen')).toBe('2026-10-25 02:00:00');
    expect(offsetsDuring(night, 'UTC')).toEqual(['UTC+00:00']);
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => formatInZone('2026-11-22T13:03:05.000Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
