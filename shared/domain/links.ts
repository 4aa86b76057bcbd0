/**
 * Addresses the console hands to something outside itself: webhooks it posts
 * to, bridges people join, mail drafts it opens. Each kind has an allow-list
 * of schemes; anything else (file:, javascript:, smb:, ms-msdt: ...) is refused
 * here and again by the desktop shell before the operating system sees it.
 */
import { z } from 'zod';

export const MAX_LINK_LENGTH = 2_000;
/** mailto: addresses can carry a whole message; mail clients cope with far less than browsers. */
export const MAX_MAILTO_LENGTH = 16_000;

export const WEBHOOK_SCHEMES = ['https:', 'http:'] as const;
/** Conference bridges: web meetings, phone numbers, SIP and the meeting apps' own schemes. */
export const JOIN_LINK_SCHEMES = ['https:', 'http:', 'tel:', 'sip:', 'sips:', 'msteams:', 'zoommtg:'] as const;
/** What the desktop shell may pass to the operating system: bridges and mail drafts. */
export const EXTERNAL_SCHEMES = [...JOIN_LINK_SCHEMES, 'mailto:'] as const;

type ParsedUrl = { protocol: string; hostname: string; host: string; username: string; password: string; pathname: string; search: string };
// Every runtime the console and the hub run on has WHATWG URL; shared code is compiled without DOM or Node types.
const Url = (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL;

export function parseUrl(text: string): ParsedUrl | null {
  if (text.length === 0 || text.length > MAX_LINK_LENGTH || text.trim() !== text) return null;
  try {
    return new Url(text);
  } catch {
    return null;
  }
}

/** An http(s) address with a host and no user name or password in it. */
export function isWebhookUrl(text: string): boolean {
  const url = parseUrl(text);
  return !!url && (WEBHOOK_SCHEMES as readonly string[]).includes(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
}

export function isJoinLink(text: string): boolean {
  const url = parseUrl(text);
  if (!url || !(JOIN_LINK_SCHEMES as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === 'https:' || url.protocol === 'http:') return url.hostname !== '' && url.username === '' && url.password === '';
  return url.pathname.length > 0 || url.search.length > 0;
}

/**
 * The link as handed to the operating system. In a phone or SIP link a `#`
 * (ending a conference PIN, say) is a digit to dial, not the start of a
 * fragment that handlers drop: it goes as %23 (RFC 3966, RFC 3261).
 */
export function dialableLink(link: string): string {
  return /^(?:tel|sips?):/i.test(link) ? link.replaceAll('#', '%23') : link;
}

/** What the shell may open: a join link, or a mail draft no longer than mail clients take. */
export function isExternalLink(text: string): boolean {
  if (text.startsWith('mailto:')) return text.length <= MAX_MAILTO_LENGTH && !/[\s<>"]/.test(text);
  return isJoinLink(text);
}

/** The part of a webhook address safe to show on a wall: its secret usually sits in the path. */
export function maskedWebhook(text: string): string {
  const url = parseUrl(text);
  return url ? `${url.protocol}//${url.host}/…` : '…';
}

export const webhookUrlSchema = z.string().refine(isWebhookUrl, 'must be an http or https address with no user name or password in it');
export const joinLinkSchema = z
  .string()
  .refine(isJoinLink, `must be a meeting or phone link (${JOIN_LINK_SCHEMES.map((s) => s.slice(0, -1)).join(', ')})`);

export const EMAIL = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;
export const emailSchema = z.string().max(254, 'must be at most 254 characters').regex(EMAIL, 'must be an e-mail address');
