/**
 * What a wall screen shows, written into its route so a browser in kiosk mode
 * can be pointed at it: `#/wall` (every open incident, rotating) or
 * `#/wall/<incident>`, with `?zones=Europe/Copenhagen,UTC&rotate=20&lang=da`.
 * The desktop app builds the same route for its wall windows.
 */
import { z } from 'zod';

import { isTimeZone } from '../domain/timeZone';

export const WALL_LIMITS = { zones: 3, rotateMinSeconds: 5, rotateMaxSeconds: 3600 } as const;
export const DEFAULT_ROTATE_SECONDS = 20;
const MAX_NAMED_PROBLEMS = 5;

export const wallOptionsSchema = z.strictObject({
  /** Extra clocks, in order; none means the screen's own zone only. */
  zones: z.array(z.string().max(64).refine(isTimeZone, 'must be a time zone')).max(WALL_LIMITS.zones),
  /** Seconds each view of the overview's rotation stays; 0 keeps the overview still. */
  rotateSeconds: z.union([z.literal(0), z.number().int().min(WALL_LIMITS.rotateMinSeconds).max(WALL_LIMITS.rotateMaxSeconds)]),
});
export type WallOptions = z.infer<typeof wallOptionsSchema>;

export const DEFAULT_WALL_OPTIONS: WallOptions = { zones: [], rotateSeconds: DEFAULT_ROTATE_SECONDS };

/** A wall's route; `incidentId` null is the overview of every open incident. */
export function wallRoute(incidentId: string | null, options: WallOptions = DEFAULT_WALL_OPTIONS): string {
  const path = incidentId === null ? '#/wall' : `#/wall/${encodeURIComponent(incidentId)}`;
  const query: string[] = [];
  if (options.zones.length) query.push(`zones=${options.zones.map(encodeURIComponent).join(',')}`);
  if (incidentId === null && options.rotateSeconds !== DEFAULT_ROTATE_SECONDS) query.push(`rotate=${options.rotateSeconds}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/**
 * One parameter of a query string; null when absent. Text that does not decode
 * comes back as written, for the checks to refuse and the wall to name.
 * (Shared code runs where URLSearchParams is not typed.)
 */
function queryParam(query: string, name: string): string | null {
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const [key, value = ''] = pair.split('=', 2);
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * Reads a wall's query. A wall has nobody at it to answer an error, so it shows
 * what it can: unknown zones, and any beyond the limit, are left out and named in `problems`.
 */
export function parseWallQuery(query: string): { options: WallOptions; problems: { badZones: string[]; badRotate: string | null } } {
  // Each zone once: a clock shown twice says nothing more, and the footer keys its clocks by zone.
  const asked = [
    ...new Set(
      (queryParam(query, 'zones') ?? '')
        .split(',')
        .map((zone) => zone.trim())
        .filter(Boolean),
    ),
  ];
  const known = asked.filter(isTimeZone);
  const zones = known.slice(0, WALL_LIMITS.zones);
  // Zones beyond the limit are left out as surely as unknown ones, so they are named too.
  // A few names say what went wrong; an address stuffed with thousands must not fill the screen.
  const badZones = [...asked.filter((zone) => !isTimeZone(zone)), ...known.slice(WALL_LIMITS.zones)]
    .slice(0, MAX_NAMED_PROBLEMS)
    .map((zone) => zone.slice(0, 40));
  const rawRotate = queryParam(query, 'rotate');
  let rotateSeconds: number = DEFAULT_ROTATE_SECONDS;
  let badRotate: string | null = null;
  if (rawRotate !== null) {
    const parsed = wallOptionsSchema.shape.rotateSeconds.safeParse(/^\d{1,5}$/.test(rawRotate) ? Number(rawRotate) : NaN);
    if (parsed.success) rotateSeconds = parsed.data;
    else badRotate = rawRotate.slice(0, 12);
  }
  return { options: { zones, rotateSeconds }, problems: { badZones, badRotate } };
}
