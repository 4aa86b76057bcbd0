/**
 * The hub address a person types ("192.168.1.20:4848", "hub.example.org",
 * "https://hub.example.org") made into the WebSocket address the console connects to,
 * and the room hub's invitation: its address with the fingerprint of the
 * self-signed certificate it serves (wss://192.168.1.20:4848/sync#fp=…), which
 * the joining console pins. The fragment never reaches the network.
 */
import { z } from 'zod';

import { parseUrl } from '../domain/links';
import { normalizeJoinCode } from './membership';
import { JOIN_CODE_REGEX } from './protocol';

export const DEFAULT_HUB_PORT = 4848;
export const SYNC_PATH = '/sync';

/** SHA-256 of the certificate's DER bytes in base64url without padding: 43 characters, short enough to type. */
export const CERT_FINGERPRINT_REGEX = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** A DNS name or IPv4 address, or a bracketed IPv6 one: browsers differ on what else their URL parsers let through. */
const HOST_REGEX = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;
const SCHEME_REGEX = /^[a-z][a-z0-9+.-]*:\/\//i;

export function hubSocketUrl(typed: string): string | null {
  return socketUrl(typed.trim(), false);
}

/** `secureByDefault`: an address without a scheme is wss:// (it came with a certificate to pin). */
function socketUrl(text: string, secureByDefault: boolean): string | null {
  if (text.length === 0) return null;
  const authority = text.replace(SCHEME_REGEX, '').split(/[/?#]/)[0]!;
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  if (!HOST_REGEX.test(host)) return null;
  const hasScheme = SCHEME_REGEX.test(text);
  const withScheme = hasScheme ? text : `${secureByDefault ? 'wss' : 'ws'}://${text}`;
  const url = parseUrl(withScheme);
  if (!url || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!secure && url.protocol !== 'ws:' && url.protocol !== 'http:') return null;
  // A bare address gets the hub's default port; a web address keeps its scheme's own.
  const port = /:\d+$/.test(url.host) || hasScheme ? '' : `:${DEFAULT_HUB_PORT}`;
  const path = url.pathname === '/' || url.pathname === '' ? SYNC_PATH : url.pathname;
  return `${secure ? 'wss' : 'ws'}://${url.host}${port}${path}`;
}

export const certFingerprintSchema = z.string().regex(CERT_FINGERPRINT_REGEX, 'must be a SHA-256 fingerprint in base64url (43 characters)');

/** What an invitation tells a joining console. `fingerprint` null: a hub with an ordinary CA-signed certificate, or none. */
export const hubInvitationSchema = z.strictObject({
  url: z.string().regex(/^wss?:\/\//),
  fingerprint: certFingerprintSchema.nullable(),
  joinCode: z.string().regex(JOIN_CODE_REGEX).nullable(),
});
export type HubInvitation = z.infer<typeof hubInvitationSchema>;

/** The address the room hub shows and its QR code encodes; the QR code also carries the join code. */
export function hubInvitation(url: string, fingerprint: string, joinCode?: string): string {
  return `${url}#fp=${fingerprint}${joinCode ? `&code=${joinCode}` : ''}`;
}

/** Reads a typed or scanned address. A fragment must be exactly an invitation's: a mistyped fingerprint refuses the address, never drops the pin. */
export function parseHubAddress(typed: string): HubInvitation | null {
  const text = typed.trim();
  const hashAt = text.indexOf('#');
  if (hashAt < 0) {
    const url = socketUrl(text, false);
    return url ? { url, fingerprint: null, joinCode: null } : null;
  }
  const params = [...new URLSearchParams(text.slice(hashAt + 1))];
  const keys = params.map(([key]) => key);
  if (new Set(keys).size !== keys.length || keys.some((key) => key !== 'fp' && key !== 'code') || !keys.includes('fp')) return null;
  const fields = Object.fromEntries(params);
  const url = socketUrl(text.slice(0, hashAt), true);
  // A pinned certificate means TLS: an invitation that says ws:// was tampered with or mistyped.
  if (!url?.startsWith('wss://')) return null;
  const parsed = hubInvitationSchema.safeParse({
    url,
    fingerprint: fields.fp,
    joinCode: fields.code === undefined ? null : normalizeJoinCode(fields.code),
  });
  return parsed.success ? parsed.data : null;
}

/** The host and port a pin is kept for ("192.168.1.20:4848"; the scheme's own port when none is written). */
export function pinnedHost(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'wss:') return null;
  return /:\d+$/.test(parsed.host) ? parsed.host : `${parsed.host}:443`;
}

/** The renderer's request to pin a room hub's certificate for the address it joins. */
export const hubPinSchema = z.strictObject({
  url: z.string().max(500).refine((url) => pinnedHost(url) !== null, 'must be a wss:// address'),
  fingerprint: certFingerprintSchema,
});
export type HubPin = z.infer<typeof hubPinSchema>;
