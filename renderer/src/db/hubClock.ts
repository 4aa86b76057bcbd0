/**
 * The hub's clock minus this console's, learnt when it last connected and
 * kept with the database it belongs to. Event clocks follow the hub's time, so
 * a console whose own clock is wrong neither stamps its events into the future
 * (a hub would refuse them) nor behind everyone else's. What a person sees
 * (occurredAt) stays on the local clock.
 */
import type { WarroomDatabase } from './database';

/** Offsets smaller than this are network noise, not a wrong clock. */
const CLOCK_OFFSET_NOISE_MS = 1_000;

function significant(offsetMs: number): number {
  return Number.isFinite(offsetMs) && Math.abs(offsetMs) >= CLOCK_OFFSET_NOISE_MS ? Math.round(offsetMs) : 0;
}

/** Now on the hub's clock, as far as this console knows it. */
export function hubTime(db: WarroomDatabase, now: () => number): number {
  return now() + db.hubClockOffsetMs;
}

/** The hub said how far apart the clocks are: used from now on, and kept for the next start. */
export async function learnHubClock(db: WarroomDatabase, offsetMs: number, now: () => number): Promise<void> {
  db.hubClockOffsetMs = significant(offsetMs);
  await db.meta.put({ key: 'clock', offsetMs, learntAt: now() });
}

/** Takes up the offset learnt before this start, until the hub is reached again. */
export async function restoreHubClock(db: WarroomDatabase): Promise<void> {
  const row = await db.meta.get('clock');
  if (row?.key === 'clock') db.hubClockOffsetMs = significant(row.offsetMs);
}
