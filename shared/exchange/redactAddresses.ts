/**
 * Webhook addresses are secrets of the space: the token usually sits in the
 * path or the query. An incident file is meant for people outside the space,
 * so no event of it may name an address the organisation ever configured,
 * whole or in part (a receiver's answer, stored as a delivery's reason, may
 * echo the path it was posted to); the file's title shows an address by its
 * host, as Settings does.
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
/**
 * Whether any string in the value names one of the addresses, whole or in
 * part. Such an event cannot be masked on its way out: its author signed its
 * content, and a changed copy would be no event of theirs. It is left out.
 */
export function mentionsAddress(value: unknown, redact: Redactor): boolean {
  if (typeof value === 'string') return redact(value) !== value;
  if (Array.isArray(value)) return value.some((item) => mentionsAddress(item, redact));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => mentionsAddress(item, redact));
  return false;
}
