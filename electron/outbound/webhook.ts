/**
 * Posts one message to a webhook and says plainly what happened. node:http(s)
 * and relative imports only: a Playwright spec imports this as it is. Where
 * the post may go is checked on the address actually connected to
 * (./destinations); what comes back is the status code, in our words:
 * the receiver's body and reason phrase are never read into the outcome,
 * because the outcome is synced to every console of the space.
 * Whether and when to try again is decided elsewhere (shared/comms/delivery).
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';

import { cleanLine } from '../../shared/domain/text';
import type { WebhookOutcome, WebhookRequest } from '../../shared/platform/bridge';
import { webhookRequestSchema } from '../../shared/platform/ipcSchemas';
import { DestinationRefused, PUBLIC_ONLY, guardedLookup, refusal, type AllowList } from './destinations';
import { bareHost as bare, outboundRequest } from './outboundRequest';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_DETAIL_CHARS = 1000;

/**
 * Ports the Fetch standard never connects to ("bad ports"): other protocols
 * (mail, SSH, IRC, X11...) that a crafted POST could speak to.
 */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135,
  137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720,
  1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export type PostOptions = {
  timeoutMs?: number;
  /** Non-public destinations the operator allows; none unless given. */
  allow?: AllowList;
  /** Resolves host names (dns.lookup unless a test says otherwise); its answers are checked, then connected to. */
  lookup?: LookupFunction;
};

/** One line, no control characters, at most `max` characters (counted by code point, so no half emoji). */
function plain(text: string, max: number): string {
  const points = Array.from(cleanLine(text));
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function networkFailure(error: unknown): WebhookOutcome {
  if (error instanceof DestinationRefused) return { status: 'invalid', detail: error.message };
  const code = error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const detail = plain(code && !message.includes(code) ? `${code}: ${message}` : message, MAX_DETAIL_CHARS);
  return { status: 'unreachable', detail: detail || 'the connection failed' };
}


/** Sends the request; resolves with the status code as soon as the answer's head arrives, reading none of its body. */
function send(url: URL, headers: Record<string, string>, body: string, lookup: LookupFunction | undefined, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = outboundRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, signal },
      (response: IncomingMessage) => {
        // A redirect is reported, never followed: it could carry the message (and the secret in its address) anywhere.
        response.destroy();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export async function postWebhook(request: WebhookRequest, options: PostOptions = {}): Promise<WebhookOutcome> {
  const checked = webhookRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return { status: 'invalid', detail: plain(`${where}${issue?.message ?? 'malformed request'}`, MAX_DETAIL_CHARS) };
  }
  const { headers, body } = checked.data;
  const url = new URL(checked.data.url);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (BAD_PORTS.has(port)) return { status: 'invalid', detail: `port ${port} belongs to another protocol; webhooks are never sent there` };
  const allow = options.allow ?? PUBLIC_ONLY;
  const host = bare(url.hostname);
  // An address in the URL is connected to without any lookup: check it here. A name the operator allows may resolve anywhere.
  const refused = isIP(host) ? refusal(host, port, allow) : null;
  if (refused) return { status: 'invalid', detail: refused.message };
  const lookup = isIP(host) ? undefined : allow.allowsHost(host, port) ? options.lookup : guardedLookup(port, allow, options.lookup);
  try {
    const code = await send(url, headers, body, lookup, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS));
    return { status: 'responded', code, detail: STATUS_CODES[code] ?? '' };
  } catch (error) {
    return isTimeout(error) ? { status: 'timedOut' } : networkFailure(error);
  }
}
