/**
 * Outbound messages delivered by the hub: exactly one deliverer per message,
 * whichever console queued it, and each attempt accounted for. The hub tails
 * its own log (the same events every console folds), claims an attempt in its
 * ledger before the request leaves (a claim only one hub process can win),
 * and appends the outcome to the log as an event of its own, so every console
 * sees "delivered" or "not delivered" once it syncs. A claim left in flight by
 * a hub that stopped is never resent by itself: once it is older than any
 * attempt lasts, the message is reported as not delivered, with that reason,
 * for a person to check and send again.
 */
import { deliverMessage, type AttemptBook, type OutboundDeps } from '../comms/outbound';
import { ORGANISATION_STREAM, type DomainEvent, type EventOf } from '../domain/events';
import { applyIncidentEvent, emptyIncident, summarizeIncident, type IncidentState } from '../domain/incident';
import {
  DELIVERY_ACTOR,
  applyMessageEvent,
  emptyMessage,
  isMessageEvent,
  isOutcomeEvent,
  messageIdOf,
  viewMessage,
  type MessageState,
  type MessageView,
} from '../domain/messages';
import { applyOrganisationEvent, emptyOrganisation, viewOrganisation, type OrganisationState } from '../domain/organisation';
import type { WebhookOutcome, WebhookRequest } from '../platform/bridge';
import type { HubAuthor } from './hubAuthor';
import { foldLogFrom } from './logTail';
import { isPagerClaim } from './pagerClaims';
import type { HubStore } from './hubStore';

/** The hub's bookkeeping of attempts, shared by every hub process serving the space. */
export interface DeliveryLedger {
  /**
   * Durably marks an attempt as on the wire, if none is and the next is due.
   * Resolves with the attempt's number, or null when another process holds it or it is not due.
   */
  claim(spaceId: string, messageId: string, run: string, now: number): Promise<number | null>;
  /** The attempt ended without an outcome: try again at `nextAt`. */
  retryAt(spaceId: string, messageId: string, nextAt: number): Promise<void>;
  /**
   * The attempts ended (the outcome is in the log). The run is never claimed
   * again, so a process whose view of the log is a moment behind cannot send
   * it a second time; queued again, the message's new run starts over.
   */
  finish(spaceId: string, messageId: string): Promise<void>;
  /**
   * Attempts on the wire claimed at or before `claimedBefore` (every one when absent):
   * claimed that long ago, the hub process that claimed them stopped.
   */
  inFlight(spaceId: string, claimedBefore?: number): Promise<{ messageId: string; attempts: number }[]>;
}

/**
 * An attempt still on the wire after this long was left there by a hub that
 * stopped: a live one hears back, or gives up, far sooner (postWebhook waits 10 s).
 * Younger ones may belong to another hub process sending right now.
 */
export const IN_FLIGHT_LEASE_MS = 60_000;

/** The `next_at` of a finished run in a stored ledger: never due (and within a 64-bit integer and a double). */
export const FINISHED_AT = Number.MAX_SAFE_INTEGER;

export type HubDeliveryDeps = {
  store: HubStore;
  ledger: DeliveryLedger;
  spaceId: string;
  /** This process's authorship: outcomes go in the log as its sealed events. */
  author: HubAuthor;
  post: (request: WebhookRequest) => Promise<WebhookOutcome>;
  now: () => number;
  random?: () => number;
  /** Called after an outcome was appended, so connections can be poked. */
  advanced?: (spaceId: string, head: number) => void;
  /** Asked before each message of a round: true ends the round there (the hub is stopping). */
  stopped?: () => boolean;
};

export class HubDelivery {
  private cursor = 0;
  private organisation: OrganisationState = emptyOrganisation();
  private readonly messages = new Map<string, MessageState>();
  private readonly incidents = new Map<string, IncidentState>();

  private readonly outbound: OutboundDeps;

  constructor(private readonly deps: HubDeliveryDeps) {
    const { ledger, spaceId } = deps;
    const book: AttemptBook = {
      claim: async (message, now) => {
        const attempt = await ledger.claim(spaceId, message.id, message.run, now);
        return attempt === null ? null : { attempt };
      },
      // A hub always can post, so "waiting" is not expected; it counts as an attempt rather than being lost.
      retryAt: (message, nextAt) => ledger.retryAt(spaceId, message.id, nextAt),
      settle: async (message, outcome) => {
        if (outcome.kind === 'delivered') await this.append(message, 'message.delivered', { attempts: outcome.attempts, status: outcome.status });
        else await this.append(message, 'message.deliveryFailed', { attempts: outcome.attempts, status: outcome.status, reason: outcome.reason });
        await ledger.finish(spaceId, message.id);
      },
    };
    this.outbound = {
      book,
      post: deps.post,
      incident: (message) => {
        const summary = summarizeIncident(this.incidents.get(message.incidentId) ?? emptyIncident(message.incidentId));
        return summary && { title: summary.title, drill: summary.drill };
      },
      now: deps.now,
      ...(deps.random ? { random: deps.random } : {}),
    };
  }

  /** Attempts one round: every queued webhook message that is due. Resolves with when the next falls due, or null. */
  async runDue(): Promise<number | null> {
    await this.catchUp();
    await this.recoverInterrupted();
    const { channels, audiences } = viewOrganisation(this.organisation).settings;
    const settings = { webhooks: channels.webhooks, audiences };
    let wake: number | null = null;
    for (const state of this.messages.values()) {
      if (this.deps.stopped?.()) break;
      const view = viewMessage(state);
      if (!view || view.state !== 'queued' || view.channel !== 'webhook') continue;
      const next = await deliverMessage(this.outbound, view, settings);
      if (next !== null) wake = wake === null ? next : Math.min(wake, next);
    }
    return wake;
  }

  /** Folds what the log gained since the last round. */
  private async catchUp(): Promise<void> {
    this.cursor = await foldLogFrom(this.deps.store, this.deps.spaceId, this.cursor, (event) => this.fold(event));
  }

  private fold(event: DomainEvent): void {
    if (event.incidentId === ORGANISATION_STREAM) {
      this.organisation = applyOrganisationEvent(this.organisation, event);
      return;
    }
    this.incidents.set(event.incidentId, applyIncidentEvent(this.incidents.get(event.incidentId) ?? emptyIncident(event.incidentId), event));
    if (isMessageEvent(event) || isOutcomeEvent(event)) {
      const id = messageIdOf(event);
      this.messages.set(id, applyMessageEvent(this.messages.get(id) ?? emptyMessage(id), event));
    }
  }

  private async recoverInterrupted(): Promise<void> {
    for (const { messageId, attempts } of await this.deps.ledger.inFlight(this.deps.spaceId, this.deps.now() - IN_FLIGHT_LEASE_MS)) {
      // The pager's claims share the ledger: it accounts for its own.
      if (isPagerClaim(messageId)) continue;
      const state = this.messages.get(messageId);
      const view = state && viewMessage(state);
      if (view?.state === 'queued') {
        const reason = 'Delivery uncertain: the hub stopped while sending it. Check with the receiver before sending it again.';
        await this.append(view, 'message.deliveryFailed', { attempts, status: null, reason });
      }
      await this.deps.ledger.finish(this.deps.spaceId, messageId);
    }
  }

  /** Appends an outcome as the hub's own event; the log is the record, the ledger only bookkeeping. */
  private async append<T extends 'message.delivered' | 'message.deliveryFailed'>(
    view: MessageView,
    type: T,
    details: Omit<EventOf<T>['payload'], 'target' | 'audienceName' | 'phase'>,
  ): Promise<void> {
    const draft = {
      incidentId: view.incidentId,
      type,
      actor: DELIVERY_ACTOR,
      occurredAt: new Date(this.deps.now()).toISOString(),
      payload: { target: view.id, audienceName: view.audienceName, phase: view.phase, ...details },
    };
    // The author checked them already: folded as it parsed them.
    const { parsed, head } = await this.deps.author.append(this.deps.spaceId, [draft]);
    for (const event of parsed) this.fold(event);
    this.deps.advanced?.(this.deps.spaceId, head);
  }
}

export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly rows = new Map<string, { run: string; attempts: number; inFlight: boolean; nextAt: number; claimedAt: number }>();

  async claim(spaceId: string, messageId: string, run: string, now: number): Promise<number | null> {
    const key = `${spaceId}/${messageId}`;
    const row = this.rows.get(key);
    const current = row && row.run === run ? row : { run, attempts: 0, inFlight: false, nextAt: 0, claimedAt: 0 };
    if (current.inFlight || current.nextAt > now) return null;
    const claimed = { ...current, attempts: current.attempts + 1, inFlight: true, claimedAt: now };
    this.rows.set(key, claimed);
    return claimed.attempts;
  }

  async retryAt(spaceId: string, messageId: string, nextAt: number): Promise<void> {
    const row = this.rows.get(`${spaceId}/${messageId}`);
    if (row) this.rows.set(`${spaceId}/${messageId}`, { ...row, inFlight: false, nextAt });
  }

  async finish(spaceId: string, messageId: string): Promise<void> {
    const row = this.rows.get(`${spaceId}/${messageId}`);
    if (row) this.rows.set(`${spaceId}/${messageId}`, { ...row, inFlight: false, nextAt: FINISHED_AT });
  }

  async inFlight(spaceId: string, claimedBefore = Infinity): Promise<{ messageId: string; attempts: number }[]> {
    return [...this.rows.entries()]
      .filter(([key, row]) => key.startsWith(`${spaceId}/`) && row.inFlight && row.claimedAt <= claimedBefore)
      .map(([key, row]) => ({ messageId: key.slice(spaceId.length + 1), attempts: row.attempts }));
  }
}
