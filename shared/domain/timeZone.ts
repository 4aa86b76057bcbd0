/** Time zones named by people (a wall's clocks): IANA names, checked rather than trusted. */

/** "Europe/Copenhagen", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5": the shape of an IANA name, and nothing like a path. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]{0,30}(?:\/[A-Za-z0-9_+-]{1,30}){0,2}$/;

/** True for a zone this runtime knows by that name. */
export function isTimeZone(zone: string): boolean {
  if (!ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone this computer's clock reads: what the room means by "14:03". */
export function consoleTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the runtime knows by name, for a zone field's suggestions; none where it cannot list them. */
export function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
