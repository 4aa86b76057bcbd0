/**
 * Membership of a sync space. A space has a secret only its hubs know; a
 * device that presents the space's join code is issued a token derived from
 * that secret and its device id, so any hub process sharing the space's
 * storage can check it without a lookup.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** No 0/O, 1/I: a join code is read aloud across a room. */
const JOIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newJoinCode(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(12));
  const chars = [...bytes].map((b) => JOIN_ALPHABET[b % JOIN_ALPHABET.length]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((group) => group.join('')).join('-');
}

/** Typed codes are forgiving: lower case, spaces and missing dashes are fine. */
export function normalizeJoinCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : typed.trim().toUpperCase();
}

export function newSecret(random: (bytes: Uint8Array) => Uint8Array): string {
  return bytesToHex(random(new Uint8Array(32)));
}

export function deviceToken(secretHex: string, deviceId: string): string {
  return bytesToHex(hmac(sha256, hexToBytes(secretHex), utf8ToBytes(`device:${deviceId}`)));
}

/** The key a space's consoles seal bundle files with. */
export function bundleKey(secretHex: string): string {
  return bytesToHex(hmac(sha256, hexToBytes(secretHex), utf8ToBytes('bundle')));
}

export function tokenMatches(secretHex: string, deviceId: string, token: string): boolean {
  const expected = deviceToken(secretHex, deviceId);
  if (expected.length !== token.length) return false;
  // Constant time: a mismatch position must not be measurable.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}
