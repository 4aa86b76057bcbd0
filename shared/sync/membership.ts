/**
 * Membership of a sync space. A device that presents the space's join code is
 * issued a random token, shown to it once in the welcome; the hub keeps only
 * its SHA-256, in the space's device registry, beside the one device id it is
 * bound to. Removing the device there ends the token. The space's secret
 * (which never leaves the hub) now only derives the bundle key, and checks
 * tokens of the kind hubs issued before the registry existed.
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

/** A device's token: 256 random bits. */
export function newDeviceToken(random: (bytes: Uint8Array) => Uint8Array): string {
  return bytesToHex(random(new Uint8Array(32)));
}

/** What the hub stores of a token. A token has 256 random bits: a fast unsalted hash is enough. */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}

export function tokenHashMatches(storedHash: string, token: string): boolean {
  return constantTimeEqual(storedHash, hashToken(token));
}

/**
 * The token hubs derived before they kept a registry. A device that presents
 * one and is not yet in the registry is registered once, with a fresh random
 * token given in its welcome; from then on its old token is refused.
 */
export function legacyDeviceToken(secretHex: string, deviceId: string): string {
  return bytesToHex(hmac(sha256, hexToBytes(secretHex), utf8ToBytes(`device:${deviceId}`)));
}

/** The key a space's consoles seal bundle files with. */
export function bundleKey(secretHex: string): string {
  return bytesToHex(hmac(sha256, hexToBytes(secretHex), utf8ToBytes('bundle')));
}

export function legacyTokenMatches(secretHex: string, deviceId: string, token: string): boolean {
  return constantTimeEqual(legacyDeviceToken(secretHex, deviceId), token);
}

function constantTimeEqual(expected: string, token: string): boolean {
  if (expected.length !== token.length) return false;
  // Constant time: a mismatch position must not be measurable.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}
