import { describe, expect, it } from 'vitest';

import {
  contactMethods,
  contactsSchema,
  escalationPlan,
  nextOnCall,
  onCallAt,
  onCallNow,
  rosterSchema,
  rostersForService,
  rostersSchema,
  shiftsRunningOut,
  turnsBetween,
  type Roster,
} from './oncall';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

/** Weekly turns in Copenhagen from Monday 23 March 2026, handing over at 09:00; clocks go forward on Sunday 29 March. */
const weekly: Roster = {
  id: 'payments-oncall',
  name: 'Payments on call',
  team: 'Payments',
  services: ['Payments API', 'Checkout'],
  timeZone: 'Europe/Copenhagen',
  primary: { kind: 'cycle', people: ['Ada', 'Ben', 'Cy'], startsOn: '2026-03-23', handOff: '09:00', lengthDays: 7 },
  secondary: { kind: 'cycle', people: ['Dee', 'Eve'], startsOn: '2026-03-23', handOff: '09:00', lengthDays: 7 },
  overrides: [],
};

describe('who is on call', () => {
  it('takes turns by the week, handing over at 09:00 local time on both sides of a change of clocks', () => {
    // Sunday 29 March, after the clocks went forward: still Ada's week, which is an hour short.
    expect(onCallAt(weekly, 'primary', at('2026-03-29T12:00:00Z'))).toEqual({
      level: 'primary',
      person: 'Ada',
      from: at('2026-03-23T08:00:00Z'),
      to: at('2026-03-30T07:00:00Z'),
      override: false,
    });
    expect(onCallAt(weekly, 'primary', at('2026-03-30T06:59:59.999Z'))!.person).toBe('Ada');
    expect(onCallAt(weekly, 'primary', at('2026-03-30T07:00:00Z'))!.person).toBe('Ben');
    // Three turns on, the first person again; the secondary has its own order.
    expect(onCallAt(weekly, 'primary', at('2026-04-13T07:00:00Z'))!.person).toBe('Ada');
    expect(onCallNow(weekly, at('2026-03-31T00:00:00Z')).map((c) => [c.level, c.person])).toEqual([
      ['primary', 'Ben'],
      ['secondary', 'Eve'],
    ]);
    // Nobody before the rotation begins.
    expect(onCallAt(weekly, 'primary', at('2026-03-23T07:59:59Z'))).toBeNull();
  });

  it('hands over at a time the clocks skip or repeat, once, and never leaves a gap', () => {
    const nightly: Roster = { ...weekly, primary: { kind: 'cycle', people: ['Ada', 'Ben'], startsOn: '2026-03-27', handOff: '02:30', lengthDays: 1 }, secondary: null };
    // 02:30 does not exist on 29 March in Copenhagen: that hand-off happens at 03:30 summer time.
    const sunday = onCallAt(nightly, 'primary', at('2026-03-29T02:00:00Z'))!;
    expect(iso(sunday.from)).toBe('2026-03-29T01:30:00.000Z');
    const saturday = onCallAt(nightly, 'primary', sunday.from - 1)!;
    expect(saturday.to).toBe(sunday.from);
    expect(saturday.person).not.toBe(sunday.person);
    // 02:30 happens twice on 25 October: one hand-off, at the first, and each turn ends where the next begins.
    const turns = turnsBetween(nightly, 'primary', at('2026-10-23T12:00:00Z'), at('2026-10-27T12:00:00Z'));
    expect(turns.map((t) => iso(t.from))).toEqual([
      '2026-10-23T00:30:00.000Z',
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
    for (let i = 1; i < turns.length; i++) expect(turns[i]!.from).toBe(turns[i - 1]!.to);
  });

  it('answers "who is on call at 03:00 on Saturday" in the roster’s own zone', () => {
    const newYork: Roster = { ...weekly, timeZone: 'America/New_York', primary: { kind: 'cycle', people: ['Ada', 'Ben'], startsOn: '2026-12-07', handOff: '10:00', lengthDays: 3 } };
    // Saturday 12 December 03:00 in New York is 08:00 UTC: the second turn (Thursday 10:00 to Sunday 10:00).
    const saturday = onCallAt(newYork, 'primary', at('2026-12-12T08:00:00Z'))!;
    expect(saturday).toMatchObject({ person: 'Ben', from: at('2026-12-10T15:00:00Z'), to: at('2026-12-13T15:00:00Z') });
    expect(nextOnCall(newYork, saturday)).toMatchObject({ person: 'Ada', from: at('2026-12-13T15:00:00Z') });
  });

  it('puts an override’s person on call for its span, and ends the turn it interrupts where it begins', () => {
    const covered: Roster = {
      ...weekly,
      overrides: [
        { level: 'primary', person: 'Zed', from: '2026-03-31T12:00:00.000Z', to: '2026-04-01T12:00:00.000Z', reason: 'Ben at the dentist' },
        { level: 'primary', person: 'Yan', from: '2026-03-31T18:00:00.000Z', to: '2026-03-31T20:00:00.000Z', reason: '' },
      ],
    };
    expect(onCallAt(covered, 'primary', at('2026-03-31T11:00:00Z'))).toMatchObject({ person: 'Ben', to: at('2026-03-31T12:00:00Z'), override: false });
    expect(onCallAt(covered, 'primary', at('2026-03-31T13:00:00Z'))).toMatchObject({ person: 'Zed', override: true });
    // The later of two overlapping overrides wins.
    expect(onCallAt(covered, 'primary', at('2026-03-31T19:00:00Z'))!.person).toBe('Yan');
    expect(onCallAt(covered, 'secondary', at('2026-03-31T13:00:00Z'))!.person).toBe('Eve');
    // Ben's turn resumes where the override ended: a feed holds each span once.
    expect(onCallAt(covered, 'primary', at('2026-04-01T12:00:00Z'))).toMatchObject({ person: 'Ben', from: at('2026-04-01T12:00:00Z'), override: false });
    const spans = turnsBetween(covered, 'primary', at('2026-03-30T07:00:00Z'), at('2026-04-06T07:00:00Z')).map((t) => [t.person, iso(t.from)]);
    expect(spans).toEqual([
      ['Ben', '2026-03-30T07:00:00.000Z'],
      ['Zed', '2026-03-31T12:00:00.000Z'],
      ['Yan', '2026-03-31T18:00:00.000Z'],
      ['Zed', '2026-03-31T20:00:00.000Z'],
      ['Ben', '2026-04-01T12:00:00.000Z'],
    ]);
  });

  it('reads a calendar of shifts: the later of two overlapping shifts, and nobody in a gap', () => {
    const calendar: Roster = {
      ...weekly,
      primary: {
        kind: 'calendar',
        source: 'payments.ics',
        shifts: [
          { person: 'Ada', from: '2026-12-07T08:00:00.000Z', to: '2026-12-08T08:00:00.000Z' },
          { person: 'Ben', from: '2026-12-07T20:00:00.000Z', to: '2026-12-08T02:00:00.000Z' },
          { person: 'Cy', from: '2026-12-09T08:00:00.000Z', to: '2026-12-10T08:00:00.000Z' },
        ],
      },
    };
    expect(onCallAt(calendar, 'primary', at('2026-12-07T21:00:00Z'))!.person).toBe('Ben');
    expect(onCallAt(calendar, 'primary', at('2026-12-08T12:00:00Z'))).toBeNull();
    expect(turnsBetween(calendar, 'primary', at('2026-12-07T00:00:00Z'), at('2026-12-11T00:00:00Z')).map((t) => t.person)).toEqual(['Ada', 'Ben', 'Ada', 'Cy']);
    // The last shift ends on 10 December: said a week before, not two.
    const week = 7 * 86_400_000;
    expect(shiftsRunningOut(calendar, at('2026-11-20T00:00:00Z'), week)).toEqual([]);
    expect(shiftsRunningOut(calendar, at('2026-12-05T00:00:00Z'), week)).toEqual([{ level: 'primary', source: 'payments.ics', endsAt: at('2026-12-10T08:00:00Z') }]);
    expect(shiftsRunningOut(weekly, at('2026-12-05T00:00:00Z'), week)).toEqual([]);
  });

  it('plans whom an unanswered page reaches and when: the primary, the secondary, the manager, and again', () => {
    const at = Date.parse('2026-03-31T00:00:00Z');
    expect(escalationPlan(weekly, at)).toEqual([{ person: 'Ben', level: 'primary', atMinute: 0 }]);
    const escalating: Roster = { ...weekly, escalation: { secondaryAfter: 5, then: [{ person: 'Bo the manager', after: 10 }], repeats: 1 } };
    expect(escalationPlan(escalating, at)).toEqual([
      { person: 'Ben', level: 'primary', atMinute: 0 },
      { person: 'Eve', level: 'secondary', atMinute: 5 },
      { person: 'Bo the manager', level: 'named', atMinute: 15 },
      { person: 'Ben', level: 'primary', atMinute: 20 },
      { person: 'Eve', level: 'secondary', atMinute: 25 },
      { person: 'Bo the manager', level: 'named', atMinute: 35 },
    ]);
    // Nobody on the secondary: the step is left out, and the manager still comes 10 minutes after the page before.
    expect(escalationPlan({ ...escalating, secondary: null, escalation: { ...escalating.escalation!, repeats: 0 } }, at)).toEqual([
      { person: 'Ben', level: 'primary', atMinute: 0 },
      { person: 'Bo the manager', level: 'named', atMinute: 10 },
    ]);
    expect(rosterSchema.safeParse({ ...escalating, escalation: { secondaryAfter: 0, then: [], repeats: 9 } }).success).toBe(false);
  });

  it('finds the rosters of a service whatever its case, and a person’s ways to be reached', () => {
    expect(rostersForService([weekly], 'payments api')).toEqual([weekly]);
    expect(rostersForService([weekly], 'Search')).toEqual([]);
    expect(contactMethods({ name: 'Ada', email: 'ada@example.org', phone: '+4512345678', pushTopic: '' })).toEqual(['sms', 'email']);
    expect(contactMethods(undefined)).toEqual([]);
  });

  it('refuses rosters and contacts that would mislead or break a console', () => {
    expect(rosterSchema.safeParse(weekly).success).toBe(true);
    const bad: [string, unknown][] = [
      ['a zone that is a path', { ...weekly, timeZone: '../../etc/passwd' }],
      ['a day that does not exist', { ...weekly, primary: { ...weekly.primary, startsOn: '2027-02-29' } }],
      ['a hand-off at 24:00', { ...weekly, primary: { ...weekly.primary, handOff: '24:00' } }],
      ['nobody in a rotation', { ...weekly, primary: { ...weekly.primary, people: [] } }],
      ['a control character in a name', { ...weekly, primary: { ...weekly.primary, people: ['Ada\u202E'] } }],
      ['an override that ends before it begins', { ...weekly, overrides: [{ level: 'primary', person: 'Zed', from: '2026-04-01T12:00:00.000Z', to: '2026-03-31T12:00:00.000Z', reason: '' }] }],
      ['a shift of a year', { ...weekly, primary: { ...weekly.primary, lengthDays: 365 } }],
      ['a name that breaks a calendar’s lines', { ...weekly, name: 'Ops\nEND:VCALENDAR' }],
      ['a person on two lines', { ...weekly, primary: { ...weekly.primary, people: ['Ada\nBEGIN:VEVENT'] } }],
    ];
    for (const [what, value] of bad) expect({ what, ok: rosterSchema.safeParse(value).success }).toEqual({ what, ok: false });
    expect(rostersSchema.safeParse([weekly, { ...weekly, id: 'other', name: 'payments ON CALL' }]).success).toBe(false);

    const ada = { name: 'Ada', email: 'ada@example.org', phone: '+4512345678', pushTopic: 'ada-pager' };
    expect(contactsSchema.safeParse([ada]).success).toBe(true);
    for (const patch of [{ phone: '12345678' }, { phone: '+45 1234 5678' }, { pushTopic: 'ada pager' }, { pushTopic: '../x' }, { email: 'ada@' }, { name: '=HYPERLINK("x")\u0007' }]) {
      expect({ patch, ok: contactsSchema.safeParse([{ ...ada, ...patch }]).success }).toEqual({ patch, ok: false });
    }
    expect(contactsSchema.safeParse([ada, { ...ada, name: ' ada ' }]).success).toBe(false);
  });
});
