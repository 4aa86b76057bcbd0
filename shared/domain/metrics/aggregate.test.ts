import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES } from '../catalogues';
import type { Audience } from '../comms';
import { aggregateMetrics, filterOptions, matchesFilter, mtbfOf, NO_FILTER, summarize, trendOf, type MetricsFilter } from './aggregate';
import { foldFacts } from './facts';
import { incidentMetrics, type IncidentMetrics } from './incidentMetrics';
import { incidentLog, MINUTE, T0, type IncidentLog, type LogOptions } from './testing/incidentLog';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const AUDIENCES: Audience[] = [{ id: 'executives', name: 'Executives', cadence: { P1: 30, P2: 60, P3: null, P4: null, P5: null } }];
const SETTINGS = { roles: DEFAULT_ROLES, audiences: AUDIENCES };

let devices = 0;
/** A fresh incident of its own device, declared `day` days after T0. */
function incident(day: number, options: Omit<LogOptions, 'deviceId' | 'declaredAt'> = {}, build?: (log: IncidentLog) => void): IncidentMetrics {
  devices += 1;
  const log = incidentLog({ ...options, deviceId: `device${String(devices).padStart(5, '0')}`, declaredAt: T0 + day * DAY });
  build?.(log);
  return incidentMetrics(foldFacts(log.id, log.events), SETTINGS)!;
}

const resolvedAfter = (minutes: number) => (log: IncidentLog) => log.status('resolved', minutes);
const filter = (f: Partial<MetricsFilter>): MetricsFilter => ({ ...NO_FILTER, ...f });

describe('summarize', () => {
  it('gives mean, median and how many of how many are known', () => {
    expect(summarize([null, 10, 30, 20])).toEqual({ mean: 20, median: 20, n: 3, of: 4 });
    expect(summarize([40, 10, 30, 20])).toEqual({ mean: 25, median: 25, n: 4, of: 4 });
    expect(summarize([null, null])).toEqual({ mean: null, median: null, n: 0, of: 2 });
    expect(summarize([])).toEqual({ mean: null, median: null, n: 0, of: 0 });
  });
});

describe('filters', () => {
  const real = incident(0, { services: ['dns', 'edge'], priority: 'P1', kind: 'service' }, (log) => log.tags(['network']));
  const security = incident(10, { services: ['vpn'], priority: 'P2', kind: 'security' }, (log) => log.tags(['auth', 'network']));
  const drill = incident(20, { services: ['dns'], priority: 'P1', drill: true });
  const all = [real, security, drill];
  const ids = (f: MetricsFilter) => all.filter((m) => matchesFilter(m, f)).map((m) => m.incidentId);

  it('leave drills out unless asked', () => {
    expect(ids(NO_FILTER)).toEqual([real.incidentId, security.incidentId]);
    expect(ids(filter({ includeDrills: true }))).toEqual([real.incidentId, security.incidentId, drill.incidentId]);
  });

  it('take a date range by day of detection, both ends included', () => {
    const day = (n: number) => new Date(T0 + n * DAY).toISOString().slice(0, 10);
    expect(ids(filter({ from: day(10), includeDrills: true }))).toEqual([security.incidentId, drill.incidentId]);
    expect(ids(filter({ to: day(10), includeDrills: true }))).toEqual([real.incidentId, security.incidentId]);
    expect(ids(filter({ from: day(10), to: day(10) }))).toEqual([security.incidentId]);
  });

  it('match any of the services, priorities, kinds and tags named', () => {
    expect(ids(filter({ services: ['edge', 'vpn'] }))).toEqual([real.incidentId, security.incidentId]);
    expect(ids(filter({ services: ['dns'], includeDrills: true }))).toEqual([real.incidentId, drill.incidentId]);
    expect(ids(filter({ priorities: ['P2'] }))).toEqual([security.incidentId]);
    expect(ids(filter({ kinds: ['security'] }))).toEqual([security.incidentId]);
    expect(ids(filter({ tags: ['auth'] }))).toEqual([security.incidentId]);
    expect(ids(filter({ tags: ['network'], priorities: ['P1'] }))).toEqual([real.incidentId]);
  });

  it('offer every service and tag any incident names', () => {
    expect(filterOptions(all)).toEqual({ services: ['dns', 'edge', 'vpn'], tags: ['auth', 'network'] });
  });
});

describe('aggregateMetrics', () => {
  const a = incident(0, { services: ['dns'] }, (log) => {
    log.assign('commander', ['Ana'], 4);
    log.status('monitoring', 20);
    log.status('resolved', 60);
  });
  const b = incident(3, { services: ['dns', 'edge'], priority: 'P2' }, (log) => {
    log.assign('commander', ['Bo'], 10);
    log.status('resolved', 30);
    log.status('investigating', 40);
    log.status('resolved', 90);
  });
  const open = incident(5, { services: ['edge'] }, (log) => log.entry(-20));
  const drill = incident(6, { services: ['dns'], drill: true }, (log) => log.assign('commander', ['Cy'], 1));

  it('gives each metric over the incidents that match, with n of N', () => {
    const d = aggregateMetrics([a, b, open, drill], NO_FILTER);
    expect(d.incidents).toBe(3);
    expect(d.drillsLeftOut).toBe(1);
    expect(d.overall.tta).toEqual({ mean: 7 * MINUTE, median: 7 * MINUTE, n: 2, of: 3 });
    expect(d.overall.ttr).toEqual({ mean: 75 * MINUTE, median: 75 * MINUTE, n: 2, of: 3 });
    expect(d.overall.ttm).toEqual({ mean: 25 * MINUTE, median: 25 * MINUTE, n: 2, of: 3 });
    expect(d.overall.ttd).toEqual({ mean: 20 * MINUTE, median: 20 * MINUTE, n: 1, of: 3 });
    expect(d.reopened).toEqual({ incidents: 1, times: 1 });
  });

  it('includes drills when asked', () => {
    const d = aggregateMetrics([a, b, open, drill], filter({ includeDrills: true }));
    expect(d.incidents).toBe(4);
    expect(d.drillsLeftOut).toBe(0);
    expect(d.overall.tta).toEqual({ mean: 5 * MINUTE, median: 4 * MINUTE, n: 3, of: 4 });
  });

  it('groups by service (an incident under each of its services) and by priority', () => {
    const d = aggregateMetrics([a, b, open], NO_FILTER);
    expect(d.byService.map((g) => [g.key, g.incidents, g.reopened, g.metrics.ttr.mean])).toEqual([
      ['dns', 2, 1, 75 * MINUTE],
      ['edge', 2, 1, 90 * MINUTE],
    ]);
    expect(d.byPriority.map((g) => [g.key, g.incidents, g.metrics.tta.mean])).toEqual([
      ['P1', 2, 4 * MINUTE],
      ['P2', 1, 10 * MINUTE],
    ]);
  });

  it('gathers incidents with no service under an empty key', () => {
    const none = incident(1, { services: [] });
    expect(aggregateMetrics([none], NO_FILTER).byService.map((g) => g.key)).toEqual(['']);
  });

  it('sums engagement and cadence over the incidents', () => {
    const x = incident(0, {}, (log) => {
      log.step('Ana', 'joined', 0);
      log.step('Bo', 'paged', 0);
      log.step('Bo', 'released', 4);
      log.message('executives', 20);
      log.status('resolved', 40);
    });
    const y = incident(1, {}, (log) => {
      log.step('Cy', 'joined', 10);
      log.step('Cy', 'released', 20);
      log.message('executives', 45);
      log.status('resolved', 50);
    });
    const d = aggregateMetrics([x, y], NO_FILTER);
    expect(d.engagement).toMatchObject({ people: 3, stints: 3, released: 2, stillEngagedAtResolution: 1, resolvedIncidents: 2 });
    expect(d.engagement.engaged).toEqual({ mean: 25 * MINUTE, median: 25 * MINUTE, n: 2, of: 3 });
    expect(d.engagement.toRelease).toEqual({ mean: 7 * MINUTE, median: 7 * MINUTE, n: 2, of: 2 });
    // x: 0→20→40 on a 30-minute cadence, kept. y: 0→45 late by 15, then 45→50.
    expect(d.cadence).toEqual({ incidents: 2, kept: 1, updatesSent: 2, lateIntervals: 1, longestLateMs: 15 * MINUTE });
  });

  it('measures how fast pages were answered, and how often the same person is paged in a week', () => {
    const monday = incident(0, {}, (log) => {
      log.step('Bo', 'paged', 0);
      log.step('bo', 'acknowledged', 4);
      log.step('Cy', 'paged', 1);
    });
    const tuesday = incident(1, {}, (log) => {
      log.step('Bo', 'paged', 0);
      log.step('Bo', 'acknowledged', 6);
      log.step('Ana', 'joined', 2);
    });
    const nextWeek = incident(8, {}, (log) => {
      log.step('Bo', 'paged', 0);
      log.step('Bo', 'joined', 2);
    });
    const { engagement } = aggregateMetrics([monday, tuesday, nextWeek], NO_FILTER);
    // Ana came without a page: not a page answered. Cy never answered: known for 3 of 4 pages.
    expect(engagement.toAcknowledge).toEqual({ mean: 4 * MINUTE, median: 4 * MINUTE, n: 3, of: 4 });
    expect(engagement.pagesPerWeek).toEqual({ mean: 4 / 3, busiest: { person: 'Bo', week: '2026-03-02', pages: 2 } });
    expect(aggregateMetrics([], NO_FILTER).engagement.pagesPerWeek).toEqual({ mean: null, busiest: null });
  });

  it('is empty, not broken, when nothing matches', () => {
    const d = aggregateMetrics([a], filter({ services: ['nothing'] }));
    expect(d).toMatchObject({ incidents: 0, byService: [], byPriority: [], trend: { points: [] } });
    expect(d.overall.ttr).toEqual({ mean: null, median: null, n: 0, of: 0 });
  });
});

describe('mean time between failures', () => {
  it('runs from each resolution to the next incident’s start, in order of start, drills left out', () => {
    const first = incident(0, { services: ['dns'] }, resolvedAfter(60));
    const drill = incident(5, { services: ['dns'], drill: true }, resolvedAfter(10));
    // Its impact began 30 minutes before it was declared: that is when the failure started.
    const second = incident(10, { services: ['dns'] }, (log) => {
      log.impactStarted(-30);
      log.status('resolved', 120);
    });
    const third = incident(20, { services: ['dns'] }, resolvedAfter(5));
    const mtbf = mtbfOf([third, drill, second, first]);
    expect(mtbf.pairs).toBe(2);
    expect(mtbf.meanMs).toBe((10 * DAY - 90 * MINUTE + (10 * DAY - 120 * MINUTE)) / 2);
    expect(aggregateMetrics([first, second, third, drill], filter({ includeDrills: true })).byService[0]!.mtbf).toEqual(mtbf);
  });

  it('skips pairs whose first was never resolved, and is unknown with fewer than two', () => {
    const unresolved = incident(0, { services: ['vpn'] });
    const next = incident(2, { services: ['vpn'] }, resolvedAfter(30));
    expect(mtbfOf([unresolved, next])).toEqual({ meanMs: null, pairs: 0 });
    expect(mtbfOf([next])).toEqual({ meanMs: null, pairs: 0 });
  });

  it('counts overlapping incidents as 0 apart, never negative', () => {
    const long = incident(0, { services: ['vpn'] }, resolvedAfter(3 * 60));
    const during = incident(0.05, { services: ['vpn'] }, resolvedAfter(10));
    expect(mtbfOf([long, during])).toEqual({ meanMs: 0, pairs: 1 });
  });

  it('measures from the latest resolution so far: a short incident inside a long one does not end the outage', () => {
    // Day 0: down for 100 minutes; a short incident inside it; the next failure 200 minutes after the first began.
    const long = incident(0, { services: ['vpn'] }, resolvedAfter(100));
    const inside = incident(10 / (24 * 60), { services: ['vpn'] }, resolvedAfter(10));
    const next = incident(200 / (24 * 60), { services: ['vpn'] }, resolvedAfter(5));
    expect(mtbfOf([next, inside, long])).toEqual({ meanMs: (0 + 100 * MINUTE) / 2, pairs: 2 });
  });
});

describe('trends', () => {
  it('go month by month over a long range, keeping empty months', () => {
    const december = incident(-90, {}, resolvedAfter(30));
    const march = incident(0, {}, resolvedAfter(90));
    const march2 = incident(10, {}, resolvedAfter(30));
    const trend = trendOf([march, december, march2], NO_FILTER);
    expect(trend.bucket).toBe('month');
    expect(trend.points.map((p) => [p.start, p.incidents, p.means.ttr === null ? null : p.means.ttr / MINUTE])).toEqual([
      ['2025-12-01', 1, 30],
      ['2026-01-01', 0, null],
      ['2026-02-01', 0, null],
      ['2026-03-01', 2, 60],
    ]);
  });

  it('go week by week (from Monday) over a short range', () => {
    // T0 is a Monday; day 9 is the Wednesday of the next week.
    const monday = incident(0, {}, resolvedAfter(30));
    const sunday = incident(6.5, {}, resolvedAfter(60));
    const wednesday = incident(9, {}, resolvedAfter(10));
    const trend = trendOf([monday, sunday, wednesday], NO_FILTER);
    expect(trend.bucket).toBe('week');
    expect(trend.points.map((p) => [p.start, p.incidents])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-09', 1],
    ]);
  });

  it('take the filter’s range to choose between weeks and months', () => {
    const one = incident(0, {}, resolvedAfter(30));
    const two = incident(9, {}, resolvedAfter(30));
    expect(trendOf([one, two], { from: '2026-01-01', to: '2026-12-31' }).bucket).toBe('month');
  });
});

describe('checklists', () => {
  const steps = [
    { id: 'a', text: 'First', after: [] },
    { id: 'b', text: 'Second', after: [] },
    { id: 'c', text: 'Third', after: [] },
  ];
  const withChecklist = (title: string, doneAt: number[], skip = false) => (log: IncidentLog) => {
    log.event('checklist.attached', 2, { runbook: 'major', version: 1, title, steps, trigger: 'conditions' });
    doneAt.forEach((minutes, i) => log.event('checklist.stepMarked', minutes, { runbook: 'major', title, step: steps[i]!.id, about: steps[i]!.text, state: 'done', reason: '' }));
    if (skip) log.event('checklist.stepMarked', 40, { runbook: 'major', title, step: 'c', about: 'Third', state: 'skipped', reason: 'Not needed' });
  };

  it('give each runbook’s time from attaching to each step done, across incidents, drills left out', () => {
    const first = incident(0, {}, withChecklist('Major (old title)', [12, 32], true));
    const second = incident(1, {}, withChecklist('Major incident', [7]));
    const drill = incident(2, { drill: true }, withChecklist('Major incident', [102]));
    expect(first.checklists).toEqual([{ runbook: 'major', title: 'Major (old title)', steps: 3, done: 2, skipped: 1, doneAfterMs: [10 * MINUTE, 30 * MINUTE] }]);
    const [summary] = aggregateMetrics([first, second, drill], NO_FILTER).checklists;
    expect(summary).toEqual({
      runbook: 'major',
      title: 'Major incident',
      incidents: 2,
      steps: 6,
      done: 3,
      skipped: 1,
      toDone: { mean: (10 + 30 + 5) * MINUTE / 3, median: 10 * MINUTE, n: 3, of: 3 },
      slowestMs: 30 * MINUTE,
    });
    expect(aggregateMetrics([first, second, drill], filter({ includeDrills: true })).checklists[0]!.slowestMs).toBe(100 * MINUTE);
  });
});
