/**
 * The sync bundle (`.warroomsync`): a console's whole event log in one file,
 * carried on a USB stick to consoles with no network between them.
 *
 * Line one is a JSON header that says only how to read the rest: the format,
 * the version, the cipher and, when sealed, the nonce. The rest is the
 * contents: a JSON line saying who wrote it, when, how many events and the
 * SHA-256 of the event lines (to catch damage), then one event per line.
 *
 * A console in a sync space seals its bundles: the contents are encrypted with
 * XChaCha20-Poly1305 under a key derived (HKDF-SHA256) from the space's bundle
 * key, with a fresh random nonce and the header line as associated data, and
 * written as one base64 line. A lost stick shows nothing but that it is a
 * bundle and its size; another space's key, a changed byte anywhere, header
 * included, is refused. Such a console refuses every unsealed bundle, or
 * stripping the seal would be enough to slip events past it. That includes
 * version 1 bundles, even those with a valid HMAC: their log travelled in
 * clear, and keeping one seal format keeps one way in. Their writer saves
 * them again after updating.
 *
 * A console in no space (a room without a hub) writes and reads plain
 * bundles, and version 1 ones: the checksum catches damage, nothing catches
 * tampering, and the console says so.
 *
 * A bundle is applied whole or not at all: one event this build would refuse
 * refuses the bundle, so a half-applied stick never leaves two consoles
 * quietly disagreeing about what it held.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

import { parseEvent } from '../domain/events';
import { DEVICE_ID_REGEX } from '../domain/ids';
import { checkStorable } from '../domain/storable';
import { base64ToBytes, bytesToBase64 } from './base64';
import { MAX_BUNDLE_BYTES } from './bundleFile';

export const BUNDLE_FORMAT = 'warroom.sync-bundle';
export const BUNDLE_VERSION = 2;
export const MAX_BUNDLE_EVENTS = 2_000_000;

const CIPHER = 'xchacha20poly1305';
const NONCE_BYTES = 24;
/** Binds the derived key to this use: the space's bundle key may one day seal something else. */
const KEY_INFO = 'warroom.sync-bundle v2 contents';

const HEX_256 = /^[0-9a-f]{64}$/;

/** Strict: nothing but what is needed to decrypt rides in clear beside the seal. */
const headerSchema = z.discriminatedUnion('cipher', [
  z.strictObject({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    cipher: z.literal(CIPHER),
    nonce: z.string().regex(new RegExp(`^[0-9a-f]{${NONCE_BYTES * 2}}$`), `must be ${NONCE_BYTES * 2} lower-case hex digits`),
  }),
  z.strictObject({ format: z.literal(BUNDLE_FORMAT), version: z.literal(BUNDLE_VERSION), cipher: z.literal('none') }),
]);

/** Not strict: a version 1 header is this line with the format, version and seal beside it. */
const contentsHeaderSchema = z.object({
  createdAt: z.iso.datetime(),
  deviceId: z.string().regex(DEVICE_ID_REGEX, 'must be a device id'),
  eventCount: z.number().int().min(0).max(MAX_BUNDLE_EVENTS),
  sha256: z.string().regex(HEX_256, 'must be 64 lower-case hex digits'),
});

type ContentsHeader = z.infer<typeof contentsHeaderSchema>;

export type SyncBundle = {
  /** When and where the bundle was written, as its contents say. */
  createdAt: string;
  deviceId: string;
  /** Raw events, each accepted by `parseEvent` as valid or unknown; ids may repeat. */
  events: unknown[];
  /** True when it was sealed with the space's key, so came whole from a console of the space. */
  sealed: boolean;
};

export type BundleProblem =
  | { problem: 'tooLarge'; bytes: number }
  | { problem: 'notBundle' }
  | { problem: 'newerVersion'; version: number }
  | { problem: 'malformed'; detail: string }
  /** The body is not what was written. `lineEndings`: it would be, but for line breaks a text editor turned into CRLF. */
  | { problem: 'checksum'; lineEndings: boolean }
  | { problem: 'countMismatch'; expected: number; found: number }
  /** Sealed with another space's key, or changed since it was sealed. */
  | { problem: 'sealBroken' }
  /** Not sealed, opened by a console that holds the space's key. */
  | { problem: 'notSealed' }
  /** Sealed, opened by a console that holds no space key. */
  | { problem: 'needsKey' }
  | { problem: 'invalidEvents'; count: number; first: string };

export type BundleOpen = { ok: true; bundle: SyncBundle } | ({ ok: false } & BundleProblem);

export type CreateBundleInput = {
  createdAt: string;
  deviceId: string;
  /** Events as they travel (without fields a database derives for itself). */
  events: readonly unknown[];
  /** The space's bundle key; without one the bundle is plain. */
  key?: Uint8Array | null;
};

// Every runtime the console and the hub run on has TextEncoder and TextDecoder; shared code is compiled without DOM or Node types.
type Encoder = { encode(text: string): Uint8Array };
type Decoder = { decode(bytes: Uint8Array): string };
const encoder = new (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder();
const decoder = new (globalThis as unknown as { TextDecoder: new () => Decoder }).TextDecoder();

function spaceKey(key: Uint8Array | null | undefined): Uint8Array | null {
  if (key === null || key === undefined) return null;
  // An empty key would seal with nothing secret: a caller's mistake, not "unsealed".
  if (key.length === 0) throw new RangeError('A bundle key must not be empty');
  return key;
}

function cipherFor(key: Uint8Array, nonce: Uint8Array, headerLine: string) {
  const contentsKey = hkdf(sha256, key, undefined, encoder.encode(KEY_INFO), 32);
  return xchacha20poly1305(contentsKey, nonce, encoder.encode(headerLine));
}

/** Writes the bundle. Throws a RangeError for a bundle no console could open (too many events, too large). */
export function createBundle(input: CreateBundleInput): string {
  const key = spaceKey(input.key);
  if (input.events.length > MAX_BUNDLE_EVENTS) {
    throw new RangeError(`A bundle holds at most ${MAX_BUNDLE_EVENTS} events, not ${input.events.length}`);
  }
  // One event per line, each line ended: JSON.stringify escapes every line break inside a value.
  const body = input.events.map((event) => `${JSON.stringify(event)}\n`).join('');
  const contentsHeader: ContentsHeader = {
    createdAt: input.createdAt,
    deviceId: input.deviceId,
    eventCount: input.events.length,
    sha256: bytesToHex(sha256(encoder.encode(body))),
  };
  const checked = contentsHeaderSchema.safeParse(contentsHeader);
  if (!checked.success) throw new RangeError(`Cannot write this bundle: ${describe(checked.error)}`);
  const contents = `${JSON.stringify(contentsHeader)}\n${body}`;

  let text: string;
  if (key) {
    const nonce = randomBytes(NONCE_BYTES);
    const headerLine = JSON.stringify({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, cipher: CIPHER, nonce: bytesToHex(nonce) });
    const sealed = cipherFor(key, nonce, headerLine).encrypt(encoder.encode(contents));
    text = `${headerLine}\n${bytesToBase64(sealed)}\n`;
  } else {
    text = `${JSON.stringify({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, cipher: 'none' })}\n${contents}`;
  }
  if (text.length > MAX_BUNDLE_BYTES) throw new RangeError(`A bundle holds at most ${MAX_BUNDLE_BYTES} bytes`);
  return text;
}

/**
 * Opens a bundle with the space's key, or with none on a console in no space.
 * Every refusal comes before any event is handed back.
 */
export function openBundle(text: string, key?: Uint8Array | null): BundleOpen {
  const openKey = spaceKey(key);
  // Length in UTF-16 units bounds the byte length from below: a cheap first check before encoding.
  if (text.length > MAX_BUNDLE_BYTES) return { ok: false, problem: 'tooLarge', bytes: text.length };

  const breakAt = text.indexOf('\n');
  // Some editors add a byte-order mark; it is not part of what was sealed.
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
  if (version === 1) return openKey ? { ok: false, problem: 'notSealed' } : readContents(text.replace(/^\uFEFF/, ''), false);
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: 'malformed', detail: describe(parsed.error) };
  if (breakAt === -1) return { ok: false, problem: 'malformed', detail: 'the header is not followed by a line break' };
  const rest = text.slice(breakAt + 1);

  const header = parsed.data;
  if (header.cipher === 'none') return openKey ? { ok: false, problem: 'notSealed' } : readContents(rest, false);
  if (!openKey) return { ok: false, problem: 'needsKey' };
  if (headerLine.endsWith('\r')) return { ok: false, problem: 'checksum', lineEndings: true };
  if (!rest.endsWith('\n')) return { ok: false, problem: 'malformed', detail: 'the sealed line is not ended' };
  const sealed = base64ToBytes(rest.slice(0, -1));
  if (!sealed) return { ok: false, problem: 'malformed', detail: 'the sealed line is not base64' };
  let contents: Uint8Array;
  try {
    contents = cipherFor(openKey, hexToBytes(header.nonce), headerLine).decrypt(sealed);
  } catch {
    return { ok: false, problem: 'sealBroken' };
  }
  return readContents(decoder.decode(contents), true);
}

/** The contents line and the events, as sealed or as written in clear. */
function readContents(contents: string, sealed: boolean): BundleOpen {
  const breakAt = contents.indexOf('\n');
  if (breakAt === -1) return { ok: false, problem: 'malformed', detail: 'the contents line is not followed by a line break' };
  let raw: unknown;
  try {
    raw = JSON.parse(contents.slice(0, breakAt));
  } catch {
    return { ok: false, problem: 'malformed', detail: 'the contents line is not JSON' };
  }
  const parsed = contentsHeaderSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: 'malformed', detail: describe(parsed.error) };
  const header = parsed.data;

  const body = contents.slice(breakAt + 1);
  const bytes = encoder.encode(body);
  if (bytes.length > MAX_BUNDLE_BYTES) return { ok: false, problem: 'tooLarge', bytes: bytes.length };
  if (bytesToHex(sha256(bytes)) !== header.sha256) {
    // Worth telling apart: the fix is to copy the file again without opening it in an editor.
    const lineEndings = body.includes('\r\n') && bytesToHex(sha256(encoder.encode(body.replace(/\r\n/g, '\n')))) === header.sha256;
    return { ok: false, problem: 'checksum', lineEndings };
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
    // Counted from 1, as a person counts: a sealed bundle has no lines a person could see.
    const where = `event ${i + 1}`;
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

  return { ok: true, bundle: { createdAt: header.createdAt, deviceId: header.deviceId, events, sealed } };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'header'}: ${issue.message}`;
}
