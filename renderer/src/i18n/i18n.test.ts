import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { formatClock, formatDateTime, formatDuration, formatNumber, formatRelative, formatSpan, formatTime, formatTimeWithZone, formatZoneName, t, translate } from './i18n';
import { setLocale, type Locale } from './locale';

// A Danish catalogue with one message, so the fallback for the rest is seen whatever the translators have done.
vi.mock('./da', () => ({ da: { 'app.retry': 'Prøv igen', 'timeline.by': 'af {name}', 'app.reload': '' } }));

const declared = new Date(2026, 10, 22, 14, 2, 11);
const evening = new Date(2026, 10, 22, 21, 5, 0);
/** 22 November 2026, 13:02:11 UTC: 14:02:11 in Copenhagen. */
const instant = new Date(Date.UTC(2026, 10, 22, 13, 2, 11));

describe('messages', () => {
  it('are in the window language, filling placeholders', () => {
    expect(t('timeline.by', { name: 'Ada' })).toBe('by Ada');
    act(() => setLocale('da'));
    expect(t('timeline.by', { name: 'Ada' })).toBe('af Ada');
    expect(t('app.retry')).toBe('Prøv igen');
  });

  it('fall back to English for a key Danish lacks or leaves blank', () => {
    act(() => setLocale('da'));
    expect(t('app.skipToContent')).toBe('Skip to content');
    expect(t('app.reload')).toBe('Reload');
    expect(t('app.rebuilding', { done: 1, total: 2 })).toBe('Rebuilding views from the log: 1 of 2 events');
  });

  it('can be written in a language other than the screen’s', () => {
    expect(translate('da', 'timeline.by', { name: 'Ada' })).toBe('af Ada');
    act(() => setLocale('da'));
    expect(translate('en', 'timeline.by', { name: 'Ada' })).toBe('by Ada');
  });

  it('fall back to English for a language this build does not speak', () => {
    expect(translate('sv' as Locale, 'timeline.by', { name: 'Ada' })).toBe('by Ada');
  });

  it('leave a placeholder without a value as it is', () => {
    expect(t('timeline.by', { other: 'x' })).toBe('by {name}');
  });
});

describe('dates and times', () => {
  it('write dates in each locale’s own order and words', () => {
    expect(formatDateTime(declared)).toBe('22 Nov 2026 14:02:11');
    expect(formatDateTime(declared, 'da')).toBe('22. nov. 2026 14:02:11');
    act(() => setLocale('da'));
    expect(formatDateTime(declared)).toBe('22. nov. 2026 14:02:11');
  });

  it('use a 24-hour clock in both languages', () => {
    for (const locale of ['en', 'da'] as const) {
      expect(formatTime(evening, locale)).toBe('21:05:00');
      expect(formatDateTime(evening, locale)).toMatch(/ 21:05:00$/);
      expect(formatTimeWithZone(evening, locale)).toMatch(/^21:05 GMT/);
      expect(formatClock(instant, 'America/Los_Angeles', locale)).toBe('05:02:11');
    }
  });

  it('write durations in the locale’s words', () => {
    const twoHoursLater = new Date(declared.getTime() + 2 * 3_600_000);
    expect(formatDuration(declared, twoHoursLater)).toBe('2 hours');
    expect(formatDuration(declared, twoHoursLater, 'da')).toBe('2 timer');
  });

  it('say how long ago, in whole units elapsed', () => {
    const now = new Date(declared.getTime() + 3 * 60_000 + 50_000);
    expect(formatRelative(declared, now)).toBe('3 minutes ago');
    expect(formatRelative(now, declared)).toBe('in 3 minutes');
    act(() => setLocale('da'));
    expect(formatRelative(declared, now)).toBe('3 minutter siden');
    expect(formatRelative(now, declared)).toBe('om 3 minutter');
  });

  it('show the time in a named zone, and dashes for a zone that does not exist', () => {
    expect(formatClock(instant, 'Europe/Copenhagen')).toBe('14:02:11');
    expect(formatClock(instant, 'Asia/Kolkata', 'da')).toBe('18:32:11');
    expect(formatClock(instant, 'UTC')).toBe('13:02:11');
    expect(formatClock(instant, 'Mars/Olympus_Mons')).toBe('--:--:--');
    expect(formatClock(instant, '')).toBe('--:--:--');
  });

  it('name a zone by its city and its offset on the day', () => {
    expect(formatZoneName('Europe/Copenhagen', instant)).toBe('Copenhagen (GMT+1)');
    expect(formatZoneName('Europe/Copenhagen', new Date(Date.UTC(2026, 6, 1)))).toBe('Copenhagen (GMT+2)');
    expect(formatZoneName('America/Argentina/Buenos_Aires', instant, 'da')).toBe('Buenos Aires (GMT-3)');
    expect(formatZoneName('Asia/Kolkata', instant)).toBe('Kolkata (GMT+5:30)');
    expect(formatZoneName('UTC', instant)).toBe('UTC');
    expect(formatZoneName('Etc/GMT+5', instant)).toBe('GMT-5');
    expect(formatZoneName('Mars/Olympus_Mons', instant)).toBe('Mars/Olympus_Mons');
  });
});

describe('how long something lasted', () => {
  const start = new Date('2026-03-01T10:00:00Z');
  const after = (ms: number) => new Date(start.getTime() + ms);
  it('says it to the minute, never rounded to the hour', () => {
    expect(formatSpan(start, after(72 * 60_000 + 40_000), 'en')).toBe('1 hour 12 minutes');
    expect(formatSpan(start, after(26 * 3_600_000), 'en')).toBe('1 day 2 hours');
    expect(formatSpan(start, after(72 * 60_000), 'da')).toBe('1 time 12 minutter');
  });
  it('says seconds only under a minute, and nothing below zero', () => {
    expect(formatSpan(start, after(30_000), 'en')).toBe('30 seconds');
    expect(formatSpan(start, after(-5_000), 'en')).toBe('0 seconds');
  });
});

describe('numbers', () => {
  it('group digits as the locale does', () => {
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'da')).toBe('1.234.567,5');
    act(() => setLocale('da'));
    expect(formatNumber(1440)).toBe('1.440');
  });
});
