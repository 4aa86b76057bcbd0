/**
 * The hub's deliverer of outbound messages and pages: one HubDelivery and
 * one HubPager per space, their rounds run one at a time, when the space's log
 * advances, when an attempt or escalation falls due, and every half minute in
 * case a wake-up was missed. A round that fails is logged and tried again
 * later; it never takes the hub down.
 */
import type { WebhookOutcome, WebhookRequest } from '../../shared/platform/bridge';
import type { HubAuthor } from '../../shared/sync/hubAuthor';
import { HubDelivery, type DeliveryLedger } from '../../shared/sync/hubDelivery';
import { HubPager, type HubPagerDeps } from '../../shared/sync/hubPager';
import type { HubStore } from '../../shared/sync/hubStore';
import { redactAddress } from '../outbound/destinations';
import { messageOf, type Log } from './log';

/** Pushes arriving together start one round. */
export const DELIVERY_DEBOUNCE_MS = 50;
/** Every space's round runs at least this often, whatever else happens. */
export const DELIVERY_SAFETY_NET_MS = 30_000;
/** After a round failed (the store was unreachable, say). */
export const DELIVERY_ERROR_RETRY_MS = 5_000;

export type DeliveryOptions = {
  post: (request: WebhookRequest) => Promise<WebhookOutcome>;
  random?: () => number;
  /** The ledger of attempts; by default the store, which must then keep one. */
  ledger?: DeliveryLedger;
};

export type Deliveries = {
  /** The space's log advanced: a round soon. */
  nudge(spaceId: string): void;
  /** The space's pager, or null when this hub does not page. */
  pager(spaceId: string): HubPager | null;
  /** No new rounds; resolves once the one in progress (if any) ended. */
  stop(): Promise<void>;
};

export function isDeliveryLedger(value: unknown): value is DeliveryLedger {
  const ledger = value as Partial<DeliveryLedger> | null;
  return (
    typeof ledger?.claim === 'function' && typeof ledger.retryAt === 'function' && typeof ledger.finish === 'function' && typeof ledger.inFlight === 'function'
  );
}

/** What the operator reads of an attempt that did not deliver: the receiver's scheme and host, never the rest of its (secret) address. */
function describeMiss(url: string, outcome: WebhookOutcome): string | null {
  const to = redactAddress(url);
  switch (outcome.status) {
    case 'responded':
      return outcome.code >= 200 && outcome.code <= 299 ? null : `${to} answered ${outcome.code}`;
    case 'timedOut':
      return `${to} did not answer in time`;
    case 'unreachable':
      return `${to} unreachable: ${outcome.detail}`;
    case 'invalid':
      return `${to} not sent: ${outcome.detail}`;
    case 'unavailable':
      return null;
  }
}

type Runner = {
  spaceId: string;
  delivery: HubDelivery | null;
  pager: HubPager | null;
  round: Promise<void> | null;
  /** Asked for while a round was running: another right after it. */
  again: boolean;
  soon: NodeJS.Timeout | null;
  wake: NodeJS.Timeout | null;
};

export function startDeliveries(deps: {
  store: HubStore;
  /** Writes the outcomes into the log as this hub process's own sealed events. */
  author: HubAuthor;
  ledger: DeliveryLedger;
  /** Posts webhook messages; no messages are delivered without it. */
  post?: DeliveryOptions['post'];
  /** How pages are sent; no pages are sent without it. */
  paging?: Pick<HubPagerDeps, 'transports' | 'ackLink' | 'replyCode'>;
  random?: () => number;
  now: () => number;
  log: Log;
  /** An outcome was appended: poke the space's connections. */
  advanced: (spaceId: string, head: number) => void;
  debounceMs?: number;
  safetyNetMs?: number;
}): Deliveries {
  const { store, ledger, now, log } = deps;
  const debounceMs = deps.debounceMs ?? DELIVERY_DEBOUNCE_MS;
  const safetyNetMs = deps.safetyNetMs ?? DELIVERY_SAFETY_NET_MS;
  const runners = new Map<string, Runner>();
  let stopped = false;

  const runner = (spaceId: string): Runner => {
    let found = runners.get(spaceId);
    if (!found) {
      const { post, paging } = deps;
      const delivery = post
        ? new HubDelivery({
            store,
            ledger,
            spaceId,
            author: deps.author,
            post: async (request) => {
              const outcome = await post(request);
              const miss = describeMiss(request.url, outcome);
              if (miss) log('warn', 'not delivered', { space: spaceId, detail: miss });
              return outcome;
            },
            now,
            ...(deps.random ? { random: deps.random } : {}),
            advanced: deps.advanced,
            stopped: () => stopped,
          })
        : null;
      const pager = paging
        ? new HubPager({
            store,
            ledger,
            spaceId,
            author: deps.author,
            transports: paging.transports,
            ackLink: paging.ackLink,
            ...(paging.replyCode ? { replyCode: paging.replyCode } : {}),
            now,
            advanced: deps.advanced,
            stopped: () => stopped,
          })
        : null;
      found = { spaceId, delivery, pager, round: null, again: false, soon: null, wake: null };
      runners.set(spaceId, found);
    }
    return found;
  };

  const wakeAt = (r: Runner, at: number | null) => {
    if (r.wake) clearTimeout(r.wake);
    r.wake = null;
    if (at === null || stopped) return;
    // The safety net runs by then anyway; a far-off wake-up needs no timer of its own.
    const delay = Math.min(Math.max(0, at - now()), safetyNetMs);
    r.wake = setTimeout(() => {
      r.wake = null;
      run(r);
    }, delay);
    r.wake.unref();
  };

  const run = (r: Runner): void => {
    if (stopped) return;
    if (r.round) {
      r.again = true;
      return;
    }
    r.again = false;
    r.round = (async () => {
      // Messages and pages each have their round: one failing does not keep the other from going.
      const wakes: number[] = [];
      for (const worker of [r.delivery, r.pager]) {
        if (!worker) continue;
        try {
          const at = await worker.runDue();
          if (at !== null) wakes.push(at);
        } catch (error) {
          log('error', 'delivery round failed; trying again shortly', { space: r.spaceId, error: messageOf(error) });
          wakes.push(now() + DELIVERY_ERROR_RETRY_MS);
        }
      }
      wakeAt(r, wakes.length ? Math.min(...wakes) : null);
    })().finally(() => {
      r.round = null;
      if (r.again) run(r);
    });
  };

  const nudge = (spaceId: string) => {
    if (stopped) return;
    const r = runner(spaceId);
    if (r.soon) return;
    r.soon = setTimeout(() => {
      r.soon = null;
      run(r);
    }, debounceMs);
    r.soon.unref();
  };

  const everySpace = async () => {
    try {
      for (const space of await store.listSpaces()) if (!stopped) run(runner(space.id));
    } catch (error) {
      log('error', 'delivery could not list the spaces', { error: messageOf(error) });
    }
  };

  const safetyNet = setInterval(() => void everySpace(), safetyNetMs);
  safetyNet.unref();
  void everySpace();

  return {
    nudge,
    pager: (spaceId) => (stopped ? null : runner(spaceId).pager),
    stop: async () => {
      stopped = true;
      clearInterval(safetyNet);
      for (const r of runners.values()) {
        if (r.soon) clearTimeout(r.soon);
        if (r.wake) clearTimeout(r.wake);
        r.soon = r.wake = null;
      }
      await Promise.allSettled([...runners.values()].map((r) => r.round));
    },
  };
}
