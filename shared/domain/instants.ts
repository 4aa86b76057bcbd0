/** Instants and calendar days as events and settings store them: text that means one thing everywhere. */
import { z } from 'zod';

/** A calendar day (an action item's due date): no time, no zone. */
export const DAY_REGEX = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day that exists: 2028-02-29 does, 2027-02-29 does not. */
export function isDay(text: string): boolean {
  return DAY_REGEX.test(text) && new Date(`${text}T00:00:00.000Z`).toISOString().startsWith(text);
}

/** Earliest instant any event may claim to have happened at. */
export const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const instantSchema = z
  .string()
  .regex(ISO_UTC, 'must be an ISO-8601 UTC instant with milliseconds')
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && ms >= EARLIEST_OCCURRED_AT && new Date(ms).toISOString() === s;
  }, 'must be a real instant after 2000-01-01');
