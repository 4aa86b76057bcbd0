/** Rules for the time a person says something happened (which may be earlier than when it was logged). */
import { EARLIEST_OCCURRED_AT } from './events';

/** Clocks in the room disagree a little; beyond this an entry is "in the future". */
export const FUTURE_TOLERANCE_MS = 60 * 1000;
/**
 * How far ahead of a hub's clock an event may say it happened. What a person
 * sees stays on the writer's own clock, which the room does not correct, so a
 * console whose clock is hours wrong still gets its entries to the room; an
 * entry dated further ahead is a forgery or a broken clock, and is refused.
 */
export const MAX_WRITER_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
/** Backdating further than this is almost certainly a typo. */
export const MAX_BACKDATE_MS = 366 * 24 * 60 * 60 * 1000;

export type OccurredAtProblem = 'invalid' | 'future' | 'tooOld';

export function checkOccurredAt(occurredMs: number, nowMs: number): OccurredAtProblem | null {
  if (!Number.isFinite(occurredMs) || occurredMs < EARLIEST_OCCURRED_AT) return 'invalid';
  if (occurredMs > nowMs + FUTURE_TOLERANCE_MS) return 'future';
  if (occurredMs < nowMs - MAX_BACKDATE_MS) return 'tooOld';
  return null;
}
