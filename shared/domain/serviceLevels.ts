/**
 * Tiers and service-level clocks. A normal incident has a clock until it must
 * become major; a major incident has a clock until continuity must be decided.
 * The clocks only inform: the console never changes a tier by itself, a person
 * decides and the decision is logged. All arithmetic is on instants (UTC
 * milliseconds), so daylight-saving changes never stretch or shrink a clock.
 */
import type { ServiceLevels } from './catalogues';
import { TIERS, type Status, type Tier } from './events';
import type { Priority } from './priority';

const MINUTE_MS = 60_000;

export type TierChangeProblem = 'unchanged' | 'reasonRequired' | 'deciderRequired';

/**
 * Any tier may follow any other (a crisis can skip straight to continuity); the
 * decision needs a reason and a decider. When two consoles decided at once
 * (`inConflict`), confirming the shown tier is a decision too: it settles the conflict.
 */
export function tierChangeProblem(
  from: Tier,
  to: Tier,
  reason: string,
  decidedBy: string,
  inConflict = false,
): TierChangeProblem | null {
  if (from === to && !inConflict) return 'unchanged';
  if (reason.trim() === '') return 'reasonRequired';
  if (decidedBy.trim() === '') return 'deciderRequired';
  return null;
}

export function isEscalation(from: Tier, to: Tier): boolean {
  return TIERS.indexOf(to) > TIERS.indexOf(from);
}

export type ClockKind = 'toMajor' | 'toContinuity';

export type ServiceLevelClock = {
  kind: ClockKind;
  priority: Priority;
  /** Instants in UTC milliseconds. */
  startMs: number;
  warnMs: number;
  deadlineMs: number;
};

export type ClockSubject = {
  priority: Priority;
  tier: Tier;
  status: Status;
  declaredAt: string;
  /** When the incident entered its tier (may be backdated by the person who logged the decision). */
  tierSince: string;
};

/**
 * The clock running for an incident now, or null when none runs: resolved or
 * closed incidents, continuity (already invoked), or a priority whose service
 * level sets no limit for its tier.
 */
export function serviceLevelClock(subject: ClockSubject, levels: ServiceLevels): ServiceLevelClock | null {
  if (subject.status === 'resolved' || subject.status === 'closed' || subject.tier === 'continuity') return null;
  const level = levels[subject.priority];
  const kind: ClockKind = subject.tier === 'normal' ? 'toMajor' : 'toContinuity';
  const limit = kind === 'toMajor' ? level.toMajorMinutes : level.toContinuityMinutes;
  if (limit === null) return null;
  // A decision backdated to before the declaration cannot start a clock before the incident existed.
  const startMs = Math.max(Date.parse(subject.declaredAt), Date.parse(subject.tierSince));
  const deadlineMs = startMs + limit * MINUTE_MS;
  return { kind, priority: subject.priority, startMs, deadlineMs, warnMs: deadlineMs - level.warnMinutes * MINUTE_MS };
}

export type ClockPhase = 'running' | 'warning' | 'overdue';

export type ClockReading = {
  phase: ClockPhase;
  /** Milliseconds left until the deadline; negative once overdue. */
  remainingMs: number;
};

export function readClock(clock: ServiceLevelClock, nowMs: number): ClockReading {
  const remainingMs = clock.deadlineMs - nowMs;
  const phase: ClockPhase = remainingMs <= 0 ? 'overdue' : nowMs >= clock.warnMs ? 'warning' : 'running';
  return { phase, remainingMs };
}

/** "1:04:09" / "12:05" / "0:09": a countdown a wall can show; sign is the caller's (overdue is said in words). */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
