/**
 * The one outbound delivery engine: claim an attempt, send it, then either
 * record the outcome or schedule the next try. Whoever delivers (the hub, the
 * room hub a console hosts, a desktop console on its own) brings its own book
 * of attempts and its own transport; the steps and the rules
 * (shared/comms/delivery) are the same for all of them.
 */
import type { Audience, Webhook } from '../domain/comms';
import { exerciseMessage } from '../domain/drills';
import type { MessageView } from '../domain/messages';
import type { WebhookOutcome, WebhookRequest } from '../platform/bridge';
import { afterAttempt, attemptPost, judgeOutcome, missingWebhookReason, outgoingMessage, retryDelayMs } from './delivery';
import { webhookRequest } from './formats';

/** Why a drill's message to an audience not marked safe for exercises was not sent. */
export const EXERCISE_UNSAFE_REASON = 'This is an exercise, and the audience is not marked safe for exercises: nothing was sent.';

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

export type OutboundIncident = { title: string; drill: boolean };

/** How long a message of an incident the deliverer does not know yet waits before it is looked at again. */
export const UNKNOWN_INCIDENT_RECHECK_MS = 30_000;

export type OutboundDeps = {
  book: AttemptBook;
  /** The transport: the desktop shell's IPC, or the hub's own post. */
  post: (request: WebhookRequest) => Promise<WebhookOutcome>;
  /** The message's incident as the deliverer knows it: its title for the message, and whether it is an exercise. */
  incident: (message: MessageView) => OutboundIncident | null | Promise<OutboundIncident | null>;
  now: () => number;
  random?: () => number;
};

/**
 * One attempt at one queued webhook message, if it is due. Resolves with
 * when the message is next due (epoch ms), or null when nothing is scheduled.
 */
export async function deliverMessage(
  deps: OutboundDeps,
  message: MessageView,
  settings: { webhooks: readonly Pick<Webhook, 'id' | 'url'>[]; audiences: readonly Pick<Audience, 'id' | 'exerciseSafe'>[] },
): Promise<number | null> {
  const { book, now } = deps;
  const claim = await book.claim(message, now());
  if (claim === null) return null;
  if ('dueAt' in claim) return claim.dueAt;
  const { attempt } = claim;

  const webhook = settings.webhooks.find((w) => w.id === message.webhook?.id);
  if (!webhook || !message.webhook) {
    await book.settle(message, { kind: 'failed', status: null, reason: missingWebhookReason(message.webhook?.name ?? ''), attempts: attempt - 1 });
    return null;
  }
  // An exercise reaches only audiences marked safe for it, and says it is one, whoever queued it and however.
  // Until the deliverer knows the incident, it cannot tell whether it is one: it waits rather than send.
  const incident = await deps.incident(message);
  if (!incident) {
    const nextAt = now() + UNKNOWN_INCIDENT_RECHECK_MS;
    await book.retryAt(message, nextAt, { kind: 'waiting' });
    return nextAt;
  }
  if (incident.drill && !settings.audiences.some((a) => a.id === message.audience && a.exerciseSafe)) {
    await book.settle(message, { kind: 'failed', status: null, reason: EXERCISE_UNSAFE_REASON, attempts: attempt - 1 });
    return null;
  }
  const outgoing = incident.drill ? { ...message, ...exerciseMessage(message) } : message;
  const request = webhookRequest({ ...outgoingMessage(outgoing, incident.title), ...(incident.drill ? { exercise: true } : {}) }, message.webhook.format);
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
