/**
 * A service's continuity (disaster recovery) plan: where its document is kept
 * is the service catalogue itself, so the plan is at hand on every console,
 * offline. A plan is reviewed on an interval; past it, the console says so.
 */
import { z } from 'zod';

import { isDay } from './instants';
import { LIMITS, hasForbiddenControlChars } from './text';

export const PLAN_LIMITS = { document: 50_000, reviewEveryDays: 3 * 365 } as const;

export const continuityPlanSchema = z.strictObject({
  /** Markdown: the recovery steps, contacts, where the standby lives. Shown inert. */
  document: z
    .string()
    .max(PLAN_LIMITS.document, `must be at most ${PLAN_LIMITS.document} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters')
    .refine((s) => s.trim().length > 0, 'must not be empty'),
  /** Who keeps the plan up to date (not always the service's owner). */
  owner: z
    .string()
    .max(LIMITS.personName)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters')
    .refine((s) => s.trim().length > 0, 'must not be empty'),
  /** When it was last reviewed (YYYY-MM-DD); empty: never. */
  reviewedOn: z.string().refine((s) => s === '' || isDay(s), 'must be a date (YYYY-MM-DD) or empty'),
  reviewEveryDays: z.number().int('must be whole days').min(1).max(PLAN_LIMITS.reviewEveryDays),
});
export type ContinuityPlan = z.infer<typeof continuityPlanSchema>;

export type PlanReview =
  | { state: 'none' }
  | { state: 'neverReviewed' }
  | { state: 'current'; dueOn: string }
  | { state: 'overdue'; dueOn: string; daysOver: number };

const DAY_MS = 24 * 60 * 60 * 1000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether a plan is due for review on `today` (YYYY-MM-DD): due the day its interval has run out, overdue after. */
export function planReview(plan: ContinuityPlan | undefined, today: string): PlanReview {
  if (!plan) return { state: 'none' };
  if (!plan.reviewedOn) return { state: 'neverReviewed' };
  const due = dayMs(plan.reviewedOn) + plan.reviewEveryDays * DAY_MS;
  const dueOn = dayOf(due);
  const over = Math.round((dayMs(today) - due) / DAY_MS);
  return over > 0 ? { state: 'overdue', dueOn, daysOver: over } : { state: 'current', dueOn };
}

/** Plans that need a review: never reviewed, or past their interval. */
export function needsReview(review: PlanReview): boolean {
  return review.state === 'neverReviewed' || review.state === 'overdue';
}
