/**
 * Keeps this console in sync with its hub for as long as it is open: connects
 * whenever the hub may be reachable, pushes what was written here, pulls what
 * others wrote, and never makes anyone wait for the network. While the hub
 * is away it tries again at most 1.5 s apart, and says "offline since" rather
 * than "connecting"; a heartbeat notices a link that died silently. The
 * browser's offline event drops the connection at once and its online event
 * retries at once.
 */
import { liveQuery } from 'dexie';

import { LIMIT_ERROR_CODES, type SyncErrorCode } from '@shared/sync/protocol';
import { retryDelay } from '@shared/sync/retryPolicy';
import { SyncConnection, type ConnectionStatus, type Credentials } from '@shared/sync/syncConnection';

import type { WarroomDatabase } from '../db/database';
import { learnHubClock, restoreHubClock } from '../db/hubClock';
import { DexieSyncStore, getMembership } from '../db/syncStore';
import type { SyncMeta } from '../db/types';
import { publishSyncStatus, type SyncStatus } from './syncStatus';
import { whileHoldingLock } from './windowLock';

/** How often an open link is checked and the hub pinged. */
export const HEARTBEAT_MS = 5_000;
/**
 * No frame for this long means the link is dead, whatever the socket says
 * (the hub answers every ping): a dead link is noticed within
 * SILENCE_MS + HEARTBEAT_MS, under 30 s.
 */
export const SILENCE_MS = 20_000;
/** A socket not open by then is given up for a new attempt (a dead link can leave one pending for minutes). */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Runs `fn` after `ms`; returns what cancels it. Tests drive time through it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export type HubSyncEnvironment = {
  db: WarroomDatabase;
  app: string;
  now?: () => number;
  random?: () => number;
  openSocket?: (url: string) => SocketLike;
  isOnline?: () => boolean;
  publish?: (status: SyncStatus) => void;
  schedule?: Schedule;
};

/** Refusals that retrying cannot fix: the engine waits for the membership to change. */
const FINAL: ReadonlySet<SyncErrorCode> = new Set(['unauthorized', 'upgradeRequired', 'hubTooOld']);

export function startHubSync(env: HubSyncEnvironment): () => void {
  const { db } = env;
  const now = env.now ?? Date.now;
  const random = env.random ?? Math.random;
  const openSocket = env.openSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const isOnline = env.isOnline ?? (() => navigator.onLine);
  const publish = env.publish ?? publishSyncStatus;
  const schedule = env.schedule ?? realSchedule;
  const store = new DexieSyncStore(db, now);

  let stopped = false;
  let membership: SyncMeta | null = null;
  let socket: SocketLike | null = null;
  let connection: SyncConnection | null = null;
  let failures = 0;
  let cancelRetry: (() => void) | null = null;
  let cancelWatch: (() => void) | null = null;
  let offlineSince = now();
  let refused = false;
  let shown: SyncStatus['state'] = 'off';
  /** A refusal by the hub's limits: shown, instead of "offline", until the next try gets further. */
  let limited: SyncStatus | null = null;
  /** Not before this time: the wait the hub asked for with its last refusal. */
  let notBefore = 0;
  const cleanups: (() => void)[] = [];

  const report = (status: SyncStatus) => {
    if (stopped) return;
    shown = status.state;
    publish(status);
  };

  function disconnect(): void {
    cancelRetry?.();
    cancelWatch?.();
    cancelRetry = cancelWatch = null;
    connection?.closed();
    connection = null;
    const old = socket;
    socket = null;
    if (old) {
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      old.close();
    }
  }

  function scheduleRetry(): void {
    if (stopped || refused || !membership || cancelRetry) return;
    // A hub that refused us for its limits said how long to wait: trying sooner only lengthens its wait.
    const delay = Math.max(retryDelay(failures, random), notBefore - now());
    failures++;
    cancelRetry = schedule(() => {
      cancelRetry = null;
      connect();
    }, delay);
  }

  /** The link ended (closed, failed, or fell silent at `lastHeard`): say since when, and try again. */
  function lost(lastHeard?: number): void {
    const wasOpen = connection?.ready;
    disconnect();
    if (wasOpen) offlineSince = lastHeard ?? now();
    if (!refused) report(limited ?? { state: 'offline', since: offlineSince });
    scheduleRetry();
  }

  function connect(): void {
    disconnect();
    if (stopped || !membership || refused) return;
    if (!isOnline()) {
      report({ state: 'offline', since: offlineSince });
      return;
    }
    const credentials: Credentials =
      membership.token && membership.space
        ? { kind: 'token', space: membership.space, token: membership.token }
        : { kind: 'join', code: membership.joinCode ?? '' };
    let ws: SocketLike;
    try {
      ws = openSocket(membership.hubUrl);
    } catch {
      lost();
      return;
    }
    socket = ws;
    // Once offline, or refused by the hub's limits, the console says so until a hub answers, not "Connecting…" at every attempt.
    if (shown !== 'offline' && !limited) report({ state: 'connecting' });

    // Every handler is in place before anything is awaited: the socket may fail at any moment.
    let conn: SyncConnection | null = null;
    let opened = false;
    const startedAt = now();
    let lastFrameAt = startedAt;
    const watch = () => {
      cancelWatch = schedule(() => {
        if (socket !== ws) return;
        if (!opened && now() - startedAt >= CONNECT_TIMEOUT_MS) return lost();
        if (now() - lastFrameAt >= SILENCE_MS) return lost(lastFrameAt);
        // Only after our hello: the hub refuses anything before it.
        if (opened && conn && ws.readyState === 1) ws.send(JSON.stringify({ t: 'ping', id: `hb${now()}` }));
        watch();
      }, HEARTBEAT_MS);
    };
    watch();
    ws.onopen = () => {
      opened = true;
      lastFrameAt = now();
      conn?.open();
    };
    ws.onmessage = (event) => {
      lastFrameAt = now();
      if (conn && typeof event.data === 'string') void conn.receive(event.data).catch(onEngineError);
    };
    ws.onclose = () => {
      if (socket === ws) lost();
    };
    // A failed socket also closes; the close handler retries.
    ws.onerror = () => {};

    // Read afresh, not from the watched copy: a restored console has just moved to a new identity.
    Promise.all([db.device(), getMembership(db)]).then(
      ([{ deviceId }, current]) => {
        if (socket !== ws) return;
        conn = new SyncConnection(store, {
          deviceId,
          // A console restored from an older copy holds the token of its former identity: the hub moves it over.
          credentials:
            credentials.kind === 'token' && current?.tokenDevice && current.tokenDevice !== deviceId
              ? { ...credentials, device: current.tokenDevice }
              : credentials,
          app: env.app,
          send: (frame) => ws.readyState === 1 && ws.send(frame),
          close: () => ws.close(),
          now,
          schedule: (fn, ms) => void schedule(() => !stopped && fn(), ms),
          onStatus: onConnectionStatus,
          onClockOffset: (offsetMs) => void learnHubClock(db, offsetMs, now),
        });
        connection = conn;
        if (opened || ws.readyState === 1) {
          opened = true;
          conn.open();
        }
      },
      (error: unknown) => {
        if (socket === ws) onEngineError(error);
      },
    );
  }

  function onConnectionStatus(status: ConnectionStatus): void {
    switch (status.phase) {
      case 'connecting':
        // Handshaking is not being back: an offline (or limited) console stays so until the hub welcomes it.
        if (shown === 'offline' || limited) return;
        return report({ state: 'connecting' });
      case 'syncing':
        failures = 0;
        limited = null;
        return report({ state: 'syncing', toSend: status.toSend, toReceive: status.toReceive });
      case 'synced':
        failures = 0;
        limited = null;
        return report({ state: 'synced', at: now() });
      case 'refused':
        if (FINAL.has(status.code)) refused = true;
        limited = LIMIT_ERROR_CODES.has(status.code) ? { state: 'refused', code: status.code, message: status.message } : null;
        notBefore = status.retryAfterMs !== undefined ? now() + status.retryAfterMs : 0;
        return report({ state: 'refused', code: status.code, message: status.message });
    }
  }

  function onEngineError(error: unknown): void {
    // A local failure (the database) must not leave a half-applied connection running: start again.
    console.error('Sync failed; reconnecting.', error);
    lost();
  }

  const begin = () => {
    const membershipWatch = liveQuery(() => getMembership(db)).subscribe({
      next: (next) => {
        const changed = next?.hubUrl !== membership?.hubUrl || next?.joinedAt !== membership?.joinedAt;
        membership = next;
        if (!changed) return;
        refused = false;
        failures = 0;
        offlineSince = now();
        if (!next) {
          disconnect();
          report({ state: 'off' });
        } else connect();
      },
      error: (error) => console.error('Watching the sync membership failed.', error),
    });
    const outboxWatch = liveQuery(() => db.outbox.count()).subscribe({
      next: () => void connection?.changed().catch(onEngineError),
      error: (error) => console.error('Watching the outbox failed.', error),
    });
    const onOnline = () => {
      failures = 0;
      if (!socket) connect();
    };
    const onOffline = () => {
      if (socket) lost();
    };
    globalThis.addEventListener('online', onOnline);
    globalThis.addEventListener('offline', onOffline);
    cleanups.push(
      () => membershipWatch.unsubscribe(),
      () => outboxWatch.unsubscribe(),
      () => globalThis.removeEventListener('online', onOnline),
      () => globalThis.removeEventListener('offline', onOffline),
    );
  };

  void restoreHubClock(db);
  const release = whileHoldingLock('warroom-sync', () => {
    if (!stopped) begin();
  });

  return () => {
    stopped = true;
    disconnect();
    for (const cleanup of cleanups) cleanup();
    release();
  };
}
