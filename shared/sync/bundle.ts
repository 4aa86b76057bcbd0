/**
 * The sync bundle (`.warroomsync`): a console's whole event log in one file,
 * carried on a USB stick to consoles with no network between them.
 *
 * Line one is a JSON header; every line after it is one event as it travels.
 * The header carries a SHA-256 of the body (everything after the first line
 * break, as UTF-8 bytes) to catch damage, and, when the workspace has a key, an
 * HMAC-SHA256 of the same bytes to catch tampering and bundles from another
 * workspace. The header itself is not covered: its fields are for people and
 * for the count check; what is applied is the body alone.
 *
 * A bundle is applied whole or not at all: one event this build would refuse
 * refuses the bundle, so a half-applied stick never leaves two consoles
 * quietly disagreeing about what it held.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';

import { parseEvent } from '../domain/events';
import { DEVICE_ID_REGEX } from '../domain/ids';
import { checkStorable } from '../domain/storable';

export const BUNDLE_FORMAT = 'warroom.sync-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = 'warroomsync';
export const BUNDLE_MIME = 'application/x-warroom-sync';
/** Room for a few hundred thousand events; far below what would exhaust a renderer's memory. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
export const MAX_BUNDLE_EVENTS = 2_000_000;

const HEX_256 = /^[0-9a-f]{64}$/;

const headerSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  deviceId: z.string().regex(DEVICE_ID_REGEX, 'must be a device id'),
  eventCount: z.number().int().min(0).max(MAX_BUNDLE_EVENTS),
  sha256: z.string().regex(HEX_256, 'must be 64 lower-case hex digits'),
  hmac: z.string().regex(HEX_256, 'must be 64 lower-case hex digits').nullable(),
});

export type BundleHeader = z.infer<typeof headerSchema>;

export type SyncBundle = {
  /** When and where the bundle was written, as its header says (not covered by checksum or signature). */
  createdAt: string;
  deviceId: string;
  /** Raw events, each accepted by `parseEvent` as valid or unknown; ids may repeat. */
  events: unknown[];
  /** True only when the bundle carried an HMAC and it verified with the key given. */
  signed: boolean;
};

export type BundleProblem =
  | { problem: 'tooLarge'; bytes: number }
  | { problem: 'notBundle' }
  | { problem: 'newerVersion'; version: number }
  | { problem: 'malformed'; detail: string }
  /** The body is not what was written. `lineEndings`: it would be, but for line breaks a text editor turned into CRLF. */
  | { problem: 'checksum'; lineEndings: boolean }
  | { problem: 'countMismatch'; expected: number; found: number }
  /** Tampered with, or signed with another workspace's key. */
  | { problem: 'signature' }
  | { problem: 'invalidEvents'; count: number; first: string };

export type BundleOpen = { ok: true; bundle: SyncBundle } | ({ ok: false } & BundleProblem);

export type CreateBundleInput = {
  createdAt: string;
  deviceId: string;
  /** Events as they travel (without fields a database derives for itself). */
  events: readonly unknown[];
  key?: Uint8Array | null;
};

// Every runtime the console and the hub run on has TextEncoder; shared code is compiled without DOM or Node types.
type Encoder = { encode(text: string): Uint8Array };
const encoder = new (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder();

function signingKey(key: Uint8Array | null | undefined): Uint8Array | null {
  if (key === null || key === undefined) return null;
  // An empty key would sign with nothing secret: a caller's mistake, not "unsigned".
  if (key.length === 0) throw new RangeError('A bundle key must not be empty');
  return key;
}

/**
 * The seal covers the header's facts and, through the body's checksum, every
 * byte of the body: changing who wrote it or when is as detectable as changing an event.
 */
function seal(key: Uint8Array, header: BundleHeader): string {
  const facts = [header.format, header.version, header.createdAt, header.deviceId, header.eventCount, header.sha256].join('\n');
  return bytesToHex(hmac(sha256, key, encoder.encode(facts)));
}

/** Writes the bundle. Throws a RangeError for a bundle no console could open (too many events, too large). */
export function createBundle(input: CreateBundleInput): string {
  const key = signingKey(input.key);
  if (input.events.length > MAX_BUNDLE_EVENTS) {
    throw new RangeError(`A bundle holds at most ${MAX_BUNDLE_EVENTS} events, not ${input.events.length}`);
  }
  // One event per line, each line ended: JSON.stringify escapes every line break inside a value.
  const body = input.events.map((event) => `${JSON.stringify(event)}\n`).join('');
  const bytes = encoder.encode(body);
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: input.createdAt,
    deviceId: input.deviceId,
    eventCount: input.events.length,
    sha256: bytesToHex(sha256(bytes)),
    hmac: null,
  };
  header.hmac = key ? seal(key, header) : null;
  const checked = headerSchema.safeParse(header);
  if (!checked.success) throw new RangeError(`Cannot write this bundle: ${describe(checked.error)}`);
  const headerLine = JSON.stringify(header);
  if (headerLine.length + 1 + bytes.length > MAX_BUNDLE_BYTES) {
    throw new RangeError(`A bundle holds at most ${MAX_BUNDLE_BYTES} bytes`);
  }
  return `${headerLine}\n${body}`;
}

export function openBundle(text: string, key?: Uint8Array | null): BundleOpen {
  const verifyKey = signingKey(key);
  // Length in UTF-16 units bounds the byte length from below: a cheap first check before encoding.
  if (text.length > MAX_BUNDLE_BYTES) return { ok: false, problem: 'tooLarge', bytes: text.length };

  const breakAt = text.indexOf('\n');
  // Some editors add a byte-order mark; the header is not hashed, so it costs nothing to allow.
  const headerLine = (breakAt === -1 ? text : text.slice(0, breakAt)).replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(headerLine);
  } catch {
    return { ok: false, problem: 'notBundle' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return { ok: false, problem: 'notBundle' };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > BUNDLE_VERSION) return { ok: false, problem: 'newerVersion', version };
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: 'malformed', detail: describe(parsed.error) };
  const header = parsed.data;
  if (breakAt === -1) return { ok: false, problem: 'malformed', detail: 'the header is not followed by a line break' };

  const body = text.slice(breakAt + 1);
  const bytes = encoder.encode(body);
  const total = encoder.encode(headerLine).length + 1 + bytes.length;
  if (total > MAX_BUNDLE_BYTES) return { ok: false, problem: 'tooLarge', bytes: total };

  if (bytesToHex(sha256(bytes)) !== header.sha256) {
    // Worth telling apart: the fix is to copy the file again without opening it in an editor.
    const lineEndings = body.includes('\r\n') && bytesToHex(sha256(encoder.encode(body.replace(/\r\n/g, '\n')))) === header.sha256;
    return { ok: false, problem: 'checksum', lineEndings };
  }
  let signed = false;
  if (header.hmac !== null && verifyKey) {
    if (!sameHex(seal(verifyKey, header), header.hmac)) return { ok: false, problem: 'signature' };
    signed = true;
  }

  if (body !== '' && !body.endsWith('\n')) return { ok: false, problem: 'malformed', detail: 'the last line is not ended' };
  const lines = body === '' ? [] : body.slice(0, -1).split('\n');
  if (lines.length !== header.eventCount) {
    return { ok: false, problem: 'countMismatch', expected: header.eventCount, found: lines.length };
  }

  const events: unknown[] = new Array(lines.length);
  let invalid = 0;
  let first = '';
  for (let i = 0; i < lines.length; i++) {
    // Line numbers as an editor shows them: the header is line 1.
    const where = `line ${i + 2}`;
    try {
      events[i] = JSON.parse(lines[i]!);
    } catch {
      return { ok: false, problem: 'malformed', detail: `${where}: not JSON` };
    }
    const unstorable = checkStorable(events[i]);
    const result = unstorable ? { status: 'invalid', error: unstorable } : parseEvent(events[i]);
    if (result.status === 'invalid') {
      if (invalid === 0) first = `${where}: ${result.error}`;
      invalid++;
    }
  }
  if (invalid > 0) return { ok: false, problem: 'invalidEvents', count: invalid, first };

  return { ok: true, bundle: { createdAt: header.createdAt, deviceId: header.deviceId, events, signed } };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'header'}: ${issue.message}`;
}

/** Compares two hex digests in time that does not depend on where they differ. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
