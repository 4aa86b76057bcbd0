/**
 * The one-tap acknowledgement link a page carries: /ack/<token>, where the
 * token names one space, incident, person and engagement cycle and when it
 * expires, signed with a key derived from the space's secret (so every hub
 * process serving the space, before and after a restart, reads the same
 * links, and no one can make one for another person or page). A token opens
 * nothing once its page is answered: the pager records an acknowledgement once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { LIMITS, nameKey } from '../../../shared/domain/text';
import type { PageTarget } from '../../../shared/sync/hubPager';

export const ACK_PATH = '/ack/';
/** A page older than this is answered in the room, not from the phone. */
export const ACK_LINK_TTL_MS = 24 * 60 * 60_000;
/** Far longer than any token this hub makes: longer ones are refused unread. */
const MAX_TOKEN_CHARS = 1_000;
const MAC_BYTES = 16;

const payloadSchema = z.strictObject({
  s: z.string().min(1).max(100),
  i: z.string().min(1).max(200),
  p: z.string().min(1).max(LIMITS.personName),
  c: z.number().int().min(1).max(10_000),
  e: z.number().int().min(0),
});

export type AckCheck = { status: 'valid'; target: PageTarget; expiresAt: number } | { status: 'invalid' } | { status: 'expired'; target: PageTarget; expiresAt: number };

const keyOf = (spaceSecretHex: string) => createHmac('sha256', Buffer.from(spaceSecretHex, 'hex')).update('page-acknowledgement').digest();
const macOf = (spaceSecretHex: string, body: string) => createHmac('sha256', keyOf(spaceSecretHex)).update(body).digest().subarray(0, MAC_BYTES);

export function ackToken(target: PageTarget, spaceSecretHex: string, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ s: target.spaceId, i: target.incidentId, p: target.person, c: target.cycle, e: expiresAt })).toString('base64url');
  return `${body}.${macOf(spaceSecretHex, body).toString('base64url')}`;
}

/**
 * The six digits that acknowledge a page when texted back from the person's
 * phone: made from the space's secret and what the page is about, so only
 * the page's own text tells them, and they are the same in every hub process.
 */
export function replyCode(target: PageTarget, spaceSecretHex: string): string {
  const mac = createHmac('sha256', keyOf(spaceSecretHex)).update(`reply\n${target.incidentId}\n${nameKey(target.person)}\n${target.cycle}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Reads a token's space without trusting it: the space's secret then checks the rest. */
export function ackTokenSpace(token: string): string | null {
  return readBody(token)?.payload.s ?? null;
}

export function checkAckToken(token: string, spaceSecretHex: string, now: number): AckCheck {
  const read = readBody(token);
  if (!read) return { status: 'invalid' };
  const expected = macOf(spaceSecretHex, read.body);
  const given = Buffer.from(read.mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
  const { s, i, p, c, e } = read.payload;
  const target = { spaceId: s, incidentId: i, person: p, cycle: c };
  return e < now ? { status: 'expired', target, expiresAt: e } : { status: 'valid', target, expiresAt: e };
}

function readBody(token: string): { body: string; mac: string; payload: z.infer<typeof payloadSchema> } | null {
  if (token.length > MAX_TOKEN_CHARS) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return null;
  try {
    const payload = payloadSchema.safeParse(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')));
    return payload.success ? { body: match[1]!, mac: match[2]!, payload: payload.data } : null;
  } catch {
    return null;
  }
}
