import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import type { Roster } from '../domain/oncall';
import { importWindow } from '../domain/oncall';
import { ICALENDAR_LIMITS, rosterToICalendar, shiftsFromICalendar } from './icalendar';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', `UID:${Math.random()}`, 'DTSTAMP:20260301T000000Z', ...lines, 'END:VEVENT'];
const window = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-06-01T00:00:00Z'), zone: 'Europe/Copenhagen' };

describe('shifts from iCalendar', () => {
  it('expands a weekly recurrence in a named zone, hour by hour across the change of clocks', () => {
    const read = shiftsFromICalendar(
      calendar(
        ...event('DTSTART;TZID=Europe/Copenhagen:20260323T090000', 'DTEND;TZID=Europe/Copenhagen:20260330T090000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:On call: Ada Lovelace'),
      ),
      window,
    );
    expect(read).toEqual({
      ok: true,
      skipped: 0,
      shifts: [
        { person: 'Ada Lovelace', from: '2026-03-23T08:00:00.000Z', to: '2026-03-30T07:00:00.000Z' },
        { person: 'Ada Lovelace', from: '2026-03-30T07:00:00.000Z', to: '2026-04-06T07:00:00.000Z' },
        { person: 'Ada Lovelace', from: '2026-04-06T07:00:00.000Z', to: '2026-04-13T07:00:00.000Z' },
      ],
    });
  });

  it('reads zones the file defines, UTC, and floating times in the roster’s zone; names the attendee before the summary', () => {
    const windows = [
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ];
    const read = shiftsFromICalendar(
      calendar(
        ...windows,
        ...event('DTSTART;TZID=W. Europe Standard Time:20260401T090000', 'DTEND;TZID=W. Europe Standard Time:20260402T090000', 'SUMMARY:Primary', 'ATTENDEE;CN=Ben Okri:mailto:ben@example.org'),
        ...event('DTSTART:20260402T070000Z', 'DTEND:20260403T070000Z', 'SUMMARY:On-call - Cy Twombly'),
        ...event('DTSTART:20260403T090000', 'DURATION:P1D', 'SUMMARY:Dee'),
      ),
      window,
    );
    expect(read.ok && read.shifts).toEqual([
      { person: 'Ben Okri', from: '2026-04-01T07:00:00.000Z', to: '2026-04-02T07:00:00.000Z' },
      { person: 'Cy Twombly', from: '2026-04-02T07:00:00.000Z', to: '2026-04-03T07:00:00.000Z' },
      { person: 'Dee', from: '2026-04-03T07:00:00.000Z', to: '2026-04-04T07:00:00.000Z' },
    ]);
    // The file's zone is not left behind for the next file.
    expect(ICAL.TimezoneService.has('W. Europe Standard Time')).toBe(false);
  });

  it('keeps only shifts within the window, and skips events that name nobody', () => {
    const read = shiftsFromICalendar(
      calendar(
        ...event('DTSTART:20250101T000000Z', 'DTEND:20250102T000000Z', 'SUMMARY:Ada'),
        ...event('DTSTART:20260401T000000Z', 'DTEND:20260402T000000Z', 'SUMMARY:   '),
        ...event('DTSTART:20260401T000000Z', 'DTEND:20260402T000000Z', 'SUMMARY:Eve'),
      ),
      window,
    );
    expect(read).toEqual({ ok: true, skipped: 1, shifts: [{ person: 'Eve', from: '2026-04-01T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' }] });
  });

  it('takes a moved or reassigned occurrence in place of its series’ own, and leaves out what is cancelled', () => {
    const read = shiftsFromICalendar(
      calendar(
        ...['BEGIN:VEVENT', 'UID:series', 'DTSTAMP:20260301T000000Z', 'DTSTART:20260406T080000Z', 'DTEND:20260413T080000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Ada', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:series', 'DTSTAMP:20260301T000000Z', 'RECURRENCE-ID:20260413T080000Z', 'DTSTART:20260413T080000Z', 'DTEND:20260420T080000Z', 'SUMMARY:Bob', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:series', 'DTSTAMP:20260301T000000Z', 'RECURRENCE-ID:20260420T080000Z', 'DTSTART:20260420T080000Z', 'DTEND:20260427T080000Z', 'SUMMARY:Ada', 'STATUS:CANCELLED', 'END:VEVENT'],
        ...event('DTSTART:20260501T000000Z', 'DTEND:20260502T000000Z', 'SUMMARY:Eve', 'STATUS:CANCELLED'),
      ),
      window,
    );
    expect(read.ok && read.shifts).toEqual([
      { person: 'Ada', from: '2026-04-06T08:00:00.000Z', to: '2026-04-13T08:00:00.000Z' },
      { person: 'Bob', from: '2026-04-13T08:00:00.000Z', to: '2026-04-20T08:00:00.000Z' },
    ]);
  });

  it('refuses what is not a calendar, too large, or repeats without end, with the reason', () => {
    expect(shiftsFromICalendar('<html><script>alert(1)</script></html>', window)).toMatchObject({ ok: false, error: expect.stringMatching(/not an iCalendar file/) });
    expect(shiftsFromICalendar('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nEND:VCARD', window)).toMatchObject({ ok: false, error: expect.stringMatching(/holds no calendar/) });
    expect(shiftsFromICalendar('x'.repeat(ICALENDAR_LIMITS.bytes + 1), window)).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 2 MB/) });
    const forever = calendar(...event('DTSTART:20260401T000000Z', 'DTEND:20260401T000001Z', 'RRULE:FREQ=SECONDLY', 'SUMMARY:Ada'));
    expect(shiftsFromICalendar(forever, window)).toMatchObject({ ok: false, error: expect.stringMatching(/repeats more than 20,000 times/) });
    const hourly = calendar(...event('DTSTART:20260301T000000Z', 'DTEND:20260301T010000Z', 'RRULE:FREQ=HOURLY;COUNT=5000', 'SUMMARY:Ada'));
    expect(shiftsFromICalendar(hourly, window)).toMatchObject({ ok: false, error: expect.stringMatching(/more than 1,000 shifts/) });
  });

  it('keeps hostile names as plain text on one line', () => {
    const read = shiftsFromICalendar(calendar(...event('DTSTART:20260401T000000Z', 'DTEND:20260402T000000Z', 'SUMMARY:<img src=x onerror=alert(1)>\\n=cmd|calc')), window);
    expect(read.ok && read.shifts[0]!.person).toBe('<img src=x onerror=alert(1)> =cmd|calc');
  });
});

describe('a roster as a calendar feed', () => {
  it('writes each turn as an event that reads back as the same shift', () => {
    const roster: Roster = {
      id: 'payments',
      name: 'Payments on call',
      team: 'Payments',
      services: [],
      timeZone: 'Europe/Copenhagen',
      primary: { kind: 'cycle', people: ['Ada', 'Ben, "the night owl"'], startsOn: '2026-03-23', handOff: '09:00', lengthDays: 7 },
      secondary: null,
      overrides: [],
    };
    const now = Date.parse('2026-03-24T12:00:00Z');
    const text = rosterToICalendar(roster, { now, days: 14, calendarName: 'Payments on call' });
    expect(text).toContain('X-WR-CALNAME:Payments on call');
    const read = shiftsFromICalendar(text, importWindow(now, 'UTC'));
    expect(read.ok && read.shifts).toEqual([
      { person: 'Ada', from: '2026-03-23T08:00:00.000Z', to: '2026-03-30T07:00:00.000Z' },
      { person: 'Ben, "the night owl"', from: '2026-03-30T07:00:00.000Z', to: '2026-04-06T07:00:00.000Z' },
      { person: 'Ada', from: '2026-04-06T07:00:00.000Z', to: '2026-04-13T07:00:00.000Z' },
    ]);
  });
});
