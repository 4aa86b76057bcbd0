/**
 * What the hub tells its operator about itself, in Prometheus's text format
 * at /metrics: who is connected, what is stored, how pushes, pulls and
 * deliveries go, and why connections were refused. Spaces are labelled by
 * their id, never their name or anything a member wrote.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { WebhookOutcome } from '../../shared/platform/bridge';
import type { HubStore } from '../../shared/sync/hubStore';
import type { Ack, SyncErrorCode } from '../../shared/sync/protocol';

export const METRICS_PATH = '/metrics';

/** Where a delivery attempt ended, as a label. */
function deliveryOutcome(outcome: WebhookOutcome): string {
  switch (outcome.status) {
    case 'responded':
      return outcome.code >= 200 && outcome.code <= 299 ? 'delivered' : 'answeredError';
    default:
      return outcome.status;
  }
}

export type HubMetrics = {
  readonly contentType: string;
  /** The exposition, read fresh: the gauges ask the hub and its store as it is scraped. */
  render(): Promise<string>;
  pushed(acks: readonly Ack[], seconds: number): void;
  pulled(): void;
  delivered(outcome: WebhookOutcome): void;
  refused(reason: SyncErrorCode): void;
  rateLimited(): void;
  /** One request to the alert intake, by its answer (accepted, refused, unauthorized, tooLarge, rateLimited, ...). */
  alertRequest(answer: string): void;
  /** What became of each notice the intake took: new, repeat, ignored. */
  alertNotices(outcome: string, count: number): void;
};

export function createHubMetrics(sources: { store: HubStore; consolesBySpace(): ReadonlyMap<string, number>; connections(): number }): HubMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'warroom_hub_connections',
    help: 'Open connections, whether or not they have joined a space yet.',
    registers,
    collect() {
      this.set(sources.connections());
    },
  });
  new Gauge({
    name: 'warroom_hub_consoles_connected',
    help: 'Consoles connected to each space (joined connections).',
    labelNames: ['space'],
    registers,
    collect() {
      this.reset();
      for (const [space, count] of sources.consolesBySpace()) this.set({ space }, count);
    },
  });
  new Gauge({
    name: 'warroom_hub_events_stored',
    help: 'Events stored in each space’s log (its head).',
    labelNames: ['space'],
    registers,
    async collect() {
      this.reset();
      for (const space of await sources.store.listSpaces()) this.set({ space: space.id }, await sources.store.head(space.id));
    },
  });
  const pushes = new Counter({ name: 'warroom_hub_pushes_total', help: 'Pushes answered (rate() gives pushes per second).', registers });
  const pulls = new Counter({ name: 'warroom_hub_pulls_total', help: 'Pulls answered with a page (rate() gives pulls per second).', registers });
  const pushSeconds = new Histogram({
    name: 'warroom_hub_push_duration_seconds',
    help: 'From a push frame taken up to its acks sent: checks, signatures and the durable write.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const pushedEvents = new Counter({
    name: 'warroom_hub_pushed_events_total',
    help: 'Pushed events by what the hub answered: accepted, duplicate (held already), later (not yet covered by a signature), rejected.',
    labelNames: ['outcome'],
    registers,
  });
  const quarantined = new Counter({
    name: 'warroom_hub_events_quarantined_total',
    help: 'Events refused and never stored (invalid, forged, conflicting with what is held, or clocked too far ahead); the console that sent them sets them aside and shows them.',
    registers,
  });
  const deliveries = new Counter({
    name: 'warroom_hub_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered (2xx), answeredError, timedOut, unreachable, invalid (not sent), unavailable.',
    labelNames: ['outcome'],
    registers,
  });
  const refused = new Counter({
    name: 'warroom_hub_refused_connections_total',
    help: 'Connections the hub refused and closed, by the reason it gave the console.',
    labelNames: ['reason'],
    registers,
  });
  const limited = new Counter({ name: 'warroom_hub_rate_limited_total', help: 'Requests a console was told to slow down on (the connection stays).', registers });
  const alertRequests = new Counter({
    name: 'warroom_hub_alert_requests_total',
    help: 'Requests to the alert intake by answer: accepted, refused (not the format), unauthorized (unknown or revoked key), tooLarge, rateLimited, unsupportedType, malformed, failed.',
    labelNames: ['answer'],
    registers,
  });
  const alertNotices = new Counter({
    name: 'warroom_hub_alert_notices_total',
    help: 'Alert notices taken in, by outcome: new (a new alert), repeat (the same alert again), ignored (an acknowledgement or resolution of an alert never seen).',
    labelNames: ['outcome'],
    registers,
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    pushed(acks, seconds) {
      pushes.inc();
      pushSeconds.observe(seconds);
      const counts = new Map<string, number>();
      for (const ack of acks) counts.set(ack.status, (counts.get(ack.status) ?? 0) + 1);
      for (const [outcome, count] of counts) pushedEvents.inc({ outcome }, count);
      const rejected = counts.get('rejected') ?? 0;
      if (rejected) quarantined.inc(rejected);
    },
    pulled: () => pulls.inc(),
    delivered: (outcome) => deliveries.inc({ outcome: deliveryOutcome(outcome) }),
    refused: (reason) => refused.inc({ reason }),
    rateLimited: () => limited.inc(),
    alertRequest: (answer) => alertRequests.inc({ answer }),
    alertNotices: (outcome, count) => alertNotices.inc({ outcome }, count),
  };
}
