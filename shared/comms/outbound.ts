/**
 * The one outbound delivery engine: claim an attempt, send it, then either
 * record the outcome or schedule the next try. Whoever delivers (the hub, the
 * room hub a console hosts, a desktop console on its own) brings its own book
 * of attempts and its own transport; the steps and the rules
 * (shared/comms/delivery) are the same for all of them.
 */
import type { Webhook } from '../domain/comms';
import type { MessageView } from '../domain/messages';
import type { WebhookOutcome, WebhookRequest } from '../platform/bridge';
import { afterAttempt, attemptPost, judgeOutcome, missingWebhookReason, outgoingMessage, retryDelayMs } from './delivery';
import { webhookRequest } from './formats';

/** How long a deliverer whose platform cannot post waits before asking again. */
export const WAITING_RECHECK_MS = 5 * 60_000;

/** The attempt now on the wire (its number in this run), not yet due (when it is), or nothing to do. */
export type Claim = { attempt: number } | { dueAt: number } | null;

/** Why an attempt ended without an outcome: the receiver may answer next time, or this platform cannot post at all (not an attempt). */
export type Problem = { kind: 'retry'; reason: string; status: number | null } | { kind: 'waiting' };

export type FinalOutcome =
  | { kind: 'delivered'; status: number | null; attempts: number }
  | { kind: 'failed'; status: number | null; reason: string; attempts: number };

/** Where a deliverer keeps its attempts; each step durable before the next. */
export interface AttemptBook {
  /**
   * Marks an attempt as on the wire, durably and before the request leaves, if
   * the message is still queued in this run, no attempt is on the wire and one is due.
   */
  claim(message: MessageView, now: number): Promise<Claim>;
  /** The attempt ended without an outcome: the next is due at `nextAt`. */
  retryAt(message: MessageView, nextAt: number, problem: Problem): Promise<void>;
  /** The attempts ended: records the outcome in the log and closes the run, so it is never claimed again. */
  settle(message: MessageView, outcome: FinalOutcome): Promise<void>;
}

export type OutboundDeps = {
  book: AttemptBook;
  /** The transport: the desktop shell's IPC, or the hub's own post. */
  post: (request: WebhookRequest) => Promise<WebhookOutcome>;
  incidentTitle: (message: MessageView) => string | Promise<string>;
  now: () => number;
  random?: () => number;
};

/**
 * One attempt at one queued webhook message, if it is due. Resolves with
 * when the message is next due (epoch ms), or null when nothing is scheduled.
 */
export async function deliverMessage(deps: OutboundDeps, message: MessageView, webhooks: readonly Pick<Webhook, 'id' | 'url'>[]): Promise<number | null> {
  const { book, now } = deps;
  const claim = await book.claim(message, now());
  if (claim === null) return null;
  if ('dueAt' in claim) return claim.dueAt;
  const { attempt } = claim;

  const webhook = webhooks.find((w) => w.id === message.webhook?.id);
  if (!webhook || !message.webhook) {
    await book.settle(message, { kind: 'failed', status: null, reason: missingWebhookReason(message.webhook?.name ?? ''), attempts: attempt - 1 });
    return null;
  }
  const request = webhookRequest(outgoingMessage(message, await deps.incidentTitle(message)), message.webhook.format);
  const result = afterAttempt(judgeOutcome(await attemptPost(deps.post, { url: webhook.url, ...request })), attempt);
  switch (result.kind) {
    case 'delivered':
    case 'failed':
      await book.settle(message, { ...result, attempts: attempt });
      return null;
    case 'retry': {
      const nextAt = now() + retryDelayMs(attempt, deps.random ?? Math.random);
      await book.retryAt(message, nextAt, { kind: 'retry', reason: result.reason, status: result.status });
      return nextAt;
    }
    case 'waiting': {
      const nextAt = now() + WAITING_RECHECK_MS;
      await book.retryAt(message, nextAt, { kind: 'waiting' });
      return nextAt;
    }
  }
}
