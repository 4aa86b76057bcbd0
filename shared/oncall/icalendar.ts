/**
 * On-call rosters and iCalendar (RFC 5545), through ical.js: shifts read from
 * a calendar a scheduling tool exports (recurring events, time zones and
 * daylight saving included), and a roster's turns written as a calendar feed
 * people subscribe to. A calendar file may come from anyone: its size, its
 * recurrences and its shifts are bounded, and whatever it cannot say clearly
 * is refused with the reason.
 */
import ICAL from 'ical.js';

import { IMPORT_DAYS, ONCALL_LIMITS, turnsBetween, type ImportWindow, type Roster, type Shift } from '../domain/oncall';
import { LIMITS, cleanLine } from '../domain/text';
import { isTimeZone } from '../domain/timeZone';
import { instantOfWallTime } from '../domain/zonedTime';

export const ICALENDAR_LIMITS = {
  /** Larger than any roster's calendar: a year of daily shifts for fifty people is under 2 MB. */
  bytes: 2 * 1024 * 1024,
  /** Occurrences looked at in all, whatever a recurrence rule asks for (FREQ=SECONDLY forever). */
  occurrences: 20_000,
} as const;

const DAY_MS = 86_400_000;

export type ShiftsRead = { ok: true; shifts: Shift[]; skipped: number } | { ok: false; error: string };

/**
 * The shifts of a calendar from `from` until `to`: each event (or each
 * occurrence of a recurring one) is a shift of the person it names, its
 * attendee or else its summary ("On call: Ada Lovelace" names Ada Lovelace).
 * Times without a zone are read in `zone`, the roster's.
 */
export function shiftsFromICalendar(text: string, window: ImportWindow): ShiftsRead {
  if (text.length > ICALENDAR_LIMITS.bytes) return { ok: false, error: `The calendar is larger than ${ICALENDAR_LIMITS.bytes / 1024 / 1024} MB.` };
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return { ok: false, error: `This is not an iCalendar file: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (calendar.name !== 'vcalendar') return { ok: false, error: 'This is not an iCalendar file: it holds no calendar (BEGIN:VCALENDAR).' };

  // Zones the file defines are used for it only: a file must not redefine a zone for the next one read.
  const defined = calendar.getAllSubcomponents('vtimezone').flatMap((zone) => {
    const tzid = String(zone.getFirstPropertyValue('tzid') ?? '');
    if (!tzid || ICAL.TimezoneService.has(tzid)) return [];
    ICAL.TimezoneService.register(zone);
    return [tzid];
  });
  try {
    return readShifts(calendar, window);
  } catch (error) {
    return { ok: false, error: `The calendar could not be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    for (const tzid of defined) ICAL.TimezoneService.remove(tzid);
  }
}

function readShifts(calendar: ICAL.Component, window: ImportWindow): ShiftsRead {
  const shifts: Shift[] = [];
  let looked = 0;
  let skipped = 0;
  // A moved or changed occurrence (RECURRENCE-ID) belongs to its series: it replaces that occurrence.
  const series = new Map<string, ICAL.Event>();
  const events: ICAL.Event[] = [];
  const moved: ICAL.Component[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (component.hasProperty('recurrence-id')) {
      moved.push(component);
      continue;
    }
    const event = new ICAL.Event(component);
    events.push(event);
    if (!series.has(event.uid)) series.set(event.uid, event);
  }
  for (const component of moved) {
    const event = series.get(String(component.getFirstPropertyValue('uid') ?? ''));
    if (event?.isRecurring()) event.relateException(component);
    else events.push(new ICAL.Event(component));
  }

  for (const event of events) {
    if (isCancelled(event)) continue;
    const take = (occurrence: ICAL.Event, start: ICAL.Time, end: ICAL.Time) => {
      if (isCancelled(occurrence)) return;
      const person = personOf(occurrence);
      if (!person) {
        skipped += 1;
        return;
      }
      const zones = zonesOf(occurrence.component);
      const from = instantOf(start, zones.start, window.zone);
      const to = instantOf(end, zones.end, window.zone);
      if (!(from < to) || to <= window.from || from >= window.to) return;
      shifts.push({ person, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    };
    if (!event.isRecurring()) {
      looked += 1;
      take(event, event.startDate, event.endDate);
      continue;
    }
    const zones = zonesOf(event.component);
    const occurrences = event.iterator();
    for (let next = occurrences.next(); next; next = occurrences.next()) {
      if (++looked > ICALENDAR_LIMITS.occurrences) return { ok: false, error: `The calendar repeats more than ${ICALENDAR_LIMITS.occurrences.toLocaleString('en')} times: shorten its recurrences.` };
      if (instantOf(next, zones.start, window.zone) >= window.to) break;
      const details = event.getOccurrenceDetails(next);
      take(details.item, details.startDate, details.endDate);
    }
    if (shifts.length > ONCALL_LIMITS.shifts) break;
  }
  if (shifts.length > ONCALL_LIMITS.shifts) {
    return { ok: false, error: `The calendar has more than ${ONCALL_LIMITS.shifts.toLocaleString('en')} shifts in the next ${IMPORT_DAYS} days.` };
  }
  shifts.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ok: true, shifts, skipped };
}

/** "On call: Ada Lovelace", "On-call - Ada Lovelace", "On call (primary): Ada Lovelace": the person, not the words before the name. */
const ON_CALL_PREFIX = /^on[\s-]*call\s*(\([^)]{0,40}\))?\s*[:\-–—]\s*/i;

function personOf(event: ICAL.Event): string {
  const attendee = event.attendees.map((a) => a.getParameter('cn')).find((cn) => typeof cn === 'string' && cn.trim() !== '');
  const name = cleanLine(typeof attendee === 'string' ? attendee : (event.summary ?? '').replace(ON_CALL_PREFIX, ''));
  return name.slice(0, LIMITS.personName);
}

function isCancelled(event: ICAL.Event): boolean {
  return String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function zonesOf(component: ICAL.Component): { start: string | null; end: string | null } {
  const start = tzidOf(component, 'dtstart');
  return { start, end: tzidOf(component, 'dtend') ?? start };
}

function tzidOf(component: ICAL.Component, property: string): string | null {
  const value = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

/**
 * An instant from a calendar time: in UTC as it says; in a zone the time
 * zone database knows by its name; in a zone the file defines; or, floating,
 * in the roster's zone.
 */
function instantOf(time: ICAL.Time, tzid: string | null, rosterZone: string): number {
  if (time.zone?.tzid === 'UTC') return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const zone = tzid && isTimeZone(tzid) ? tzid : tzid && ICAL.TimezoneService.has(tzid) ? null : rosterZone;
  if (zone === null) return time.toUnixTime() * 1000;
  return instantOfWallTime({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, zone);
}

// ---- A roster as a calendar feed -------------------------------------------------------

export type FeedOptions = { now: number; days: number; calendarName: string };

/** The roster's turns from a day ago for `days`, one event each, as an iCalendar text. */
export function rosterToICalendar(roster: Roster, options: FeedOptions): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//Warroom//On call//EN');
  calendar.addPropertyWithValue('x-wr-calname', options.calendarName);
  const stamp = ICAL.Time.fromJSDate(new Date(options.now), true);
  const from = options.now - DAY_MS;
  const to = options.now + options.days * DAY_MS;
  for (const level of ['primary', 'secondary'] as const) {
    for (const turn of turnsBetween(roster, level, from, to)) {
      const event = new ICAL.Component('vevent');
      event.addPropertyWithValue('uid', `${roster.id}-${level}-${turn.from}@warroom`);
      event.addPropertyWithValue('dtstamp', stamp);
      event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(turn.from), true));
      event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(turn.to), true));
      // Read back by `shiftsFromICalendar` as the person's shift.
      event.addPropertyWithValue('summary', `On call (${level}): ${turn.person}`);
      event.addPropertyWithValue('transp', 'TRANSPARENT');
      calendar.addSubcomponent(event);
    }
  }
  return calendar.toString();
}
