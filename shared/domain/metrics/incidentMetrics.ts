/**
 * One incident's metrics, from its facts: the milestones (impact began,
 * detected, acknowledged, engaged, mitigated, resolved), the time from one to
 * the next, how often it was reopened, how long people stayed and how fast they
 * were released, and whether each audience heard on time.
 *
 * All times are when things happened (occurredAt; entries may be backdated),
 * ties broken by log order. A step recorded before the declaration (paged
 * before declared) counts as 0, never as a negative time.
 */
import { COMMANDER_ROLE, type Role } from '../catalogues';
import { emptyChecklists, viewChecklists } from '../checklists';
import type { Audience } from '../comms';
import type { IncidentKind, Status } from '../events';
import type { Priority } from '../priority';
import { registerHeads } from '../register';
import { engagementCycles } from '../engagement';
import { byText } from '../order';
import {
  compareStamps,
  countingMessages,
  currentField,
  writesInTimeOrder,
  type IncidentFacts,
  type Stamp,
} from './facts';

/** The organisation's settings the metrics read: which roles must be held, and each audience's cadence. */
export type MetricsSettings = { roles: readonly Role[]; audiences: readonly Audience[] };

/** Time to detect, acknowledge, engage, mitigate and resolve. */
export const DURATION_METRICS = ['ttd', 'tta', 'tte', 'ttm', 'ttr'] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export type Milestones = {
  impactBeganAt: string | null;
  detectedAt: string;
  acknowledgedAt: string | null;
  engagedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
};

/** One stretch a person spent on the incident: from being paged (or joining) to being released. */
export type Stint = {
  person: string;
  /** Joined (else acknowledged) to released (else the resolution); null while open, or when they never came. */
  engagedMs: number | null;
  /** Joined (else paged) to released: how fast people who could not help were let go. Null unless released. */
  toReleaseMs: number | null;
  /** When they were paged; null when they came without a page. */
  pagedAt: string | null;
  /** Paged to acknowledged (else joined): how fast a page was answered. Null unless paged and answered. */
  toAcknowledgeMs: number | null;
};

export type EngagementMetrics = {
  /** Different people paged or engaged. */
  people: number;
  stints: Stint[];
  meanEngagedMs: number | null;
  meanTimeToReleaseMs: number | null;
  released: number;
  /** People engaged when the incident was resolved and not yet released; null until resolved. */
  stillEngagedAtResolution: number | null;
};

export type AudienceCadence = {
  audience: string;
  name: string;
  cadenceMinutes: number;
  updatesSent: number;
  intervals: number;
  lateIntervals: number;
  /** How far past its due time the latest update came (0 when always on time). */
  longestLateMs: number;
};

export type CadenceMetrics = {
  /** Audiences with a cadence for the incident's priority. */
  audiences: AudienceCadence[];
  /** Messages that count (not cancelled, not failed), to any audience. */
  updatesSent: number;
  lateIntervals: number;
  longestLateMs: number;
  /** No late interval for any audience; null when no audience has a cadence for this priority. */
  kept: boolean | null;
};

export type IncidentMetrics = {
  incidentId: string;
  title: string;
  kind: IncidentKind;
  priority: Priority;
  services: string[];
  tags: string[];
  status: Status;
  drill: boolean;
  milestones: Milestones;
  /** When the failure began, for the time between failures: impact began, else detected. */
  startedAt: string;
  /** Milliseconds, or null when a milestone is not known. */
  durations: Record<DurationMetric, number | null>;
  /** How many times the status went from resolved or closed back to an open status. */
  reopened: number;
  engagement: EngagementMetrics;
  cadence: CadenceMetrics;
  checklists: ChecklistMetrics[];
};

/** One checklist of the incident: how much of it was finished, and how long after attaching each step was done. */
export type ChecklistMetrics = { runbook: string; title: string; steps: number; done: number; skipped: number; doneAfterMs: number[] };

const MINUTE = 60_000;
const OVER: ReadonlySet<Status> = new Set(['resolved', 'closed']);
const MITIGATED: ReadonlySet<Status> = new Set(['monitoring', 'resolved', 'closed']);

/**
 * @param asOf where an open incident's last update interval ends (ms); without it, only
 *   intervals that ended are judged.
 * @returns null until the declaration has been seen.
 */
export function incidentMetrics(facts: IncidentFacts, settings: MetricsSettings, asOf?: number): IncidentMetrics | null {
  const declared = facts.declared;
  const status = currentField(facts, 'status');
  const priority = currentField(facts, 'priority');
  const kind = currentField(facts, 'kind');
  if (!declared || !status || !priority || !kind) return null;

  const detectedAt = detection(facts, declared.at);
  const history = statusHistory(facts, status);
  const milestones: Milestones = {
    impactBeganAt: impactBegan(facts, detectedAt),
    detectedAt,
    acknowledgedAt: acknowledged(facts),
    engagedAt: engaged(facts, settings.roles),
    mitigatedAt: history.mitigatedAt,
    resolvedAt: history.resolvedAt,
  };
  const since = (at: string | null) => (at === null ? null : Math.max(0, Date.parse(at) - Date.parse(detectedAt)));
  // Updates are judged until the resolution; while open, until `asOf` if given.
  const cadenceUntil = milestones.resolvedAt ?? (asOf === undefined ? null : new Date(asOf).toISOString());
  return {
    incidentId: facts.incidentId,
    title: currentField(facts, 'title') ?? '',
    kind,
    priority,
    services: currentField(facts, 'services') ?? [],
    tags: currentField(facts, 'tags') ?? [],
    status,
    drill: declared.drill,
    milestones,
    startedAt: milestones.impactBeganAt ?? detectedAt,
    durations: {
      ttd: milestones.impactBeganAt === null ? null : Math.max(0, Date.parse(detectedAt) - Date.parse(milestones.impactBeganAt)),
      tta: since(milestones.acknowledgedAt),
      tte: since(milestones.engagedAt),
      ttm: since(milestones.mitigatedAt),
      ttr: since(milestones.resolvedAt),
    },
    reopened: history.reopened,
    engagement: engagementMetrics(facts, milestones.resolvedAt),
    cadence: cadenceMetrics(facts, settings.audiences, priority, detectedAt, cadenceUntil),
    checklists: viewChecklists(facts.checklists ?? emptyChecklists(facts.incidentId)).map((c) => ({
      runbook: c.runbook,
      title: c.title,
      steps: c.total,
      done: c.done,
      skipped: c.skipped,
      doneAfterMs: c.steps.flatMap((s) => (s.state === 'done' && s.afterMs !== null ? [s.afterMs] : [])),
    })),
  };
}

// ---- Milestones ---------------------------------------------------------------

/** When it was detected: at its declaration, or when the earliest alert of a group attached to it began, if that was earlier. */
function detection(facts: IncidentFacts, declaredAt: string): string {
  let earliest = declaredAt;
  for (const at of Object.values(facts.alerted ?? {})) if (at < earliest) earliest = at;
  return earliest;
}

/** The impactStarted field when set; else the earliest backdated timeline event not struck through, if before detection; else unknown. */
function impactBegan(facts: IncidentFacts, detectedAt: string): string | null {
  const recorded = currentField(facts, 'impactStarted');
  if (recorded) return recorded;
  let earliest: string | null = null;
  for (const [id, at] of Object.entries(facts.backdated)) {
    if (!Object.hasOwn(facts.struck, id) && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest !== null && earliest < detectedAt ? earliest : null;
}

/** The first acknowledgement or joining by anyone, or a commander named, whichever came first. */
function acknowledged(facts: IncidentFacts): string | null {
  const answers: Stamp[] = [
    ...Object.values(facts.steps).filter((s) => s.step === 'acknowledged' || s.step === 'joined'),
    ...Object.values(facts.roles).filter((r) => r.role === COMMANDER_ROLE && r.held),
  ];
  return earliest(answers)?.at ?? null;
}

/** The first moment the commander and every required role were all held, folding assignments in time order. */
function engaged(facts: IncidentFacts, roles: readonly Role[]): string | null {
  const required = new Set([COMMANDER_ROLE, ...roles.filter((r) => r.required).map((r) => r.id)]);
  const held = new Set<string>();
  for (const assignment of Object.values(facts.roles).sort(compareStamps)) {
    if (assignment.held) held.add(assignment.role);
    else held.delete(assignment.role);
    if ([...required].every((role) => held.has(role))) return assignment.at;
  }
  return null;
}

type StatusHistory = { mitigatedAt: string | null; resolvedAt: string | null; reopened: number };

/**
 * The status's writes in time order. Mitigated: the first move to monitoring or
 * beyond. Resolved: the start of the last stretch it has stayed resolved or
 * closed (its first `resolved`, else when it closed), while the status shown is
 * one of those; unknown while open again.
 */
function statusHistory(facts: IncidentFacts, current: Status): StatusHistory {
  const writes = writesInTimeOrder(facts.fields.status);
  let mitigatedAt: string | null = null;
  let reopened = 0;
  let previous: Status | null = null;
  for (const write of writes) {
    if (mitigatedAt === null && MITIGATED.has(write.value)) mitigatedAt = write.at;
    if (previous !== null && OVER.has(previous) && !OVER.has(write.value)) reopened += 1;
    previous = write.value;
  }
  if (!OVER.has(current)) return { mitigatedAt, resolvedAt: null, reopened };

  let start = writes.length;
  while (start > 0 && OVER.has(writes[start - 1]!.value)) start -= 1;
  const lastStretch = writes.slice(start);
  // The status shown can disagree with the last write in time (a backdated change): its own write then says when.
  const shown = readShownWrite(facts);
  const resolvedAt = (lastStretch.find((w) => w.value === 'resolved') ?? lastStretch[0])?.at ?? shown ?? null;
  return { mitigatedAt, resolvedAt, reopened };
}

function readShownWrite(facts: IncidentFacts): string | null {
  return registerHeads(facts.fields.status)[0]?.at ?? null;
}

function earliest<T extends Stamp>(stamps: readonly T[]): T | null {
  let first: T | null = null;
  for (const stamp of stamps) if (!first || compareStamps(stamp, first) < 0) first = stamp;
  return first;
}

// ---- Engagement ---------------------------------------------------------------

function engagementMetrics(facts: IncidentFacts, resolvedAt: string | null): EngagementMetrics {
  const people = engagementCycles(Object.values(facts.steps), (step) => step.at).sort((a, b) => byText(a.key, b.key));
  // By person, then in time: the same stints in the same order whatever order the events arrived in.
  const cycles = people.flatMap(({ cycles }) => cycles);
  const resolvedMs = resolvedAt === null ? null : Date.parse(resolvedAt);
  let stillEngaged = 0;
  const stints: Stint[] = cycles.map((c) => {
    const came = c.joinedAt ?? c.acknowledgedAt;
    const end = c.releasedAt !== null ? Date.parse(c.releasedAt) : resolvedMs;
    const releasedFrom = c.joinedAt ?? c.pagedAt ?? c.acknowledgedAt;
    if (came !== null && resolvedMs !== null && Date.parse(came) <= resolvedMs && (c.releasedAt === null || Date.parse(c.releasedAt) > resolvedMs)) {
      stillEngaged += 1;
    }
    return {
      person: c.name,
      engagedMs: came === null || end === null ? null : Math.max(0, end - Date.parse(came)),
      toReleaseMs: c.releasedAt === null || releasedFrom === null ? null : Math.max(0, Date.parse(c.releasedAt) - Date.parse(releasedFrom)),
      pagedAt: c.pagedAt,
      toAcknowledgeMs: c.pagedAt === null || came === null ? null : Math.max(0, Date.parse(came) - Date.parse(c.pagedAt)),
    };
  });
  return {
    people: people.length,
    stints,
    meanEngagedMs: mean(stints.map((s) => s.engagedMs)),
    meanTimeToReleaseMs: mean(stints.map((s) => s.toReleaseMs)),
    released: stints.filter((s) => s.toReleaseMs !== null).length,
    stillEngagedAtResolution: resolvedAt === null ? null : stillEngaged,
  };
}

export function mean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

// ---- Cadence ------------------------------------------------------------------

/**
 * For each audience with a cadence at the incident's priority: the intervals
 * from detection to its first update and between updates, until the end
 * (resolution, or `until` for an open incident). Longer than the cadence is late.
 */
function cadenceMetrics(
  facts: IncidentFacts,
  audiences: readonly Audience[],
  priority: Priority,
  detectedAt: string,
  until: string | null,
): CadenceMetrics {
  const messages = countingMessages(facts);
  // Times as numbers once: the dashboard does this for every incident held.
  const start = Date.parse(detectedAt);
  const end = until === null ? null : Date.parse(until);
  const sentTo = new Map<string, number[]>();
  for (const m of messages) {
    const list = sentTo.get(m.audience);
    if (list) list.push(Date.parse(m.at));
    else sentTo.set(m.audience, [Date.parse(m.at)]);
  }
  const result: AudienceCadence[] = [];
  for (const audience of audiences) {
    const minutes = audience.cadence[priority];
    if (minutes === null) continue;
    const sent = sentTo.get(audience.id) ?? [];
    const marks = [start, ...sent.filter((at) => at > start && (end === null || at < end))];
    if (end !== null && end > start) marks.push(end);
    let lateIntervals = 0;
    let longestLateMs = 0;
    for (let i = 1; i < marks.length; i++) {
      const late = marks[i]! - marks[i - 1]! - minutes * MINUTE;
      if (late <= 0) continue;
      lateIntervals += 1;
      longestLateMs = Math.max(longestLateMs, late);
    }
    result.push({
      audience: audience.id,
      name: audience.name,
      cadenceMinutes: minutes,
      updatesSent: sent.length,
      intervals: marks.length - 1,
      lateIntervals,
      longestLateMs,
    });
  }
  const lateIntervals = result.reduce((sum, a) => sum + a.lateIntervals, 0);
  return {
    audiences: result,
    updatesSent: messages.length,
    lateIntervals,
    longestLateMs: result.reduce((max, a) => Math.max(max, a.longestLateMs), 0),
    kept: result.length === 0 ? null : lateIntervals === 0,
  };
}
