/**
 * Keeps this console in sync with its hub for as long as it is open: connects
 * whenever the hub may be reachable, pushes what was written here, pulls what
 * others wrote, and never makes anyone wait for the network. Reconnects with
 * back-off; the browser's offline event drops the connection at once and its
 * online event retries at once.
 */
import { liveQuery } from 'dexie';

import { LIMIT_ERROR_CODES, type SyncErrorCode } from '@shared/sync/protocol';
import { SyncConnection, type ConnectionStatus, type Credentials } from '@shared/sync/syncConnection';

import type { WarroomDatabase } from '../db/database';
import { setHubClockOffset } from '../db/eventStore';
import { DexieSyncStore, getMembership } from '../db/syncStore';
import type { SyncMeta } from '../db/types';
import { publishSyncStatus, type SyncStatus } from './syncStatus';
import { whileHoldingLock } from './windowLock';

export const HEARTBEAT_MS = 20_000;
/** No frame for this long on an open socket means the link is dead, whatever the socket says. */
export const SILENCE_MS = 45_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

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
  const store = new DexieSyncStore(db, now);

  let stopped = false;
  let membership: SyncMeta | null = null;
  let socket: SocketLike | null = null;
  let connection: SyncConnection | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let lastFrameAt = 0;
  let offlineSince = now();
  let refused = false;
  /** A refusal by the hub's limits: shown, instead of "offline", until the next try gets further. */
  let limited: SyncStatus | null = null;
  const cleanups: (() => void)[] = [];

  const report = (status: SyncStatus) => {
    if (!stopped) publish(status);
  };

  function disconnect(): void {
    if (retryTimer) clearTimeout(retryTimer);
    if (heartbeat) clearInterval(heartbeat);
    retryTimer = heartbeat = null;
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
    if (stopped || refused || !membership || retryTimer) return;
    // Exponential back-off with full jitter: a room of consoles does not reconnect in lock-step when the hub returns.
    const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(failures, 10));
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, BACKOFF_MIN_MS / 2 + random() * cap);
  }

  function lost(): void {
    const wasOpen = connection?.ready;
    disconnect();
    if (wasOpen) offlineSince = now();
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
    report({ state: 'connecting' });
    void db.device().then(({ deviceId }) => {
      if (socket !== ws) return;
      const conn = new SyncConnection(store, {
        deviceId,
        credentials,
        app: env.app,
        send: (frame) => ws.readyState === 1 && ws.send(frame),
        close: () => ws.close(),
        now,
        schedule: (fn, ms) => void setTimeout(() => !stopped && fn(), ms),
        onStatus: onConnectionStatus,
        onClockOffset: (offsetMs) => {
          setHubClockOffset(offsetMs);
          void db.meta.put({ key: 'clock', offsetMs, learntAt: now() });
        },
      });
      connection = conn;
      ws.onopen = () => {
        lastFrameAt = now();
        conn.open();
        heartbeat = setInterval(() => {
          if (now() - lastFrameAt > SILENCE_MS) ws.close();
          else ws.send(JSON.stringify({ t: 'ping', id: `hb${now()}` }));
        }, HEARTBEAT_MS);
      };
      ws.onmessage = (event) => {
        lastFrameAt = now();
        if (typeof event.data === 'string') void conn.receive(event.data).catch(onEngineError);
      };
      ws.onclose = () => {
        if (socket === ws) lost();
      };
      ws.onerror = () => {};
      if (ws.readyState === 1) ws.onopen(new Event('open'));
    });
  }

  function onConnectionStatus(status: ConnectionStatus): void {
    switch (status.phase) {
      case 'connecting':
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

  void db.meta.get('clock').then((row) => {
    if (row?.key === 'clock') setHubClockOffset(row.offsetMs);
  });
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
