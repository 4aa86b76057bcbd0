/**
 * The rules for delivering a message to a webhook: what an outcome means for
 * the message (delivered, try again, give up, wait for a platform that can
 * post), and how long to wait between attempts. Pure: the queue that applies
 * them lives with its store.
 */
import type { MessageView } from '../domain/messages';
import { cleanLine } from '../domain/text';
import type { WebhookOutcome, WebhookRequest } from '../platform/bridge';
import type { OutgoingMessage } from './formats';

export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
const MAX_REASON_CHARS = 1_000;

/**
 * How long to wait after failed attempt `attempt` (1-based): 2 s doubling to a
 * 5-minute cap, with "equal jitter" (half fixed, half random) so consoles that
 * failed together do not retry together, yet each wait is at least as long as the last.
 */
export function retryDelayMs(attempt: number, random: () => number): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^20 × 2 s is far past the cap; bounding the exponent keeps the arithmetic finite.
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(n - 1, 20));
  const half = ceiling / 2;
  const r = Math.min(1, Math.max(0, random() || 0));
  return Math.round(half + r * half);
}

export type Verdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; reason: string }
  | { kind: 'refused'; status: number | null; reason: string }
  | { kind: 'waiting' };

/** Stored on the message's record: one line, no control characters, bounded. */
function reason(text: string): string {
  const points = Array.from(cleanLine(text));
  return points.length <= MAX_REASON_CHARS ? points.join('') : `${points.slice(0, MAX_REASON_CHARS - 1).join('').trimEnd()}…`;
}

/** "404 Not Found: no_such_hook", or just "404" when the receiver said nothing. */
function answer(code: number, detail: string): string {
  const said = cleanLine(detail);
  return said ? `${code} ${said}` : String(code);
}

/** Worth another try: the receiver is busy, rate-limiting or failing, not refusing this message. */
const TRANSIENT = new Set([408, 425, 429]);

function adviceFor(code: number): string {
  if (code === 401 || code === 403) return 'the receiver refused access — check the webhook address and its token in Settings';
  if (code === 404 || code === 410) return 'check the webhook address in Settings';
  if (code === 413) return 'the message is too large for the receiver — shorten it';
  return 'the receiver rejected the message — check the webhook address and format in Settings';
}

export function judgeOutcome(outcome: WebhookOutcome): Verdict {
  switch (outcome.status) {
    case 'responded': {
      const { code, detail } = outcome;
      if (code >= 200 && code <= 299) return { kind: 'delivered', status: code };
      if (TRANSIENT.has(code) || (code >= 500 && code <= 599)) {
        return { kind: 'retry', status: code, reason: reason(`The receiver answered ${answer(code, detail)}; it may be busy or failing`) };
      }
      if (code >= 300 && code <= 399) {
        return {
          kind: 'refused',
          status: code,
          reason: reason(`The receiver redirected (${answer(code, detail)}); redirects are not followed — update the webhook address in Settings`),
        };
      }
      if (code >= 400 && code <= 499) return { kind: 'refused', status: code, reason: reason(`${answer(code, detail)} — ${adviceFor(code)}`) };
      return { kind: 'refused', status: code, reason: reason(`The receiver gave an answer that is not HTTP success or failure (${answer(code, detail)})`) };
    }
    case 'timedOut':
      return { kind: 'retry', status: null, reason: 'The receiver did not answer in time' };
    case 'unreachable':
      return { kind: 'retry', status: null, reason: reason(`Could not reach the receiver: ${outcome.detail}`) };
    case 'invalid':
      return { kind: 'refused', status: null, reason: reason(`The message was not sent: ${outcome.detail}`) };
    case 'unavailable':
      return { kind: 'waiting' };
  }
}

/** What one attempt means for the message once `attempts` were made: the retry limit turns a retry into a failure. */
export type AttemptResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'failed'; status: number | null; reason: string }
  | { kind: 'retry'; status: number | null; reason: string }
  | { kind: 'waiting' };

export function afterAttempt(verdict: Verdict, attempts: number): AttemptResult {
  switch (verdict.kind) {
    case 'delivered':
    case 'waiting':
      return verdict;
    case 'refused':
      return { kind: 'failed', status: verdict.status, reason: verdict.reason };
    case 'retry':
      return attempts >= MAX_ATTEMPTS
        ? { kind: 'failed', status: verdict.status, reason: `Gave up after ${attempts} attempts. Last: ${verdict.reason}` }
        : verdict;
  }
}

/** Why a message whose webhook was removed is not delivered, and what to do. */
export function missingWebhookReason(name: string): string {
  return `The webhook “${name}” is no longer in Settings: add it again, then queue the message again.`;
}

/** Posts one attempt; a transport that throws counts as a receiver that could not be reached. */
export async function attemptPost(
  post: (request: WebhookRequest) => Promise<WebhookOutcome>,
  request: WebhookRequest,
): Promise<WebhookOutcome> {
  try {
    return await post(request);
  } catch (error) {
    return { status: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The message as its receiver gets it. */
export function outgoingMessage(view: MessageView, incidentTitle: string): OutgoingMessage {
  const { id, incidentId, audience, audienceName, phase, subject, text, at } = view;
  return { id, incidentId, incidentTitle, audience, audienceName, phase, subject, text, at };
}
