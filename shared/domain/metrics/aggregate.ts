/**
 * Metrics across incidents: which incidents count (filters), and for each
 * metric its mean, median and how many incidents it is known for; trends over
 * time; by service (with the mean time between failures) and by priority;
 * engagement and cadence taken together.
 */
import type { IncidentKind } from '../events';
import { PRIORITIES, type Priority } from '../priority';
import { byText } from '../order';
import { nameKey } from '../text';
import { DURATION_METRICS, mean, type DurationMetric, type IncidentMetrics, type Stint } from './incidentMetrics';

export type MetricsFilter = {
  /** First and last day (YYYY-MM-DD, UTC) of detection, inclusive; null: open-ended. */
  from: string | null;
  to: string | null;
  /** Each list: any of them; empty: all. */
  services: string[];
  priorities: Priority[];
  kinds: IncidentKind[];
  tags: string[];
  /** Drills are exercises: left out unless asked for. */
  includeDrills: boolean;
};

export const NO_FILTER: MetricsFilter = { from: null, to: null, services: [], priorities: [], kinds: [], tags: [], includeDrills: false };

const DAY = 86_400_000;
/** Ranges up to this long are shown week by week; longer ones month by month. */
const WEEKLY_UP_TO_DAYS = 92;

const dayOf = (at: string) => at.slice(0, 10);

export function matchesFilter(m: IncidentMetrics, filter: MetricsFilter): boolean {
  if (m.drill && !filter.includeDrills) return false;
  const day = dayOf(m.milestones.detectedAt);
  if (filter.from !== null && day < filter.from) return false;
  if (filter.to !== null && day > filter.to) return false;
  if (filter.services.length > 0 && !m.services.some((s) => filter.services.includes(s))) return false;
  if (filter.priorities.length > 0 && !filter.priorities.includes(m.priority)) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(m.kind)) return false;
  if (filter.tags.length > 0 && !m.tags.some((t) => filter.tags.includes(t))) return false;
  return true;
}

// ---- Summaries ------------------------------------------------------------------

/** A metric over a set of incidents: known for `n` of `of` of them. */
export type Summary = { mean: number | null; median: number | null; n: number; of: number };
export type MetricSummaries = Record<DurationMetric, Summary>;

export function summarize(values: readonly (number | null)[]): Summary {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const middle = known.length >> 1;
  const median = known.length === 0 ? null : known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
  return { mean: mean(known), median, n: known.length, of: values.length };
}

function summaries(incidents: readonly IncidentMetrics[]): MetricSummaries {
  return Object.fromEntries(DURATION_METRICS.map((metric) => [metric, summarize(incidents.map((m) => m.durations[metric]))])) as MetricSummaries;
}

// ---- Trends ---------------------------------------------------------------------

export type TrendBucket = 'month' | 'week';
export type TrendPoint = {
  /** First day of the month or week (Monday), YYYY-MM-DD. */
  start: string;
  incidents: number;
  /** Mean of each metric over the bucket's incidents; null when none is known. */
  means: Record<DurationMetric, number | null>;
};
export type Trend = { bucket: TrendBucket; points: TrendPoint[] };

function bucketStart(ms: number, bucket: TrendBucket): number {
  const date = new Date(ms);
  if (bucket === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return day - ((date.getUTCDay() + 6) % 7) * DAY;
}

function nextBucket(ms: number, bucket: TrendBucket): number {
  if (bucket === 'week') return ms + 7 * DAY;
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Weeks for a short range (the filter's, or else the incidents' own), months otherwise; empty buckets in between are kept. */
export function trendOf(incidents: readonly IncidentMetrics[], filter: Pick<MetricsFilter, 'from' | 'to'>): Trend {
  const times = incidents.map((m) => Date.parse(m.milestones.detectedAt));
  if (times.length === 0) return { bucket: 'month', points: [] };
  const first = times.reduce((a, b) => Math.min(a, b));
  const last = times.reduce((a, b) => Math.max(a, b));
  const span = filter.from !== null && filter.to !== null ? Date.parse(filter.to) - Date.parse(filter.from) : last - first;
  const bucket: TrendBucket = span <= WEEKLY_UP_TO_DAYS * DAY ? 'week' : 'month';

  const byBucket = new Map<number, IncidentMetrics[]>();
  incidents.forEach((m, i) => {
    const key = bucketStart(times[i]!, bucket);
    const list = byBucket.get(key);
    if (list) list.push(m);
    else byBucket.set(key, [m]);
  });
  const points: TrendPoint[] = [];
  for (let start = bucketStart(first, bucket); start <= last; start = nextBucket(start, bucket)) {
    const members = byBucket.get(start) ?? [];
    const means = Object.fromEntries(DURATION_METRICS.map((metric) => [metric, mean(members.map((m) => m.durations[metric]))])) as TrendPoint['means'];
    points.push({ start: new Date(start).toISOString().slice(0, 10), incidents: members.length, means });
  }
  return { bucket, points };
}

// ---- Groups ---------------------------------------------------------------------

export type Group = { key: string; incidents: number; reopened: number; metrics: MetricSummaries };
/** `key` '' gathers incidents that name no service. */
export type ServiceGroup = Group & { mtbf: Mtbf };
/** Mean time between failures: over consecutive incidents, from one's resolution to the next one's start. */
export type Mtbf = { meanMs: number | null; pairs: number };

function groupOf(key: string, incidents: readonly IncidentMetrics[]): Group {
  return { key, incidents: incidents.length, reopened: incidents.filter((m) => m.reopened > 0).length, metrics: summaries(incidents) };
}

/**
 * Over one service's incidents, drills left out, in order of when each began
 * (impact, else detection): from each resolution to the next one's start. Pairs
 * whose first was never resolved say nothing; overlapping incidents count 0.
 */
export function mtbfOf(incidents: readonly IncidentMetrics[]): Mtbf {
  const real = incidents.filter((m) => !m.drill).sort((a, b) => compareStarts(a, b));
  const gaps: number[] = [];
  // The service is up again only once every earlier failure is resolved: overlapping incidents share one outage.
  let upSince: number | null = null;
  for (let i = 1; i < real.length; i++) {
    const resolvedAt = real[i - 1]!.milestones.resolvedAt;
    if (resolvedAt === null) continue;
    upSince = Math.max(upSince ?? -Infinity, Date.parse(resolvedAt));
    gaps.push(Math.max(0, Date.parse(real[i]!.startedAt) - upSince));
  }
  return { meanMs: mean(gaps), pairs: gaps.length };
}

function compareStarts(a: IncidentMetrics, b: IncidentMetrics): number {
  return byText(a.startedAt, b.startedAt) || byText(a.incidentId, b.incidentId);
}

export function byService(incidents: readonly IncidentMetrics[]): ServiceGroup[] {
  const members = new Map<string, IncidentMetrics[]>();
  for (const m of incidents) {
    for (const service of m.services.length ? new Set(m.services) : ['']) {
      const list = members.get(service);
      if (list) list.push(m);
      else members.set(service, [m]);
    }
  }
  return [...members]
    .map(([service, list]) => ({ ...groupOf(service, list), mtbf: mtbfOf(list) }))
    .sort((a, b) => b.incidents - a.incidents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function byPriority(incidents: readonly IncidentMetrics[]): Group[] {
  return PRIORITIES.map((p) => groupOf(p, incidents.filter((m) => m.priority === p))).filter((g) => g.incidents > 0);
}

// ---- Engagement and cadence ---------------------------------------------------------

export type EngagementSummary = {
  people: number;
  stints: number;
  /** Per stint: joined (else acknowledged) to released (else resolution). */
  engaged: Summary;
  /** Per released stint: joined (else paged) to released ("mean time to innocence"). */
  toRelease: Summary;
  released: number;
  /** Over resolved incidents: people still engaged when it was resolved. */
  stillEngagedAtResolution: number;
  resolvedIncidents: number;
  /** Per page: paged to acknowledged (else joined). */
  toAcknowledge: Summary;
  /** Pages per person per week (Monday to Sunday, UTC), over the weeks someone was paged: alert fatigue. */
  pagesPerWeek: { mean: number | null; busiest: { person: string; week: string; pages: number } | null };
};

/** The Monday (UTC) of the week an instant falls in, as YYYY-MM-DD. */
export function weekOf(at: string): string {
  const day = new Date(at);
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function pagesPerWeek(stints: readonly Stint[]): EngagementSummary['pagesPerWeek'] {
  const counts = new Map<string, { person: string; week: string; pages: number }>();
  for (const stint of stints) {
    if (stint.pagedAt === null) continue;
    const week = weekOf(stint.pagedAt);
    const key = `${nameKey(stint.person)}\n${week}`;
    const count = counts.get(key) ?? { person: stint.person, week, pages: 0 };
    count.pages += 1;
    // As last written: "bo" acknowledging does not rename Bo.
    count.person = stint.person;
    counts.set(key, count);
  }
  const all = [...counts.values()].sort((a, b) => b.pages - a.pages || (a.week < b.week ? 1 : a.week > b.week ? -1 : byText(a.person, b.person)));
  return { mean: mean(all.map((c) => c.pages)), busiest: all[0] ?? null };
}

export function engagementSummary(incidents: readonly IncidentMetrics[]): EngagementSummary {
  const stints = incidents.flatMap((m) => m.engagement.stints);
  const resolved = incidents.filter((m) => m.engagement.stillEngagedAtResolution !== null);
  return {
    people: incidents.reduce((sum, m) => sum + m.engagement.people, 0),
    stints: stints.length,
    engaged: summarize(stints.map((s) => s.engagedMs)),
    toRelease: summarize(stints.filter((s) => s.toReleaseMs !== null).map((s) => s.toReleaseMs)),
    released: stints.filter((s) => s.toReleaseMs !== null).length,
    stillEngagedAtResolution: resolved.reduce((sum, m) => sum + m.engagement.stillEngagedAtResolution!, 0),
    resolvedIncidents: resolved.length,
    toAcknowledge: summarize(stints.filter((s) => s.pagedAt !== null).map((s) => s.toAcknowledgeMs)),
    pagesPerWeek: pagesPerWeek(stints),
  };
}

export type CadenceSummary = {
  /** Incidents with at least one audience on a cadence. */
  incidents: number;
  /** Of those, how many had no late interval. */
  kept: number;
  updatesSent: number;
  lateIntervals: number;
  longestLateMs: number;
};

export function cadenceSummary(incidents: readonly IncidentMetrics[]): CadenceSummary {
  const judged = incidents.filter((m) => m.cadence.kept !== null);
  return {
    incidents: judged.length,
    kept: judged.filter((m) => m.cadence.kept).length,
    updatesSent: incidents.reduce((sum, m) => sum + m.cadence.updatesSent, 0),
    lateIntervals: incidents.reduce((sum, m) => sum + m.cadence.lateIntervals, 0),
    longestLateMs: incidents.reduce((max, m) => Math.max(max, m.cadence.longestLateMs), 0),
  };
}

// ---- Checklists -----------------------------------------------------------------------

/** One runbook across the incidents it was attached to: how much of it was done, and how fast. */
export type ChecklistSummary = {
  runbook: string;
  /** As the latest incident's checklist named it. */
  title: string;
  incidents: number;
  steps: number;
  done: number;
  skipped: number;
  /** From attaching to each step's being done. */
  toDone: Summary;
  slowestMs: number | null;
};

export function checklistSummary(incidents: readonly IncidentMetrics[]): ChecklistSummary[] {
  const groups = new Map<string, { title: string; at: string; by: string; lists: IncidentMetrics['checklists'] }>();
  for (const m of incidents) {
    for (const c of m.checklists ?? []) {
      const group = groups.get(c.runbook) ?? { title: c.title, at: m.startedAt, by: m.incidentId, lists: [] };
      // The latest incident names it; of two that started together, the one with the later id, so no order of input decides.
      if (m.startedAt > group.at || (m.startedAt === group.at && m.incidentId > group.by)) Object.assign(group, { title: c.title, at: m.startedAt, by: m.incidentId });
      group.lists.push(c);
      groups.set(c.runbook, group);
    }
  }
  return [...groups.entries()]
    .map(([runbook, { title, lists }]) => {
      const ticks = lists.flatMap((c) => c.doneAfterMs);
      return {
        runbook,
        title,
        incidents: lists.length,
        steps: lists.reduce((sum, c) => sum + c.steps, 0),
        done: lists.reduce((sum, c) => sum + c.done, 0),
        skipped: lists.reduce((sum, c) => sum + c.skipped, 0),
        toDone: summarize(ticks),
        slowestMs: ticks.length ? ticks.reduce((a, b) => Math.max(a, b)) : null,
      };
    })
    .sort((a, b) => b.incidents - a.incidents || a.title.localeCompare(b.title));
}

// ---- The dashboard ------------------------------------------------------------------

export type Dashboard = {
  incidents: number;
  /** Drills that match every other filter but were left out. */
  drillsLeftOut: number;
  overall: MetricSummaries;
  /** Incidents reopened at least once, and how many times in all. */
  reopened: { incidents: number; times: number };
  trend: Trend;
  byService: ServiceGroup[];
  byPriority: Group[];
  engagement: EngagementSummary;
  cadence: CadenceSummary;
  checklists: ChecklistSummary[];
};

export function aggregateMetrics(all: readonly IncidentMetrics[], filter: MetricsFilter): Dashboard {
  const incidents = all.filter((m) => matchesFilter(m, filter));
  const drillsLeftOut = filter.includeDrills ? 0 : all.filter((m) => m.drill && matchesFilter(m, { ...filter, includeDrills: true })).length;
  return {
    incidents: incidents.length,
    drillsLeftOut,
    overall: summaries(incidents),
    reopened: { incidents: incidents.filter((m) => m.reopened > 0).length, times: incidents.reduce((sum, m) => sum + m.reopened, 0) },
    trend: trendOf(incidents, filter),
    byService: byService(incidents),
    byPriority: byPriority(incidents),
    engagement: engagementSummary(incidents),
    cadence: cadenceSummary(incidents),
    checklists: checklistSummary(incidents),
  };
}

/** What the filters can offer: every service and tag named by any incident, sorted. */
export function filterOptions(all: readonly IncidentMetrics[]): { services: string[]; tags: string[] } {
  const services = new Set<string>();
  const tags = new Set<string>();
  for (const m of all) {
    for (const s of m.services) services.add(s);
    for (const t of m.tags) tags.add(t);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { services: sorted(services), tags: sorted(tags) };
}
