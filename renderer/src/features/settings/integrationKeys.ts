/** Keys for alert integrations and calendar feeds, and the hub addresses they open. */
import { hashToken } from '@shared/sync/membership';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

type Random = (bytes: Uint8Array) => Uint8Array;
const webRandom: Random = (bytes) => crypto.getRandomValues(bytes);

/** 32 characters of base 32 (160 random bits): as long as a PagerDuty routing key, so senders that check its length take it. */
export function newIntegrationKey(random: Random = webRandom): string {
  const bytes = random(new Uint8Array(20));
  let key = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      key += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return key;
}

/** An id for a new integration: a letter, then random base 32. */
export function newIntegrationId(random: Random = webRandom): string {
  return `i${newIntegrationKey(random).slice(0, 11)}`;
}

/** What is kept of a key: its hash, and its last four characters to tell it from others. */
export function keyRecord(key: string): { keyHash: string; keyHint: string } {
  return { keyHash: hashToken(key), keyHint: key.slice(-4) };
}

/** Where a source posts, on the hub this console syncs with (its ws:// address made http://), or null without one. */
export function alertAddress(hubUrl: string | null | undefined, key: string): string | null {
  return hubAddress(hubUrl, `/alerts/${key}`);
}

/** Where a roster's calendar feed is read, on the hub this console syncs with, or null without one. */
export function calendarAddress(hubUrl: string | null | undefined, key: string): string | null {
  return hubAddress(hubUrl, `/oncall/${key}.ics`);
}

function hubAddress(hubUrl: string | null | undefined, path: string): string | null {
  if (!hubUrl) return null;
  try {
    const url = new URL(hubUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.pathname = path;
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}
