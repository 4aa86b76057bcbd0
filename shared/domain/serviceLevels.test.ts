import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SERVICE_LEVELS, type ServiceLevels } from './catalogues';
import { TIERS } from './events';
import { PRIORITIES } from './priority';
import { formatCountdown, isEscalation, readClock, serviceLevelClock, tierChangeProblem, type ClockSubject } from './serviceLevels';

const MIN = 60_000;
const levels: ServiceLevels = {
  ...DEFAULT_SERVICE_LEVELS,
  P1: { toMajorMinutes: 15, toContinuityMinutes: 120, warnMinutes: 5 },
  P2: { toMajorMinutes: 60, toContinuityMinutes: 480, warnMinutes: 10 },
  P5: { toMajorMinutes: null, toContinuityMinutes: null, warnMinutes: 0 },
};
const subject = (over: Partial<ClockSubject> = {}): ClockSubject => ({
  priority: 'P1',
  tier: 'normal',
  status: 'investigating',
  declaredAt: '2026-11-21T12:00:00.000Z',
  tierSince: '2026-11-21T12:00:00.000Z',
  ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('tier changes', () => {
  it('needs a different tier, a reason and a decider', () => {
    expect(tierChangeProblem('normal', 'normal', 'why', 'Ana')).toBe('unchanged');
    expect(tierChangeProblem('normal', 'major', '  ', 'Ana')).toBe('reasonRequired');
    expect(tierChangeProblem('normal', 'major', 'DNS down everywhere', ' ')).toBe('deciderRequired');
    expect(tierChangeProblem('continuity', 'normal', 'Failed over; back to normal handling', 'Ana')).toBeNull();
    // Two consoles decided at once: confirming the shown tier settles it, still with a reason and a decider.
    expect(tierChangeProblem('major', 'major', 'Both agreed: major', 'Ana', true)).toBeNull();
    expect(tierChangeProblem('major', 'major', '', 'Ana', true)).toBe('reasonRequired');
  });

  it('knows escalation from de-escalation', () => {
    expect(isEscalation('normal', 'major')).toBe(true);
    expect(isEscalation('normal', 'continuity')).toBe(true);
    expect(isEscalation('continuity', 'major')).toBe(false);
    expect(isEscalation('major', 'normal')).toBe(false);
  });
});

describe('service-level clocks', () => {
  it('a normal incident counts down to the time it must become major, warning before', () => {
    const clock = serviceLevelClock(subject(), levels)!;
    expect(clock).toMatchObject({ kind: 'toMajor', deadlineMs: at('2026-11-21T12:15:00.000Z'), warnMs: at('2026-11-21T12:10:00.000Z') });
    expect(readClock(clock, at('2026-11-21T12:09:59.000Z'))).toEqual({ phase: 'running', remainingMs: 5 * MIN + 1000 });
    expect(readClock(clock, at('2026-11-21T12:10:00.000Z')).phase).toBe('warning');
    expect(readClock(clock, at('2026-11-21T12:15:00.000Z'))).toEqual({ phase: 'overdue', remainingMs: 0 });
    expect(readClock(clock, at('2026-11-21T12:20:00.000Z')).remainingMs).toBe(-5 * MIN);
  });

  it('a major incident counts from when it became major, to the continuity decision', () => {
    const clock = serviceLevelClock(subject({ tier: 'major', tierSince: '2026-11-21T12:40:00.000Z' }), levels)!;
    expect(clock).toMatchObject({ kind: 'toContinuity', startMs: at('2026-11-21T12:40:00.000Z'), deadlineMs: at('2026-11-21T14:40:00.000Z') });
  });

  it('a backdated escalation has already used part of its clock', () => {
    // Logged at 13:00, but the commander decided at 12:20.
    const clock = serviceLevelClock(subject({ tier: 'major', tierSince: '2026-11-21T12:20:00.000Z' }), levels)!;
    expect(readClock(clock, at('2026-11-21T13:00:00.000Z')).remainingMs).toBe(80 * MIN);
  });

  it('a decision backdated before the declaration starts the clock at the declaration', () => {
    const clock = serviceLevelClock(subject({ tier: 'major', tierSince: '2026-11-21T11:00:00.000Z' }), levels)!;
    expect(clock.startMs).toBe(at('2026-11-21T12:00:00.000Z'));
  });

  it('a new priority changes the limit, not the start', () => {
    const p1 = serviceLevelClock(subject({ priority: 'P1' }), levels)!;
    const p2 = serviceLevelClock(subject({ priority: 'P2' }), levels)!;
    expect(p2.startMs).toBe(p1.startMs);
    expect(p2.deadlineMs - p1.deadlineMs).toBe(45 * MIN);
  });

  it('stops once resolved, closed, in continuity, or where the priority sets no limit', () => {
    expect(serviceLevelClock(subject({ status: 'resolved' }), levels)).toBeNull();
    expect(serviceLevelClock(subject({ status: 'closed' }), levels)).toBeNull();
    expect(serviceLevelClock(subject({ tier: 'continuity' }), levels)).toBeNull();
    expect(serviceLevelClock(subject({ priority: 'P5' }), levels)).toBeNull();
    expect(serviceLevelClock(subject({ status: 'monitoring' }), levels)).not.toBeNull();
  });

  it('runs in real minutes across a daylight-saving change', () => {
    // Copenhagen springs forward at 01:00 UTC on 29 March 2026: 02:00 local becomes 03:00.
    const spring = serviceLevelClock(
      subject({ tier: 'major', declaredAt: '2026-03-29T00:30:00.000Z', tierSince: '2026-03-29T00:30:00.000Z' }),
      levels,
    )!;
    expect(spring.deadlineMs - spring.startMs).toBe(120 * MIN);
    const local = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Europe/Copenhagen' });
    // On the wall clock three hours seem to pass; the service level allowed two, and two it is.
    expect([local(spring.startMs), local(spring.deadlineMs)]).toEqual(['01:30:00', '04:30:00']);
    // And it falls back on 25 October 2026 at 01:00 UTC: an hour repeats, the clock does not.
    const autumn = serviceLevelClock(
      subject({ tier: 'major', declaredAt: '2026-10-25T00:30:00.000Z', tierSince: '2026-10-25T00:30:00.000Z' }),
      levels,
    )!;
    expect(readClock(autumn, at('2026-10-25T01:30:00.000Z')).remainingMs).toBe(60 * MIN);
    expect([local(autumn.startMs), local(autumn.deadlineMs)]).toEqual(['02:30:00', '03:30:00']);
  });

  it('the phase only moves forward as time passes, and the deadline follows the limit exactly', () => {
    const order = { running: 0, warning: 1, overdue: 2 };
    fc.assert(
      fc.property(
        fc.constantFrom(...PRIORITIES),
        fc.constantFrom(...TIERS),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 * MIN }), { minLength: 2, maxLength: 10 }),
        (priority, tier, backdateMin, offsets) => {
          const declaredAt = '2026-03-28T22:00:00.000Z';
          const tierSince = new Date(at('2026-03-29T06:00:00.000Z') - backdateMin * MIN).toISOString();
          const clock = serviceLevelClock(subject({ priority, tier, declaredAt, tierSince }), DEFAULT_SERVICE_LEVELS);
          if (!clock) return;
          const level = DEFAULT_SERVICE_LEVELS[priority];
          const limit = tier === 'normal' ? level.toMajorMinutes! : level.toContinuityMinutes!;
          expect(clock.deadlineMs - clock.startMs).toBe(limit * MIN);
          expect(clock.startMs).toBeGreaterThanOrEqual(at(declaredAt));
          const phases = [...offsets].sort((a, b) => a - b).map((o) => order[readClock(clock, clock.startMs + o).phase]);
          expect(phases).toEqual([...phases].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('formats a countdown for a wall', () => {
    expect(formatCountdown(9_000)).toBe('0:09');
    expect(formatCountdown(12 * MIN + 5_000)).toBe('12:05');
    expect(formatCountdown(64 * MIN + 9_000)).toBe('1:04:09');
    expect(formatCountdown(-(3 * MIN))).toBe('3:00');
  });
});
