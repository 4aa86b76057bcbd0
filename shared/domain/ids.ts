/** Event ids are `deviceId:deviceSeq`: globally unique and the idempotency key everywhere. */

export const DEVICE_ID_REGEX = /^[a-z0-9]{8,32}$/;
export const EVENT_ID_REGEX = /^[a-z0-9]{8,32}:[1-9][0-9]{0,15}$/;

export function isDeviceId(value: string): boolean {
  return DEVICE_ID_REGEX.test(value);
}

export function eventId(deviceId: string, deviceSeq: number): string {
  if (!isDeviceId(deviceId)) throw new RangeError(`Invalid device id: ${deviceId}`);
  if (!Number.isSafeInteger(deviceSeq) || deviceSeq < 1) throw new RangeError(`Invalid device sequence: ${deviceSeq}`);
  return `${deviceId}:${deviceSeq}`;
}

/** The device and sequence number an event id names, or null when it is not an event id. */
export function parseEventId(id: string): { deviceId: string; deviceSeq: number } | null {
  if (!EVENT_ID_REGEX.test(id)) return null;
  const colon = id.indexOf(':');
  const deviceSeq = Number(id.slice(colon + 1));
  return Number.isSafeInteger(deviceSeq) ? { deviceId: id.slice(0, colon), deviceSeq } : null;
}

/** A fresh random device id (lower-case base 36, 16 chars). Uses the platform CSPRNG. */
export function newDeviceId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
