/**
 * Wall-clock times in a named time zone and the instants they name, from the
 * runtime's own zone database (Intl) and nothing of the computer's own zone:
 * every console and the hub read "09:00 in Copenhagen" as the same instant.
 * A time the clocks skip (02:30 as they go forward) is read with the offset
 * before the change, so it lands after the gap; a time they repeat (02:30 as
 * they go back) is its first occurrence.
 */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `instant` (ms since the epoch). Throws for a zone the runtime does not know. */
export function wallTimeOf(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  // Years before 1 are not written as the Gregorian calendar counts them; rosters never reach them.
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** How far `zone`'s clock is ahead of UTC at `instant`, in ms. */
export function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtc(wallTimeOf(whole, zone)) - whole;
}

const HALF_DAY = 12 * 3_600_000;

/** The instant the wall clock in `zone` shows `wall` (month 1–12; day, hour and minute may overflow, as Date.UTC allows). */
export function instantOfWallTime(wall: WallTime, zone: string): number {
  const local = asUtc(wall);
  // The offsets on either side of any change of clocks near this time.
  const before = offsetAt(local - HALF_DAY, zone);
  const after = offsetAt(local + HALF_DAY, zone);
  const candidates = [local - before, local - after].filter((instant) => local - offsetAt(instant, zone) === instant);
  // Shown twice: the first. Never shown (a gap): with the offset before the change, which lands after the gap.
  return candidates.length ? Math.min(...candidates) : local - before;
}
