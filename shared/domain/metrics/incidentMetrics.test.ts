import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES, type Role } from '../catalogues';
import type { Audience } from '../comms';
import { foldFacts } from './facts';
import { incidentMetrics, type IncidentMetrics, type MetricsSettings } from './incidentMetrics';
import { incidentLog, MINUTE, T0, type IncidentLog } from './testing/incidentLog';

const cadence = (p1: number | null, p2: number | null = p1): Audience['cadence'] => ({ P1: p1, P2: p2, P3: null, P4: null, P5: null });
const AUDIENCES: Audience[] = [
  { id: 'executives', name: 'Executives', cadence: cadence(30) },
  { id: 'customers', name: 'Key customers', cadence: cadence(15) },
  { id: 'social', name: 'Social channels', cadence: cadence(null) },
];
/** Commander, scribe and communications lead are required by default. */
const SETTINGS: MetricsSettings = { roles: DEFAULT_ROLES, audiences: AUDIENCES };

function metricsOf(log: IncidentLog, settings: MetricsSettings = SETTINGS, asOf?: number): IncidentMetrics {
  const metrics = incidentMetrics(foldFacts(log.id, log.events), settings, asOf);
  if (!metrics) throw new Error('no metrics');
  return metrics;
}

const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE);
const durationsInMinutes = (m: IncidentMetrics) => Object.fromEntries(Object.entries(m.durations).map(([k, v]) => [k, minutes(v)]));

/** An incident that went by the book, with a backdated first sighting. */
function plainIncident(): IncidentLog {
  const log = incidentLog();
  log.entry(-10);
  log.step('Ana', 'paged', 1);
  log.step('Bo', 'paged', 2);
  log.step('Dee', 'paged', 2);
  log.step('Bo', 'joined', 3);
  log.step('Ana', 'acknowledged', 4);
  log.assign('commander', ['Ana'], 5);
  log.step('Ana', 'joined', 6);
  log.step('Dee', 'released', 7);
  log.assign('scribe', ['Bo'], 8);
  log.message('executives', 10);
  log.message('customers', 10);
  log.assign('communications', ['Cy'], 12);
  log.status('identified', 20);
  log.step('Bo', 'released', 30);
  log.message('executives', 35);
  log.status('monitoring', 40);
  log.message('customers', 40);
  log.status('resolved', 60);
  log.message('executives', 70);
  log.status('closed', 120);
  return log;
}

describe('incidentMetrics: the plain path', () => {
  const m = metricsOf(plainIncident());

  it('finds every milestone', () => {
    const log = incidentLog();
    expect(m.milestones).toEqual({
      impactBeganAt: log.at(-10),
      detectedAt: log.at(0),
      // Bo joined at 3, before Ana acknowledged (4) or took command (5): joining answers the page too.
      acknowledgedAt: log.at(3),
      engagedAt: log.at(12),
      mitigatedAt: log.at(40),
      resolvedAt: log.at(60),
    });
    expect(m.startedAt).toBe(log.at(-10));
  });

  it('measures each step from detection, and detection from when the impact began', () => {
    expect(durationsInMinutes(m)).toEqual({ ttd: 10, tta: 3, tte: 12, ttm: 40, ttr: 60 });
    expect(m.reopened).toBe(0);
    expect(m).toMatchObject({ status: 'closed', priority: 'P1', kind: 'service', services: ['checkout'], drill: false });
  });

  it('measures engagement: time on the incident, time to release, who was still there at resolution', () => {
    const e = m.engagement;
    expect(e.people).toBe(3);
    // Ana joined at 6 and stayed past the resolution at 60; Bo joined at 3, released at 30; Dee never came.
    expect(e.stints.map((s) => [s.person, minutes(s.engagedMs), minutes(s.toReleaseMs)]).sort()).toEqual([
      ['Ana', 54, null],
      ['Bo', 27, 27],
      ['Dee', null, 5],
    ]);
    expect(minutes(e.meanEngagedMs)).toBe(40.5);
    expect(minutes(e.meanTimeToReleaseMs)).toBe(16);
    expect(e.released).toBe(2);
    expect(e.stillEngagedAtResolution).toBe(1);
  });

  it('judges each audience with a cadence from detection to resolution', () => {
    const c = m.cadence;
    // Social has no cadence at P1. Executives: 0→10→35→60, never over 30. Customers: 0→10→40→60: 30 and 20 against 15.
    expect(c.audiences.map((a) => [a.audience, a.updatesSent, a.intervals, a.lateIntervals, minutes(a.longestLateMs)])).toEqual([
      ['executives', 3, 3, 0, 0],
      ['customers', 2, 3, 2, 15],
    ]);
    expect(c.updatesSent).toBe(5);
    expect(c.lateIntervals).toBe(2);
    expect(minutes(c.longestLateMs)).toBe(15);
    expect(c.kept).toBe(false);
  });
});

describe('incidentMetrics: incidents missing steps', () => {
  it('never acknowledged, never engaged: those stay unknown, the rest is measured', () => {
    const log = incidentLog();
    log.step('Ana', 'paged', 1);
    log.status('resolved', 30);
    const m = metricsOf(log);
    expect(durationsInMinutes(m)).toEqual({ ttd: null, tta: null, tte: null, ttm: 30, ttr: 30 });
    expect(m.milestones.impactBeganAt).toBeNull();
    expect(m.engagement).toMatchObject({ people: 1, meanEngagedMs: null, meanTimeToReleaseMs: null, released: 0, stillEngagedAtResolution: 0 });
  });

  it('a commander named counts as acknowledged; engaged waits for every required role', () => {
    const log = incidentLog();
    log.assign('commander', ['Ana'], 2);
    log.assign('scribe', ['Bo'], 3);
    expect(durationsInMinutes(metricsOf(log))).toMatchObject({ tta: 2, tte: null });
    // With only commander and scribe required, the room was engaged at 3.
    const roles: Role[] = DEFAULT_ROLES.map((r) => (r.id === 'communications' ? { ...r, required: false } : r));
    expect(durationsInMinutes(metricsOf(log, { ...SETTINGS, roles }))).toMatchObject({ tta: 2, tte: 3 });
  });

  it('a required role left empty again is no longer held', () => {
    const log = incidentLog();
    log.assign('commander', ['Ana'], 2);
    log.assign('scribe', ['Bo'], 3);
    log.assign('scribe', [], 4);
    log.assign('communications', ['Cy'], 5);
    expect(metricsOf(log).durations.tte).toBeNull();
    log.assign('scribe', ['Dee'], 9);
    expect(metricsOf(log).durations.tte).toBe(9 * MINUTE);
  });

  it('a step before the declaration counts as 0, never negative', () => {
    const log = incidentLog();
    log.step('Ana', 'acknowledged', -5);
    log.assign('commander', ['Ana'], -3);
    expect(durationsInMinutes(metricsOf(log))).toMatchObject({ tta: 0 });
  });
});

describe('incidentMetrics: reopened', () => {
  it('resolved, reopened and resolved again: resolution is the last one, mitigation the first', () => {
    const log = incidentLog();
    log.status('resolved', 30);
    log.status('investigating', 45);
    log.status('monitoring', 50);
    log.status('resolved', 70);
    log.status('closed', 90);
    const m = metricsOf(log);
    expect(durationsInMinutes(m)).toMatchObject({ ttm: 30, ttr: 70 });
    expect(m.reopened).toBe(1);
  });

  it('open again after a reopening: not resolved', () => {
    const log = incidentLog();
    log.status('closed', 30);
    log.status('identified', 40);
    const m = metricsOf(log);
    expect(m.milestones.resolvedAt).toBeNull();
    expect(durationsInMinutes(m)).toMatchObject({ ttm: 30, ttr: null });
    expect(m).toMatchObject({ reopened: 1, status: 'identified' });
    expect(m.engagement.stillEngagedAtResolution).toBeNull();
  });

  it('closed without passing through resolved: resolved when it closed', () => {
    const log = incidentLog();
    log.status('monitoring', 10);
    log.status('closed', 50);
    expect(durationsInMinutes(metricsOf(log))).toMatchObject({ ttm: 10, ttr: 50 });
  });

  it('reopened twice counts twice', () => {
    const log = incidentLog();
    for (const start of [10, 30]) {
      log.status('resolved', start);
      log.status('investigating', start + 5);
    }
    log.status('resolved', 60);
    expect(metricsOf(log).reopened).toBe(2);
    expect(metricsOf(log).durations.ttr).toBe(60 * MINUTE);
  });

  it('two changes at the same minute are taken in log order', () => {
    const log = incidentLog();
    log.status('resolved', 30);
    log.status('investigating', 30);
    const m = metricsOf(log);
    expect(m).toMatchObject({ reopened: 1, status: 'investigating' });
    expect(m.durations.ttr).toBeNull();
  });
});

describe('incidentMetrics: backdated entries and when the impact began', () => {
  it('the earliest backdated entry before detection is when the impact began', () => {
    const log = incidentLog();
    log.entry(5);
    log.entry(-25);
    log.entry(-12);
    expect(metricsOf(log).durations.ttd).toBe(25 * MINUTE);
  });

  it('an entry struck through says nothing about when the impact began', () => {
    const log = incidentLog();
    const typo = log.entry(-300);
    log.entry(-25);
    expect(metricsOf(log).durations.ttd).toBe(300 * MINUTE);
    log.event('timeline.entryStruck', 10, { target: typo, reason: 'Wrong day' });
    expect(metricsOf(log).durations.ttd).toBe(25 * MINUTE);
  });

  it('an entry backdated only to after the declaration says nothing about impact', () => {
    const log = incidentLog();
    log.entry(3);
    expect(metricsOf(log).durations.ttd).toBeNull();
  });

  it('impactStarted, when set, wins over backdated entries; cleared, they count again', () => {
    const log = incidentLog();
    log.entry(-30);
    log.impactStarted(-20);
    expect(metricsOf(log).durations.ttd).toBe(20 * MINUTE);
    expect(metricsOf(log).startedAt).toBe(log.at(-20));
    log.impactStarted(null, 2);
    expect(metricsOf(log).durations.ttd).toBe(30 * MINUTE);
  });

  it('a status change backdated before another is ordered by when it happened', () => {
    const log = incidentLog();
    log.status('monitoring', 40);
    // Written later, replacing monitoring, but it happened at 35.
    log.status('resolved', 35);
    const m = metricsOf(log);
    expect(m.status).toBe('resolved');
    expect(durationsInMinutes(m)).toMatchObject({ ttm: 35, ttr: 35 });
    // In time it went resolved (35), then monitoring (40): by the definition, that reads as a reopening.
    expect(m.reopened).toBe(1);
  });
});

describe('incidentMetrics: engagement stints', () => {
  it('a person released and paged again has two stints', () => {
    const log = incidentLog();
    log.step('Ana', 'paged', 0);
    log.step('Ana', 'joined', 2);
    log.step('Ana', 'released', 10);
    log.step('Ana', 'paged', 20);
    log.step('Ana', 'joined', 22);
    log.status('resolved', 30);
    const e = metricsOf(log).engagement;
    expect(e.people).toBe(1);
    expect(e.stints.map((s) => [minutes(s.engagedMs), minutes(s.toReleaseMs)])).toEqual([
      [8, 8],
      [8, null],
    ]);
    expect(e.stillEngagedAtResolution).toBe(1);
  });

  it('the same person however their name is written', () => {
    const log = incidentLog();
    log.step('Ana Lind', 'joined', 2);
    log.step('ana  lind', 'released', 12);
    expect(metricsOf(log).engagement).toMatchObject({ people: 1, released: 1, meanTimeToReleaseMs: 10 * MINUTE });
  });

  it('an open incident: time engaged of those not released is unknown', () => {
    const log = incidentLog();
    log.step('Ana', 'acknowledged', 1);
    log.step('Bo', 'joined', 1);
    log.step('Bo', 'released', 6);
    const e = metricsOf(log).engagement;
    expect(e.stints.map((s) => minutes(s.engagedMs)).sort()).toEqual([5, null]);
    expect(e.stillEngagedAtResolution).toBeNull();
  });
});

describe('incidentMetrics: cadence', () => {
  it('cancelled and failed messages do not count; delivered and requeued ones do', () => {
    const log = incidentLog({ priority: 'P2' });
    const failed = log.queue('customers', 10);
    log.outcome(failed, 'message.deliveryFailed', 11);
    const retried = log.queue('customers', 12);
    log.outcome(retried, 'message.deliveryFailed', 13);
    log.outcome(retried, 'message.requeued', 14);
    const cancelled = log.queue('customers', 20);
    log.outcome(cancelled, 'message.cancelled', 21);
    const arrived = log.queue('customers', 25);
    log.outcome(arrived, 'message.cancelled', 26);
    log.outcome(arrived, 'message.delivered', 26);
    log.status('resolved', 35);
    const customers = metricsOf(log).cadence.audiences.find((a) => a.audience === 'customers')!;
    // Counted: 12 and 25. Intervals 0→12, 12→25, 25→35, all within 15 minutes.
    expect(customers).toMatchObject({ updatesSent: 2, intervals: 3, lateIntervals: 0 });
  });

  it('no update at all: one interval from detection to resolution', () => {
    const log = incidentLog();
    log.status('resolved', 100);
    const c = metricsOf(log).cadence;
    expect(c.audiences.map((a) => [a.audience, a.intervals, minutes(a.longestLateMs)])).toEqual([
      ['executives', 1, 70],
      ['customers', 1, 85],
    ]);
    expect(c.kept).toBe(false);
  });

  it('an open incident is judged up to the time asked, or only on intervals that ended', () => {
    const log = incidentLog();
    log.message('executives', 10);
    log.message('customers', 10);
    expect(metricsOf(log).cadence.kept).toBe(true);
    const late = metricsOf(log, SETTINGS, T0 + 100 * MINUTE).cadence;
    expect(late.kept).toBe(false);
    expect(minutes(late.longestLateMs)).toBe(75);
  });

  it('no audience with a cadence at this priority: kept is unknown', () => {
    const log = incidentLog({ priority: 'P4' });
    log.message('executives', 10);
    log.status('resolved', 200);
    expect(metricsOf(log).cadence).toMatchObject({ audiences: [], updatesSent: 1, kept: null });
  });
});

describe('incidentMetrics: before the declaration is seen', () => {
  it('is null', () => {
    const log = plainIncident();
    expect(incidentMetrics(foldFacts(log.id, log.events.slice(1)), SETTINGS)).toBeNull();
  });
});
