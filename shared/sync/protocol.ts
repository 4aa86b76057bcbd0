/**
 * The sync protocol, one for every way consoles sync (hub, LAN hub, and the
 * bundle's reconciliation). Every frame is JSON, validated with these schemas
 * on both sides before anything acts on it.
 *
 *   console                         hub
 *   hello {protocol range, auth} ->
 *                                <- welcome {protocol, serverTime, epoch, head, vector}
 *   push {events}               ->
 *                                <- acks {accepted seq | duplicate seq | rejected reason}
 *                                   (before the poke the push causes: the seqs let the
 *                                   pusher step its cursor over its own events)
 *   pull {after, limit}         ->
 *                                <- page {events with seq, head, more}
 *                                <- poke {head}            (another console pushed)
 *                                <- feed {after, events, head}
 *                                   (protocol 2: what another console pushed, sent
 *                                   instead of a poke to a console the hub believes
 *                                   holds everything up to `after`: no pull, no page)
 *                                <- error {code, message}  (then the hub closes)
 */
import { z } from 'zod';

import { DEVICE_ID_REGEX, EVENT_ID_REGEX } from '../domain/ids';
import { isVersionVector, type VersionVector } from './versionVector';

/** Protocol versions this build speaks. A hub and a console agree on the highest both know. */
export const PROTOCOL = { min: 1, max: 3 } as const;

/** The first protocol in which the hub may send a `feed` instead of a poke. */
export const FEED_PROTOCOL = 2;

/** The first protocol in which the welcome says whether the hub sends pages. */
export const PAGING_PROTOCOL = 3;

export const SYNC_LIMITS = {
  /** Largest frame either side accepts, in bytes. */
  frameBytes: 8 * 1024 * 1024,
  /** Events per push and per page. */
  batchEvents: 1000,
  /** Bytes of events per push and per page: half a frame, so the rest of a frame never overflows it. */
  batchChars: 4 * 1024 * 1024,
  /** How far ahead of the hub's clock an event may be stamped. */
  futureSkewMs: 5 * 60 * 1000,
  reasonChars: 500,
  idChars: 64,
} as const;

export const JOIN_CODE_REGEX = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){2}$/;
const SPACE_ID_REGEX = /^[a-z0-9-]{1,64}$/;
const TOKEN_REGEX = /^[A-Za-z0-9_-]{16,128}$/;

const requestId = z.string().min(1).max(SYNC_LIMITS.idChars);
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const deviceId = z.string().regex(DEVICE_ID_REGEX);
const eventIdSchema = z.string().regex(EVENT_ID_REGEX);
const vectorSchema = z.custom<VersionVector>(isVersionVector, 'must be a version vector');
const reason = z.string().max(SYNC_LIMITS.reasonChars);

/** Where a console is in one hub's log: the hub's epoch and the last sequence number it has applied. */
export const cursorSchema = z.strictObject({
  epoch: z.string().min(1).max(64),
  seq,
  /** The id of the event at `seq`: a hub restored from a backup (same epoch) may hold another event there, or none. */
  id: eventIdSchema.optional(),
});
export type Cursor = z.infer<typeof cursorSchema>;

/** A device proves membership with a token the hub issued when it joined with the space's join code. */
const credentials = z.union([
  z.strictObject({ kind: z.literal('join'), code: z.string().regex(JOIN_CODE_REGEX, 'must be a join code like ABCD-EFGH-JKLM') }),
  z.strictObject({
    kind: z.literal('token'),
    space: z.string().regex(SPACE_ID_REGEX),
    token: z.string().regex(TOKEN_REGEX),
    /** The device the token was issued to, when the console has since moved to a new identity (it was restored). */
    device: deviceId.optional(),
  }),
]);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('hello'),
    protocol: z.strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) }),
    deviceId,
    auth: credentials,
    /** Names the build, for the hub's log and its refusals. */
    app: z.string().max(64),
    /** Where the console is in this hub's log, so the hub can say when that is no longer its log. */
    cursor: cursorSchema.optional(),
  }),
  z.strictObject({ t: z.literal('push'), id: requestId, events: z.array(z.unknown()).min(1).max(SYNC_LIMITS.batchEvents) }),
  z.strictObject({ t: z.literal('pull'), id: requestId, after: seq, limit: z.number().int().min(1).max(SYNC_LIMITS.batchEvents) }),
  z.strictObject({ t: z.literal('ping'), id: requestId }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const ackSchema = z.discriminatedUnion('status', [
  z.strictObject({ id: eventIdSchema, status: z.literal('accepted'), seq }),
  z.strictObject({ id: eventIdSchema, status: z.literal('duplicate'), seq }),
  /** Refused for good (malformed, stamped far in the future): still acknowledged, so it is not sent again. */
  z.strictObject({ id: z.string().max(SYNC_LIMITS.idChars), status: z.literal('rejected'), reason }),
  /** Not kept yet: no seal of its author's covers it in this push. The console sends it again, sealed. */
  z.strictObject({ id: eventIdSchema, status: z.literal('later'), reason }),
]);
export type Ack = z.infer<typeof ackSchema>;

export const ERROR_CODES = [
  'malformed',
  'unauthorized',
  'upgradeRequired',
  'hubTooOld',
  'tooLarge',
  'rateLimited',
  /** The hub's limits (its operator sets them): join attempts from one address, connections, bytes stored per device. */
  'tooManyAttempts',
  'tooManyConnections',
  'quotaExceeded',
  'notReady',
  'internal',
] as const;
export type SyncErrorCode = (typeof ERROR_CODES)[number];

/** Refusals by the hub's limits: shown to the person at the console, and tried again later. */
export const LIMIT_ERROR_CODES: ReadonlySet<SyncErrorCode> = new Set(['tooManyAttempts', 'tooManyConnections', 'quotaExceeded']);

export const sequencedEventSchema = z.strictObject({ seq: seq.min(1), event: z.unknown() });
export type SequencedEvent = z.infer<typeof sequencedEventSchema>;

export const hubMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('welcome'),
    protocol: z.number().int().min(1),
    hubId: z.string().min(1).max(64),
    space: z.string().regex(SPACE_ID_REGEX),
    spaceName: z.string().max(200),
    /** Issued on a join; the console keeps it and presents it from then on. */
    token: z.string().regex(TOKEN_REGEX).optional(),
    /** Key that seals this space's bundle files, so a console can tell a tampered one. Given on a join. */
    bundleKey: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** Changes when the hub's log was replaced (restored, reset): cursors of another epoch start again. */
    epoch: z.string().min(1).max(64),
    head: seq,
    serverTime: z.number().int().min(0),
    /** What the hub holds, so a console can send what it has that the hub lacks. */
    vector: vectorSchema,
    /**
     * The console's cursor does not name this log (the hub was restored from
     * a backup of the same epoch): read it again from the start.
     */
    rewind: z.literal(true).optional(),
    /** Whether the hub sends pages to the people consoles page (protocol 3 on). */
    paging: z.boolean().optional(),
  }),
  z.strictObject({ t: z.literal('acks'), id: requestId, acks: z.array(ackSchema).max(SYNC_LIMITS.batchEvents) }),
  z.strictObject({
    t: z.literal('page'),
    id: requestId,
    epoch: z.string().min(1).max(64),
    events: z.array(sequencedEventSchema).max(SYNC_LIMITS.batchEvents),
    head: seq,
  }),
  z.strictObject({ t: z.literal('poke'), head: seq }),
  z.strictObject({
    t: z.literal('feed'),
    epoch: z.string().min(1).max(64),
    /** The events follow this place in the log: a console whose cursor is elsewhere pulls instead. */
    after: seq,
    events: z.array(sequencedEventSchema).min(1).max(SYNC_LIMITS.batchEvents),
    head: seq,
  }),
  z.strictObject({ t: z.literal('pong'), id: requestId, serverTime: z.number().int().min(0) }),
  z.strictObject({
    t: z.literal('error'),
    code: z.enum(ERROR_CODES),
    message: reason,
    /** When the same request may be tried again (rate limits, a hub starting). */
    retryAfterMs: z.number().int().min(0).max(3_600_000).optional(),
    /** Request the error answers, when it answers one. */
    id: requestId.optional(),
  }),
]);
export type HubMessage = z.infer<typeof hubMessageSchema>;
export type WelcomeMessage = Extract<HubMessage, { t: 'welcome' }>;
export type ErrorMessage = Extract<HubMessage, { t: 'error' }>;

export type FrameParse<T> = { ok: true; message: T } | { ok: false; error: string };

function parseFrame<T>(schema: z.ZodType<T>, frame: string): FrameParse<T> {
  if (frame.length > SYNC_LIMITS.frameBytes) return { ok: false, error: `frame of ${frame.length} bytes is over the ${SYNC_LIMITS.frameBytes}-byte limit` };
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'frame'}: ${issue.message}` };
  }
  return { ok: true, message: parsed.data };
}

export function parseClientFrame(frame: string): FrameParse<ClientMessage> {
  return parseFrame(clientMessageSchema, frame);
}

export function parseHubFrame(frame: string): FrameParse<HubMessage> {
  return parseFrame(hubMessageSchema, frame);
}

/**
 * The longest prefix of `items` whose JSON fits the batch budget, and never
 * less than one item (a single event is far below the budget), so a batch of
 * large events is sent in several frames instead of one no peer accepts.
 */
export function fitBatch<T>(items: readonly T[], budget: number = SYNC_LIMITS.batchChars): T[] {
  let used = 0;
  let count = 0;
  for (const item of items) {
    used += JSON.stringify(item)?.length ?? 0;
    if (count > 0 && used > budget) break;
    count++;
  }
  return items.slice(0, count);
}

/** The highest protocol both sides speak, or which side must upgrade. */
export function negotiate(
  ours: { min: number; max: number },
  theirs: { min: number; max: number },
): { ok: true; protocol: number } | { ok: false; upgrade: 'them' | 'us' } {
  const protocol = Math.min(ours.max, theirs.max);
  if (protocol < Math.max(ours.min, theirs.min)) return { ok: false, upgrade: theirs.max < ours.min ? 'them' : 'us' };
  return { ok: true, protocol };
}

export { eventIdSchema as syncEventIdSchema };
