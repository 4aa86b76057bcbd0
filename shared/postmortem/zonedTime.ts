/**
 * Instants as the wall clock of one IANA zone reads them, for exported
 * documents: "2026-11-22 14:03:05" on a 24-hour clock, the same in every
 * language, so a reader can sort and compare them. The zone and its offset are
 * stated once, in the document's header, rather than on every line.
 */

import { offsetAt, wallTimeOf } from '../domain/zonedTime';

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-11-22 14:03:05": the instant on the zone's wall clock. Throws for a zone the runtime does not know. */
export function formatInZone(iso: string, zone: string): string {
  const c = wallTimeOf(Date.parse(iso), zone);
  return `${String(c.year).padStart(4, '0')}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}:${two(c.second)}`;
}

/** The zone's offset from UTC at that instant, in minutes (Copenhagen in winter: 60). */
export function offsetMinutes(iso: string, zone: string): number {
  return Math.round(offsetAt(Date.parse(iso), zone) / 60_000);
}

/** "UTC+01:00", "UTC-03:30", "UTC+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * Every offset the zone has over the given instants, in the order first met:
 * one for most incidents, two when one runs across a daylight-saving change.
 */
export function offsetsDuring(instants: Iterable<string>, zone: string): string[] {
  const seen = new Set<string>();
  for (const iso of instants) seen.add(formatOffset(offsetMinutes(iso, zone)));
  return [...seen];
}
