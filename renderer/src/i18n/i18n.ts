/** Message lookup and locale-aware formatting, in the window's language. Only catalogues hold user-visible text. */
import { format, formatDistanceStrict, formatDuration as formatDurationWords, intervalToDuration, type Duration } from 'date-fns';

import { isTimeZone } from '@shared/domain/timeZone';

import { heldCatalogue } from './catalogueStore';
import { en, type MessageKey } from './en';
import { getLocale, type Locale } from './locale';

export type MessageValues = Record<string, string | number>;

const intlTags: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

/** A message in a given language, whatever the screen shows: for text written for someone else. */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  // A key not yet translated shows in English rather than as a blank; the catalogue test catches it.
  // A language read from stored data that this build does not speak falls back the same way, and so
  // does one whose catalogue has not arrived: views that write in it wait for it (`useCatalogues`).
  const template = heldCatalogue(locale)?.messages[key] || en[key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}

/** A message in the window's language. */
export function t(key: MessageKey, values?: MessageValues): string {
  return translate(getLocale(), key, values);
}

const dateOptions = (locale: Locale) => ({ locale: (heldCatalogue(locale) ?? heldCatalogue('en'))!.dates });

export function formatTime(date: Date, locale: Locale = getLocale()): string {
  return format(date, 'HH:mm:ss', dateOptions(locale));
}

/** A time for people elsewhere: hours, minutes and the offset from UTC ("14:30 GMT+1"). */
export function formatTimeWithZone(date: Date, locale: Locale = getLocale()): string {
  return format(date, 'HH:mm O', dateOptions(locale));
}

/** Date and time in the locale's own order: "22 Nov 2026 14:02:11", "22. nov. 2026 14:02:11". */
export function formatDateTime(date: Date, locale: Locale = getLocale()): string {
  return format(date, 'PP pp', dateOptions(locale));
}

/** A calendar day ("2026-11-22") as the locale writes it: "22 Nov 2026", "22. nov. 2026". No zone: a day is a day. */
export function formatDay(day: string, locale: Locale = getLocale()): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(new Date(year!, month! - 1, date!), locale);
}

/** When a turn begins or ends: the weekday matters, the seconds do not ("Sat 12 Dec 2026 03:00"). */
export function formatWeekdayTime(date: Date, locale: Locale = getLocale()): string {
  return format(date, 'EEE PP HH:mm', dateOptions(locale));
}

/** A whole number of days in words: "1 day", "7 dage". */
export function formatDays(days: number, locale: Locale = getLocale()): string {
  return formatDurationWords({ days }, dateOptions(locale));
}

/** The day of the week of a calendar day ("2026-11-23"): "Monday", "mandag". */
export function formatWeekday(day: string, locale: Locale = getLocale()): string {
  const [year, month, date] = day.split('-').map(Number);
  return format(new Date(year!, month! - 1, date!), 'EEEE', dateOptions(locale));
}

/** Today as a calendar day in this computer's zone. */
export function today(now: Date = new Date()): string {
  return format(now, 'yyyy-MM-dd');
}

/** A calendar date in the locale's own order: "12 Oct 2026", "12. okt. 2026". */
export function formatDate(date: Date, locale: Locale = getLocale()): string {
  return format(date, 'PP', dateOptions(locale));
}

export function formatDuration(from: Date, to: Date, locale: Locale = getLocale()): string {
  return formatDistanceStrict(from, to, dateOptions(locale));
}

/**
 * How long something lasted, to the minute: "1 hour 12 minutes" (seconds only under a minute). For spans
 * that have ended, where a rounded "1 hour" would hide what the record knows.
 */
export function formatSpan(from: Date, to: Date, locale: Locale = getLocale()): string {
  const span = intervalToDuration({ start: from, end: to < from ? from : to });
  const longer: (keyof Duration)[] = ['years', 'months', 'days', 'hours', 'minutes'];
  const units = longer.some((unit) => (span[unit] ?? 0) > 0) ? longer : (['seconds'] as (keyof Duration)[]);
  return formatDurationWords({ seconds: 0, ...span }, { ...dateOptions(locale), format: units, zero: units[0] === 'seconds' });
}

/** How long ago (or how soon) `date` is seen from `now`: "3 minutes ago", "3 minutter siden". */
export function formatRelative(date: Date, now: Date, locale: Locale = getLocale()): string {
  // Whole units elapsed: a minute and fifty seconds ago is "1 minute ago", never rounded ahead of the clock.
  return formatDistanceStrict(date, now, { ...dateOptions(locale), addSuffix: true, roundingMethod: 'floor' });
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale = getLocale()): string {
  let formatter = numberFormats.get(locale);
  if (!formatter) numberFormats.set(locale, (formatter = new Intl.NumberFormat(intlTags[locale])));
  return formatter.format(value);
}

const UNKNOWN_CLOCK = '--:--:--';

/** The wall time in an IANA zone, hours:minutes:seconds on a 24-hour clock; dashes for a zone the runtime does not know. */
export function formatClock(date: Date, timeZone: string, locale: Locale = getLocale()): string {
  if (!isTimeZone(timeZone)) return UNKNOWN_CLOCK;
  const parts = new Intl.DateTimeFormat(intlTags[locale], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  // Built from the parts so every locale reads 14:02:11 (Intl's Danish would write 14.02.11).
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The offset from UTC an IANA zone has on `date` ("GMT+1"), or null for a zone the runtime does not know. */
function zoneOffset(timeZone: string, date: Date, locale: Locale): string | null {
  if (!isTimeZone(timeZone)) return null;
  return (
    new Intl.DateTimeFormat(intlTags[locale], { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? null
  );
}

/** Ids that all mean UTC itself; the runtime may write their offset "GMT" or "GMT+0". */
const UTC_ZONE = /^(Etc\/)?(UTC|UCT|GMT|GMT0|Zulu|Universal|Greenwich)$/;

/**
 * A short label for a zone: its city and its offset on `date` ("New York (GMT-5)"); "UTC" for UTC; the offset
 * alone for the fixed "Etc/GMT+5" zones; the id as given for a zone the runtime does not know.
 */
export function formatZoneName(timeZone: string, date: Date, locale: Locale = getLocale()): string {
  const offset = zoneOffset(timeZone, date, locale);
  if (!offset) return timeZone;
  if (UTC_ZONE.test(timeZone)) return 'UTC';
  if (timeZone.startsWith('Etc/')) return offset;
  const city = timeZone.slice(timeZone.lastIndexOf('/') + 1).replaceAll('_', ' ');
  return `${city} (${offset})`;
}
