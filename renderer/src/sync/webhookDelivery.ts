/**
 * Delivers the webhook messages this console queued, at most once per attempt
 * it can account for. Each attempt is marked in flight durably before the
 * request leaves; its outcome and the end of the attempts are written in one
 * transaction after. A console that stopped in between finds the mark on its
 * next start and holds the message as "uncertain" for a person to check,
 * rather than risk showing it twice. Retries back off; a receiver's refusal
 * stops at once with its reason.
 */
import { liveQuery } from 'dexie';

import { afterAttempt, attemptPost, judgeOutcome, missingWebhookReason, outgoingMessage, retryDelayMs, type AttemptResult } from '@shared/comms/delivery';
import { webhookRequest } from '@shared/comms/formats';
import type { Webhook } from '@shared/domain/comms';
import { DELIVERY_ACTOR, type MessageView } from '@shared/domain/messages';
import type { WarroomBridge } from '@shared/platform/bridge';

import type { WarroomDatabase } from '../db/database';
import { freshDelivery, type DeliveryRow } from '../db/deliveries';
import type { Clock } from '../db/eventStore';
import { recordOutcome } from '../db/messageCommands';
import { queuedFrom } from '../db/messageQueries';
import { getMembership } from '../db/syncStore';
import { getOrganisation } from '../db/organisation';
import { whileHoldingLock } from './windowLock';

export type DeliveryEnvironment = {
  db: WarroomDatabase;
  bridge: Pick<WarroomBridge, 'deliverWebhook'>;
  now?: Clock;
  random?: () => number;
  isOnline?: () => boolean;
};

/** How long a platform that cannot post waits before asking again. */
const WAITING_RECHECK_MS = 5 * 60_000;

export class WebhookDelivery {
  private readonly db: WarroomDatabase;
  private readonly bridge: Pick<WarroomBridge, 'deliverWebhook'>;
  private readonly now: Clock;
  private readonly random: () => number;
  private readonly isOnline: () => boolean;

  constructor(env: DeliveryEnvironment) {
    this.db = env.db;
    this.bridge = env.bridge;
    this.now = env.now ?? Date.now;
    this.random = env.random ?? Math.random;
    this.isOnline = env.isOnline ?? (() => true);
  }

  /** Attempts left in flight by a console that stopped: their outcome is unknown. Run once, before any attempt. */
  async recoverInterrupted(): Promise<number> {
    return this.db.transaction('rw', this.db.deliveries, async () => {
      const interrupted = await this.db.deliveries.filter((row) => row.inFlight !== null).toArray();
      await this.db.deliveries.bulkPut(interrupted.map((row) => ({ ...row, inFlight: null, uncertain: true })));
      return interrupted.length;
    });
  }

  /** Makes every attempt that is due. Resolves with when the next one falls due (epoch ms), or null. */
  async runDue(): Promise<number | null> {
    // A console that syncs through a hub leaves delivery to the hub: one deliverer per message, whichever console queued it.
    if (await getMembership(this.db)) return null;
    const { deviceId } = await this.db.device();
    const queued = await queuedFrom(this.db, deviceId);
    if (queued.length === 0) return null;
    // Read once a round: a webhook fixed in Settings is used from the next round on.
    const { settings } = await getOrganisation(this.db);
    let wake: number | null = null;
    for (const message of queued) {
      const next = await this.deliver(message, settings.channels.webhooks);
      if (next !== null) wake = wake === null ? next : Math.min(wake, next);
    }
    return wake;
  }

  /** One attempt at one message, if it is due. Resolves with when it is next due, or null when nothing is scheduled. */
  private async deliver(message: MessageView, webhooks: readonly Webhook[]): Promise<number | null> {
    const stored = await this.db.deliveries.get(message.id);
    const row = stored && stored.run === message.run ? stored : freshDelivery(message.id, message.run, this.now());
    if (row.uncertain || row.inFlight !== null) return null;
    if (row.nextAt > this.now()) return row.nextAt;
    // Offline, nothing is tried: the `online` event starts the next round.
    if (!this.isOnline()) return null;

    const webhook = webhooks.find((w) => w.id === message.webhook?.id);
    if (!webhook || !message.webhook) {
      const reason = missingWebhookReason(message.webhook?.name ?? '');
      await recordOutcome(this.db, message.id, { kind: 'failed', status: null, reason, attempts: row.attempts }, DELIVERY_ACTOR, this.now);
      return null;
    }

    const attempt = await this.markInFlight(message, row);
    if (!attempt) return null;
    const incident = (await this.db.incidents.get(message.incidentId))?.summary;
    const request = webhookRequest(outgoingMessage(message, incident?.title ?? ''), message.webhook.format);
    const outcome = await attemptPost((r) => this.bridge.deliverWebhook(r), { url: webhook.url, ...request });
    return this.settle(message, attempt, afterAttempt(judgeOutcome(outcome), attempt.attempts));
  }

  /** Durably marks the attempt as on the wire; null when the message is no longer queued or already being sent. */
  private markInFlight(message: MessageView, row: DeliveryRow): Promise<DeliveryRow | null> {
    return this.db.transaction('rw', [this.db.messages, this.db.deliveries], async () => {
      const current = (await this.db.messages.get(message.id))?.view;
      if (current?.state !== 'queued' || current.run !== message.run) return null;
      const stored = await this.db.deliveries.get(message.id);
      if (stored && stored.run === message.run && (stored.inFlight !== null || stored.uncertain)) return null;
      const attempt: DeliveryRow = { ...row, attempts: row.attempts + 1, inFlight: this.now() };
      await this.db.deliveries.put(attempt);
      return attempt;
    });
  }

  private async settle(message: MessageView, attempt: DeliveryRow, result: AttemptResult): Promise<number | null> {
    const { attempts } = attempt;
    switch (result.kind) {
      case 'delivered':
        await recordOutcome(this.db, message.id, { kind: 'delivered', status: result.status, attempts }, DELIVERY_ACTOR, this.now);
        return null;
      case 'failed':
        await recordOutcome(this.db, message.id, { kind: 'failed', status: result.status, reason: result.reason, attempts }, DELIVERY_ACTOR, this.now);
        return null;
      case 'retry': {
        const nextAt = this.now() + retryDelayMs(attempts, this.random);
        await this.db.deliveries.put({ ...attempt, inFlight: null, nextAt, problem: { kind: 'retry', reason: result.reason, status: result.status } });
        return nextAt;
      }
      case 'waiting': {
        // Not an attempt: this platform cannot post at all.
        const nextAt = this.now() + WAITING_RECHECK_MS;
        await this.db.deliveries.put({ ...attempt, attempts: attempts - 1, inFlight: null, nextAt, problem: { kind: 'waiting' } });
        return nextAt;
      }
    }
  }
}

type Scheduler = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Calls back when the network may have returned; returns the unsubscribe. */
  onOnline: (listener: () => void) => () => void;
};

const browserScheduler: Scheduler = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  onOnline(listener) {
    globalThis.addEventListener('online', listener);
    return () => globalThis.removeEventListener('online', listener);
  },
};

/** Longest a timer is set for: browsers clamp longer ones, and a check now and then costs nothing. */
const MAX_SLEEP_MS = 60_000;

/**
 * Runs the worker for as long as the console is open: on start, whenever the
 * queue or the attempts change, when the network returns, and when a back-off
 * ends. Only one window of the console delivers at a time (a Web Lock), so two
 * tabs never post the same message. Returns the stop.
 */
export function startWebhookDelivery(env: DeliveryEnvironment, scheduler: Scheduler = browserScheduler): () => void {
  const worker = new WebhookDelivery(env);
  const now = env.now ?? Date.now;
  let stopped = false;
  let running = false;
  let again = false;
  let timer: unknown = null;
  const cleanups: (() => void)[] = [];

  const schedule = (wake: number | null) => {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
    if (wake === null || stopped) return;
    timer = scheduler.setTimeout(kick, Math.min(Math.max(0, wake - now()), MAX_SLEEP_MS));
  };

  async function kick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        schedule(await worker.runDue());
      } while (again && !stopped);
    } catch (error) {
      console.error('Webhook delivery failed; trying again shortly.', error);
      schedule(now() + MAX_SLEEP_MS);
    } finally {
      running = false;
    }
  }

  const begin = async () => {
    await worker.recoverInterrupted();
    if (stopped) return;
    const watch = liveQuery(() =>
      Promise.all([env.db.messages.where('state').equals('queued').primaryKeys(), env.db.deliveries.toArray(), getMembership(env.db)]),
    ).subscribe({ next: () => void kick(), error: (error) => console.error('Watching the message queue failed.', error) });
    cleanups.push(() => watch.unsubscribe(), scheduler.onOnline(() => void kick()));
  };

  const release = whileHoldingLock('warroom-webhook-delivery', () => {
    if (!stopped) void begin();
  });

  return () => {
    stopped = true;
    schedule(null);
    for (const cleanup of cleanups) cleanup();
    release();
  };
}
