/**
 * Webhook addresses are secrets of the space: the token usually sits in the
 * path or the query. An incident file is meant for people outside the space,
 * so on its way out every string of its events loses any address the
 * organisation ever configured, whole (shown by its host, as Settings shows
 * it) or in part (a receiver's answer, stored as a delivery's reason, may echo
 * the path it was posted to).
 */
import { maskedWebhook, parseUrl } from '../domain/links';

/** Shorter parts of an address ("/api") are as likely to be ordinary words as secrets. */
const MIN_PART_LENGTH = 8;

export type Redactor = (text: string) => string;

/** Every webhook address set in the organisation's channels, from its settings events, current or since removed. */
export function webhookAddressesIn(events: readonly unknown[]): string[] {
  const addresses = new Set<string>();
  for (const event of events) {
    const e = event as { type?: unknown; payload?: { setting?: unknown; value?: { webhooks?: unknown } } } | null;
    if (e?.type !== 'organisation.settingChanged' || e.payload?.setting !== 'channels') continue;
    const webhooks = e.payload.value?.webhooks;
    if (!Array.isArray(webhooks)) continue;
    for (const webhook of webhooks as { url?: unknown }[]) if (typeof webhook?.url === 'string') addresses.add(webhook.url);
  }
  return [...addresses];
}

export function addressRedactor(addresses: readonly string[]): Redactor {
  const masks = new Map<string, string>();
  const part = (text: string, mask: string) => {
    if (text.length >= MIN_PART_LENGTH && !masks.has(text)) masks.set(text, mask);
  };
  for (const address of addresses) {
    const url = parseUrl(address);
    if (!url) continue;
    masks.set(address, maskedWebhook(address));
    part(url.pathname + url.search, '/…');
    part(url.pathname, '/…');
    part(url.search, '?…');
  }
  // Longest first: a whole address is masked before its path alone would be.
  const ordered = [...masks].sort(([a], [b]) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => ordered.reduce((out, [secret, mask]) => (out.includes(secret) ? out.split(secret).join(mask) : out), text);
}

/** The value with every string in it, at any depth, passed through `redact`; what has nothing to redact is returned as it was. */
export function redactStrings<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)])) as T;
  }
  return value;
}
