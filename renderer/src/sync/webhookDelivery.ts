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

import { deliverMessage, type OutboundDeps } from '@shared/comms/outbound';
import type { WarroomBridge } from '@shared/platform/bridge';

import type { WarroomDatabase } from '../db/database';
import { consoleAttemptBook, holdInterrupted } from '../db/deliveries';
import type { Clock } from '../db/eventStore';
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

/** The desktop console's deliverer: the messages it queued itself, while it syncs through no hub. */
export class WebhookDelivery {
  private readonly db: WarroomDatabase;
  private readonly isOnline: () => boolean;
  private readonly outbound: OutboundDeps;

  constructor(env: DeliveryEnvironment) {
    this.db = env.db;
    this.isOnline = env.isOnline ?? (() => true);
    const now = env.now ?? Date.now;
    this.outbound = {
      book: consoleAttemptBook(env.db, now),
      post: (request) => env.bridge.deliverWebhook(request),
      incident: async (message) => {
        const summary = (await env.db.incidents.get(message.incidentId))?.summary;
        return summary ? { title: summary.title, drill: summary.drill } : null;
      },
      now,
      random: env.random ?? Math.random,
    };
  }

  /** Attempts left in flight by a console that stopped: their outcome is unknown. Run once, before any attempt. */
  recoverInterrupted(): Promise<number> {
    return holdInterrupted(this.db);
  }

  /** Makes every attempt that is due. Resolves with when the next one falls due (epoch ms), or null. */
  async runDue(): Promise<number | null> {
    // A console that syncs through a hub leaves delivery to the hub: one deliverer per message, whichever console queued it.
    if (await getMembership(this.db)) return null;
    // Offline, nothing is tried: the `online` event starts the next round.
    if (!this.isOnline()) return null;
    const { deviceId } = await this.db.device();
    const queued = await queuedFrom(this.db, deviceId);
    if (queued.length === 0) return null;
    // Read once a round: a webhook fixed in Settings is used from the next round on.
    const { settings } = await getOrganisation(this.db);
    let wake: number | null = null;
    for (const message of queued) {
      const next = await deliverMessage(this.outbound, message, { webhooks: settings.channels.webhooks, audiences: settings.audiences });
      if (next !== null) wake = wake === null ? next : Math.min(wake, next);
    }
    return wake;
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
