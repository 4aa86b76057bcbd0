/**
 * The sync hub over WebSocket: one HubSession per connection, frames handled
 * strictly in order, pokes fanned out to every connection of a space. Plain
 * Node (no Electron): the headless hub and the LAN hub inside the desktop app
 * both start it. With `delivery`, it also delivers the spaces' outbound
 * webhook messages, exactly once across every hub process sharing the store.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { AlertIntake } from '../../shared/alerts/intake';
import type { Examine } from '../../shared/sync/examine';
import type { PageMethod } from '../../shared/domain/pages';
import type { WebhookRequest } from '../../shared/platform/bridge';
import { HubAuthor } from '../../shared/sync/hubAuthor';
import type { PageTarget, PageTransport } from '../../shared/sync/hubPager';
import { HubSession } from '../../shared/sync/hubSession';
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { PROTOCOL, SYNC_LIMITS, type HubMessage, type SyncErrorCode } from '../../shared/sync/protocol';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from '../../shared/sync/rateLimiter';
import { SharedPages, encodeHubFrame } from '../../shared/sync/sharedPages';
import { SpaceSettings } from '../../shared/sync/spaceSettings';
import { ALERTS_PATH, alertRoute } from './alertRoute';
import { ONCALL_FEED_PATH, onCallFeedRoute } from './oncallFeedRoute';
import { ACK_LINK_TTL_MS, ACK_PATH, ackToken, replyCode } from './paging/ackLinks';
import { ackRoute } from './paging/ackRoute';
import { startCalendarSubscriptions } from './calendarSubscriptions';
import type { CalendarFetch } from '../outbound/calendarFetch';
import { SMS_RECEIPT_PATH, SMS_REPLY_PATH, smsCallbacks } from './paging/smsCallbacks';
import { DEFAULT_BACK_PRESSURE, Outflow, backPressureStats, type BackPressureOptions, type BackPressureStats } from './backPressure';
import { isDeliveryLedger, startDeliveries, type Deliveries, type DeliveryOptions } from './delivery';
import { startExaminer, type Examiner } from './examiner';
import { JoinThrottle } from './joinThrottle';
import { newProcessSigner } from './hubSigner';
import { PokePacer } from './pokePacer';
import { messageOf, silentLog, type Log } from './log';
import { METRICS_PATH, createHubMetrics } from './metrics';
import { DEFAULT_QUOTAS, type HubQuotas } from './quotas';

export const SYNC_PATH = '/sync';
export const HEALTH_PATH = '/health';
export const HEARTBEAT_MS = 20_000;
/** A connection that has not said hello by then is dropped: it holds a socket for nothing. */
export const HELLO_TIMEOUT_MS = 10_000;
/** Frames waiting on one connection before the hub stops reading its socket. */
const MAX_QUEUED_FRAMES = 16;
const CLOSE_GRACE_MS = 2_000;
/** Consoles hear of a busy space at most this often: soon enough to feel at once, seldom enough to batch a storm. */
const POKE_INTERVAL_MS = 50;

/** WebSocket close codes: the error frame sent before says why in words. */
const CLOSE = { refused: 1008, internal: 1011, goingAway: 1001, unsupported: 1003, tryAgainLater: 1013 } as const;
/** When a console refused for too many connections may try again. */
const CONNECTION_RETRY_MS = 30_000;

/** A store that hears about pushes committed by other hub processes (PostgreSQL's LISTEN/NOTIFY). */
export interface AdvanceSource {
  listen(onAdvance: (spaceId: string, head: number) => void): Promise<{ stop: () => Promise<void> }>;
}

function isAdvanceSource(store: unknown): store is AdvanceSource {
  return typeof (store as Partial<AdvanceSource> | null)?.listen === 'function';
}

export type HubOptions = {
  store: HubStore;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** PEM; serves wss:// and https://. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  hubId?: string;
  /** Requests and events per device (its registry entry). */
  limits?: RateLimits;
  /** Connections, join attempts and stored bytes; each unset one has its default. */
  quotas?: Partial<HubQuotas>;
  log?: Log;
  /**
   * Who may read /metrics: this machine always; others with this bearer token
   * (a Prometheus scrape config's `authorization`). Without one, only this machine.
   */
  metricsToken?: string;
  now?: () => number;
  protocol?: { min: number; max: number };
  heartbeatMs?: number;
  helloTimeoutMs?: number;
  /** How much the hub holds unsent for a console that does not read, and how long it waits for it. */
  backPressure?: BackPressureOptions;
  /**
   * Deliver the outbound webhook messages consoles queue, with `post`; the
   * store keeps the ledger of attempts (SQLite and PostgreSQL do). Off when absent or false.
   */
  delivery?: DeliveryOptions | false;
  /** The event worker's script (examineWorker.ts, built): pushed events are checked and hashed on it. On this thread when absent. */
  examineWorker?: URL;
  /** Consoles of a busy space are poked at most this often (POKE_INTERVAL_MS); 0: after every change. */
  pokeIntervalMs?: number;
  /** Alerts from monitoring at /alerts/<key> (on unless false); `limits` per integration key. */
  /** `repeatHoldMs`: how long a repeated notification waits for the repeats after it (REPEAT_HOLD_MS). */
  alerts?: { limits?: RateLimits; repeatHoldMs?: number } | false;
  /**
   * Send pages to the people consoles page, through the ways configured here
   * (the store keeps the ledger, as for delivery). Off when absent.
   */
  paging?: PagingOptions;
  /** Subscribe to the calendars rosters name by address, fetching them with this. Off when absent. */
  calendars?: { fetchCalendar: (url: string) => Promise<CalendarFetch>; checkEveryMs?: number };
};

export type PagingOptions = {
  transports: Partial<Record<PageMethod, PageTransport>>;
  /**
   * Where phones on the room's network reach this hub (http://10.0.0.5:4848):
   * pages carry a link to acknowledge them there. Without it, pages carry no link.
   */
  publicUrl?: string;
  /** The key in the address the SMS gateway posts replies to (/sms/replies/<key>); SMS pages then carry a reply code. */
  replyKey?: string;
};

export type RunningHub = {
  /** Where consoles connect, e.g. ws://127.0.0.1:4848/sync. */
  url: string;
  port: number;
  hubId: string;
  spaces(): Promise<SpaceRecord[]>;
  /** Open connections, said hello or not. */
  connections(): number;
  /** Removes the device from the space and closes its connections to this hub at once. False if it was not a member. */
  removeDevice(spaceId: string, deviceId: string): Promise<boolean>;
  /** Whether this hub delivers the spaces' outbound messages. */
  delivers: boolean;
  /** Consoles paused and dropped for not reading, and the most held unsent for one. */
  backPressure(): BackPressureStats;
  /** Stops accepting, closes every connection and waits for frames in progress. Leaves the store open. */
  close(): Promise<void>;
};

type Connection = {
  ws: WebSocket;
  address: string;
  outflow: Outflow;
  /** A poke held back while the console was not reading; sent once it reads. */
  heldPoke: number | null;
  session: HubSession;
  space: string | null;
  queue: Promise<void>;
  queued: number;
  /** When the frame being handled was taken up (performance.now()). */
  frameStarted: number;
  /** The last error this connection was sent: why, if the hub closes it next. */
  lastError: SyncErrorCode | null;
  alive: boolean;
  gone: boolean;
};

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { store, tls } = options;
  const host = options.host ?? '0.0.0.0';
  const hubId = options.hubId ?? `hub-${randomBytes(6).toString('hex')}`;
  const log = options.log ?? silentLog;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.limits ?? DEFAULT_RATE_LIMITS);
  const quotas: HubQuotas = { ...DEFAULT_QUOTAS, ...options.quotas };
  const throttle = new JoinThrottle(quotas);
  const perAddress = new Map<string, number>();
  const delivery = options.delivery || null;
  const paging = options.paging ?? null;
  const ledger = delivery || paging ? ((delivery && delivery.ledger) ?? (isDeliveryLedger(store) ? store : null)) : null;
  if (delivery && !ledger) throw new Error('This store keeps no ledger of delivery attempts: the hub cannot deliver messages with it.');
  if (paging && !ledger) throw new Error('This store keeps no ledger of delivery attempts: the hub cannot send pages with it.');
  let deliveries: Deliveries | null = null;
  // Started with the first push, so a hub that fails to start leaves no thread behind.
  let examiner: Examiner | null = null;
  const { examineWorker } = options;
  const examine: Examine | undefined = examineWorker && ((push) => (examiner ??= startExaminer(examineWorker, log)).examine(push));

  /** This process's own events (delivery outcomes, alerts) go in the logs under its key. */
  const author = new HubAuthor(store, newProcessSigner(), now);
  const connections = new Set<Connection>();
  const pressure = backPressureStats();
  const bySpace = new Map<string, Set<Connection>>();
  const metrics = createHubMetrics({
    store,
    connections: () => connections.size,
    consolesBySpace: () => new Map([...bySpace].map(([spaceId, members]) => [spaceId, members.size])),
  });
  const pages = new SharedPages();
  const intake =
    options.alerts === false
      ? null
      : new AlertIntake({
          store,
          author,
          now,
          newDedupKey: () => randomBytes(16).toString('hex'),
          // Alerts are no messages to deliver: they poke consoles, not a delivery round.
          advanced: (spaceId, head) => advanced(spaceId, head, true),
          ...(options.alerts && options.alerts.repeatHoldMs !== undefined ? { repeatHoldMs: options.alerts.repeatHoldMs } : {}),
          yieldToIo: () => new Promise((resolve) => setImmediate(resolve)),
          // Pages belong to incidents: a rule's group pages whoever is on call for its service once it declared one.
          onPage: ({ spaceId, integration, group, paged }) =>
            paged.length
              ? log('info', 'an alert rule paged whoever is on call', { space: spaceId, integration: integration.id, group, people: paged.length })
              : log('warn', 'an alert rule should page, but nobody was paged: its group declared no incident, or no roster is on call for its service', {
                  space: spaceId,
                  integration: integration.id,
                  group,
                }),
        });
  const alerts =
    intake === null
      ? null
      : alertRoute({
          intake,
          metrics,
          log,
          now,
          ...(options.alerts && options.alerts.limits ? { limits: options.alerts.limits } : {}),
        });
  /** The spaces' settings, read by the calendar feeds and the calendar subscriptions alike. */
  const settings = new SpaceSettings(store);
  const feeds = onCallFeedRoute({ settings, log, now });
  const secretOf = async (spaceId: string) => (await store.space(spaceId))?.secret ?? null;
  const acks = ackRoute({ secretOf, pagerFor: (spaceId) => deliveries?.pager(spaceId) ?? null, log, now });
  const replyKey = options.paging?.replyKey;
  const replies = replyKey
    ? smsCallbacks({ key: replyKey, pagers: async () => (await store.listSpaces()).flatMap((space) => deliveries?.pager(space.id) ?? []), log, now })
    : null;

  /** Highest head each space's log was heard to reach: a NOTIFY echoing a local push is not heard twice. */
  const heard = new Map<string, number>();
  const pacer = new PokePacer(options.pokeIntervalMs ?? POKE_INTERVAL_MS, (spaceId, head) => {
    for (const conn of bySpace.get(spaceId) ?? []) conn.session.poke(head);
  });

  /** Pokes the space's connections, soon; a push (here or, through the store, at another hub process) also starts a delivery round. */
  const advanced = (spaceId: string, head: number, noRound = false) => {
    pages.advanced(spaceId);
    if (head <= (heard.get(spaceId) ?? 0)) return;
    heard.set(spaceId, head);
    pacer.advanced(spaceId, head);
    if (!noRound) deliveries?.nudge(spaceId);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method === 'GET' && path === HEALTH_PATH) {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ ok: true, hubId, protocol: options.protocol ?? PROTOCOL }));
      return;
    }
    if (request.method === 'GET' && path === METRICS_PATH) {
      if (!mayReadMetrics(request, options.metricsToken)) {
        log('warn', 'metrics refused', { peer: request.socket.remoteAddress ?? '?' });
        response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="warroom-hub"' });
        response.end('The metrics are read from this machine, or with the bearer token the hub was started with.\n');
        return;
      }
      metrics.render().then(
        (text) => {
          response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
          response.end(text);
        },
        (error: unknown) => {
          log('error', 'metrics could not be read', { error: messageOf(error) });
          response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('The metrics could not be read; try again shortly.\n');
        },
      );
      return;
    }
    if (alerts && path.startsWith(ALERTS_PATH)) return alerts(request, response, path);
    if (path.startsWith(ONCALL_FEED_PATH)) return feeds(request, response, path);
    if (path.startsWith(ACK_PATH)) return acks(request, response, path);
    if (replies && (path.startsWith(SMS_REPLY_PATH) || path.startsWith(SMS_RECEIPT_PATH))) return replies(request, response, path);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Warroom sync hub: consoles connect to ${SYNC_PATH}\n`);
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest) : createHttpServer(onRequest);
  const wss = new WebSocketServer({ server, path: SYNC_PATH, maxPayload: SYNC_LIMITS.frameBytes });
  // ws re-emits the HTTP server's errors here; unheard, a failed listen would be an uncaught exception.
  wss.on('error', (error) => log('error', 'server error', { error: error.message }));

  const sendRaw = (conn: Connection, message: HubMessage) => {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    // A poke only says "there is more": for a console not reading, the latest one is kept for later. A feed to it
    // shrinks to that poke: the console pulls what it lacks once it reads again.
    if ((message.t === 'poke' || message.t === 'feed') && conn.outflow.full) {
      conn.heldPoke = Math.max(conn.heldPoke ?? 0, message.head);
      return;
    }
    conn.outflow.send(encodeHubFrame(message));
  };
  const refuse = (conn: Connection, code: SyncErrorCode, message: string, closeCode: number = CLOSE.refused, retryAfterMs?: number) => {
    metrics.refused(code);
    sendRaw(conn, { t: 'error', code, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    conn.gone = true;
    conn.ws.close(closeCode, code);
  };

  wss.on('connection', (ws, request) => {
    const address = request.socket.remoteAddress ?? '?';
    const peer = `${address}:${request.socket.remotePort ?? '?'}`;
    const conn: Connection = { ws, address, outflow: null!, heldPoke: null, session: null!, space: null, queue: Promise.resolve(), queued: 0, frameStarted: 0, lastError: null, alive: true, gone: false };
    conn.outflow = new Outflow(ws, options.backPressure ?? DEFAULT_BACK_PRESSURE, pressure, {
      mayResume: () => conn.queued < MAX_QUEUED_FRAMES / 2,
      onDrop: () => {
        conn.gone = true;
        log('warn', 'dropped a console that read nothing of what it asked for', { peer });
      },
      onDrained: () => {
        const head = conn.heldPoke;
        conn.heldPoke = null;
        if (head !== null) sendRaw(conn, { t: 'poke', head });
      },
    });
    const full =
      connections.size >= quotas.connections
        ? 'This hub is serving as many consoles as it may (too many consoles are connected); this console will try again shortly.'
        : (perAddress.get(address) ?? 0) >= quotas.connectionsPerAddress
          ? `Too many connections from this address (${quotas.connectionsPerAddress} at most); this console will try again shortly.`
          : null;
    if (full) {
      log('warn', 'refused a connection', { peer, reason: 'tooManyConnections' });
      ws.on('error', () => {});
      return refuse(conn, 'tooManyConnections', full, CLOSE.tryAgainLater, CONNECTION_RETRY_MS);
    }
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    conn.session = new HubSession({
      store,
      hubId,
      now,
      limiter,
      quotas,
      pages,
      paging: paging !== null,
      ...(examine ? { examine } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
      send: (message) => {
        sendRaw(conn, message);
        // A join (its welcome carries the bundle key) and a refused hello are attempts; a token's welcome is not.
        if ((message.t === 'welcome' && message.bundleKey) || (message.t === 'error' && message.code === 'unauthorized' && !conn.space)) {
          throttle.attempted(address, now());
        }
        if (message.t === 'welcome') {
          joined(conn, message.space, message.head);
          log('info', 'console connected', { peer, space: message.space, device: conn.session.membership?.deviceId });
        }
        if (message.t === 'acks') {
          const seconds = (performance.now() - conn.frameStarted) / 1000;
          metrics.pushed(message.acks, seconds);
          log('debug', 'push answered', { peer, events: message.acks.length, ms: Math.round(seconds * 1000) });
        }
        if (message.t === 'page') {
          metrics.pulled();
          log('debug', 'pull answered', { peer, events: message.events.length });
        }
        if (message.t === 'error') {
          conn.lastError = message.code;
          if (message.code === 'rateLimited') metrics.rateLimited();
          else log('warn', 'refused a request', { peer, code: message.code, reason: message.message });
        }
      },
      close: () => {
        // The session ends the connection only after an error frame saying why.
        metrics.refused(conn.lastError ?? 'internal');
        conn.gone = true;
        ws.close(CLOSE.refused, 'refused');
      },
      advanced: (spaceId, head) => advanced(spaceId, head),
    });
    connections.add(conn);

    const helloTimer = setTimeout(() => {
      if (!conn.space && !conn.gone) refuse(conn, 'unauthorized', 'No hello within the time allowed; connect again.');
    }, options.helloTimeoutMs ?? HELLO_TIMEOUT_MS);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (conn.gone) return;
      const text = isBinary ? null : toText(data);
      conn.queued += 1;
      if (conn.queued >= MAX_QUEUED_FRAMES && !ws.isPaused) ws.pause();
      conn.queue = conn.queue.then(async () => {
        try {
          if (conn.gone) return;
          if (text === null) return refuse(conn, 'malformed', 'Refused a binary frame: this hub speaks JSON text frames only.', CLOSE.unsupported);
          // Nothing more for a console that has not read what it was sent: at most one frame beyond the bound.
          if (!(await conn.outflow.drained()) || conn.gone) return;
          if (!conn.space) {
            const wait = throttle.waitFor(address, now());
            if (wait > 0) {
              const seconds = Math.ceil(wait / 1000);
              return refuse(conn, 'tooManyAttempts', `Too many join attempts from this address; try again in ${seconds} s.`, CLOSE.tryAgainLater, wait);
            }
          }
          conn.frameStarted = performance.now();
          await conn.session.receive(text);
        } catch (error) {
          log('error', 'could not handle a request', { peer, error: messageOf(error) });
          if (!conn.gone) refuse(conn, 'internal', 'The hub could not handle that request; try again shortly.', CLOSE.internal);
        } finally {
          conn.queued -= 1;
          if (ws.isPaused && conn.queued < MAX_QUEUED_FRAMES / 2 && !conn.outflow.full) ws.resume();
        }
      });
    });
    ws.on('pong', () => (conn.alive = true));
    // ws reports oversized frames, bad UTF-8 and protocol violations here, and closes the socket itself.
    ws.on('error', (error) => log('warn', 'connection error', { peer, error: error.message }));
    ws.on('close', () => {
      conn.gone = true;
      conn.session.ended();
      conn.outflow.end();
      clearTimeout(helloTimer);
      connections.delete(conn);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
      const members = conn.space ? bySpace.get(conn.space) : undefined;
      members?.delete(conn);
      if (members?.size === 0) bySpace.delete(conn.space!);
    });
  });

  /** From the welcome on, the connection hears of its space's pushes; one missed meanwhile is caught up at once. */
  const joined = (conn: Connection, spaceId: string, head: number) => {
    // The socket may have closed while the hello was being answered.
    if (conn.gone) return;
    conn.space = spaceId;
    let members = bySpace.get(spaceId);
    if (!members) bySpace.set(spaceId, (members = new Set()));
    members.add(conn);
    const latest = heard.get(spaceId) ?? 0;
    if (latest > head) sendRaw(conn, { t: 'poke', head: latest });
  };

  /** Closes the device's connections to this hub, saying why. */
  const disconnect = (spaceId: string, deviceId: string) => {
    for (const conn of bySpace.get(spaceId) ?? []) {
      if (!conn.gone && conn.session.membership?.deviceId === deviceId) conn.session.removed();
    }
  };

  /** Devices removed by another hub process or the command line: their connections here close at the next sweep. */
  const sweepRemoved = async () => {
    for (const spaceId of [...bySpace.keys()]) {
      const removed = (await store.devices(spaceId)).filter((d) => d.removedAt !== null);
      for (const device of removed) disconnect(spaceId, device.deviceId);
    }
  };

  let sweeping = false;
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
    if (sweeping) return;
    sweeping = true;
    sweepRemoved()
      .catch((error: unknown) => log('error', 'could not check for removed devices', { error: messageOf(error) }))
      .finally(() => (sweeping = false));
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  let listener: { stop: () => Promise<void> } | null = null;
  try {
    if (isAdvanceSource(store)) listener = await store.listen((spaceId, head) => advanced(spaceId, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    await listener?.stop();
    wss.close();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const url = `${tls ? 'wss' : 'ws'}://${urlHost(host)}:${port}${SYNC_PATH}`;

  if ((delivery || paging) && ledger) {
    const publicUrl = paging?.publicUrl?.replace(/\/+$/, '') ?? null;
    deliveries = startDeliveries({
      store,
      ledger,
      author,
      ...(delivery
        ? {
            post: async (request: WebhookRequest) => {
              const outcome = await delivery.post(request);
              metrics.delivered(outcome);
              return outcome;
            },
          }
        : {}),
      ...(paging
        ? {
            paging: {
              transports: paging.transports,
              ackLink: async (target: PageTarget) => {
                const secret = publicUrl && (await secretOf(target.spaceId));
                return secret ? `${publicUrl}${ACK_PATH}${ackToken(target, secret, now() + ACK_LINK_TTL_MS)}` : null;
              },
              ...(paging.replyKey
                ? {
                    replyCode: async (target: PageTarget) => {
                      const secret = await secretOf(target.spaceId);
                      return secret ? replyCode(target, secret) : null;
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(delivery && delivery.random ? { random: delivery.random } : {}),
      now,
      log,
      advanced: (spaceId, head) => advanced(spaceId, head, true),
    });
  }

  const calendars = options.calendars
    ? startCalendarSubscriptions({
        store,
        settings,
        author,
        fetchCalendar: options.calendars.fetchCalendar,
        now,
        log,
        advanced: (spaceId, head) => advanced(spaceId, head, true),
        ...(options.calendars.checkEveryMs !== undefined ? { checkEveryMs: options.calendars.checkEveryMs } : {}),
      })
    : null;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat);
      pacer.stop();
      // No new rounds from here; the one in progress ends with its current attempt, awaited below.
      const delivering = deliveries?.stop();
      const subscribing = calendars?.stop();
      await listener?.stop();
      const pending = [...connections].map((conn) => conn.queue);
      for (const conn of connections) {
        conn.gone = true;
        conn.ws.close(CLOSE.goingAway, 'hub shutting down');
      }
      const force = setTimeout(() => {
        for (const conn of connections) conn.ws.terminate();
        server.closeAllConnections();
      }, CLOSE_GRACE_MS);
      await Promise.allSettled([...pending, delivering, subscribing]);
      await examiner?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(force);
      // No request is coming any more: the repeats it holds are written while the store is still open.
      await intake?.close();
    })());

  const removeDevice = async (spaceId: string, deviceId: string) => {
    const removed = await store.removeDevice(spaceId, deviceId, now());
    if (removed) disconnect(spaceId, deviceId);
    return removed;
  };

  return { url, port, hubId, spaces: () => store.listSpaces(), connections: () => connections.size, removeDevice, delivers: delivery !== null && deliveries !== null, backPressure: () => ({ ...pressure }), close };
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** This machine may read the metrics; another only with the operator's bearer token, compared in constant time. */
export function mayReadMetrics(request: IncomingMessage, token: string | undefined): boolean {
  const address = request.socket.remoteAddress ?? '';
  if (address === '::1' || /^(::ffff:)?127\./.test(address)) return true;
  if (!token) return false;
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
