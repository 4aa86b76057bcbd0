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

/**
 * Runs the engine for as long as the console is open; returns the stop. Only
 * one window holds the link at a time (a Web Lock); the others hear its status.
 */
export function startHubSync(env: HubSyncEnvironment): () => void {
  const sync = new HubSync(env);
  void restoreHubClock(env.db);
  const release = whileHoldingLock('warroom-sync', () => sync.begin());
  return () => {
    sync.stop();
    release();
  };
}

/** One console's link to its hub: the membership it follows, the socket it holds, and what it shows. */
class HubSync {
  private readonly db: WarroomDatabase;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly openSocket: (url: string) => SocketLike;
  private readonly isOnline: () => boolean;
  private readonly publish: (status: SyncStatus) => void;
  private readonly schedule: Schedule;
  private readonly store: DexieSyncStore;

  private stopped = false;
  private membership: SyncMeta | null = null;
  private socket: SocketLike | null = null;
  private connection: SyncConnection | null = null;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private cancelWatch: (() => void) | null = null;
  private offlineSince: number;
  private refused = false;
  private shown: SyncStatus['state'] = 'off';
  /** A refusal by the hub's limits: shown, instead of "offline", until the next try gets further. */
  private limited: SyncStatus | null = null;
  /** Not before this time: the wait the hub asked for with its last refusal. */
  private notBefore = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly env: HubSyncEnvironment) {
    this.db = env.db;
    this.now = env.now ?? Date.now;
    this.random = env.random ?? Math.random;
    this.openSocket = env.openSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
    this.isOnline = env.isOnline ?? (() => navigator.onLine);
    this.publish = env.publish ?? publishSyncStatus;
    this.schedule = env.schedule ?? realSchedule;
    this.store = new DexieSyncStore(this.db, this.now);
    this.offlineSince = this.now();
  }

  /** Follows the membership, the outbox and the browser's network events. */
  begin(): void {
    if (this.stopped) return;
    const { db } = this;
    const membershipWatch = liveQuery(() => getMembership(db)).subscribe({
      next: (next) => this.membershipChanged(next ?? null),
      error: (error) => console.error('Watching the sync membership failed.', error),
    });
    const outboxWatch = liveQuery(() => db.outbox.count()).subscribe({
      next: () => void this.connection?.changed().catch(this.onEngineError),
      error: (error) => console.error('Watching the outbox failed.', error),
    });
    const onOnline = () => {
      this.failures = 0;
      if (!this.socket) this.connect();
    };
    const onOffline = () => {
      if (this.socket) this.lost();
    };
    globalThis.addEventListener('online', onOnline);
    globalThis.addEventListener('offline', onOffline);
    this.cleanups.push(
      () => membershipWatch.unsubscribe(),
      () => outboxWatch.unsubscribe(),
      () => globalThis.removeEventListener('online', onOnline),
      () => globalThis.removeEventListener('offline', onOffline),
    );
  }

  stop(): void {
    this.stopped = true;
    this.disconnect();
    for (const cleanup of this.cleanups) cleanup();
  }

  private membershipChanged(next: SyncMeta | null): void {
    const changed = next?.hubUrl !== this.membership?.hubUrl || next?.joinedAt !== this.membership?.joinedAt;
    this.membership = next;
    if (!changed) return;
    this.refused = false;
    this.failures = 0;
    this.offlineSince = this.now();
    if (!next) {
      this.disconnect();
      this.report({ state: 'off' });
    } else this.connect();
  }

  private report(status: SyncStatus): void {
    if (this.stopped) return;
    this.shown = status.state;
    this.publish(status);
  }

  private disconnect(): void {
    this.cancelRetry?.();
    this.cancelWatch?.();
    this.cancelRetry = this.cancelWatch = null;
    this.connection?.closed();
    this.connection = null;
    const old = this.socket;
    this.socket = null;
    if (old) {
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      old.close();
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.refused || !this.membership || this.cancelRetry) return;
    // A hub that refused us for its limits said how long to wait: trying sooner only lengthens its wait.
    const delay = Math.max(retryDelay(this.failures, this.random), this.notBefore - this.now());
    this.failures++;
    this.cancelRetry = this.schedule(() => {
      this.cancelRetry = null;
      this.connect();
    }, delay);
  }

  /** The link ended (closed, failed, or fell silent at `lastHeard`): say since when, and try again. */
  private lost(lastHeard?: number): void {
    const wasOpen = this.connection?.ready;
    this.disconnect();
    if (wasOpen) this.offlineSince = lastHeard ?? this.now();
    if (!this.refused) this.report(this.limited ?? { state: 'offline', since: this.offlineSince });
    this.scheduleRetry();
  }

  private connect(): void {
    this.disconnect();
    const { membership } = this;
    if (this.stopped || !membership || this.refused) return;
    if (!this.isOnline()) {
      this.report({ state: 'offline', since: this.offlineSince });
      return;
    }
    let ws: SocketLike;
    try {
      ws = this.openSocket(membership.hubUrl);
    } catch {
      this.lost();
      return;
    }
    this.socket = ws;
    // Once offline, or refused by the hub's limits, the console says so until a hub answers, not "Connecting…" at every attempt.
    if (this.shown !== 'offline' && !this.limited) this.report({ state: 'connecting' });
    this.attach(ws, credentialsOf(membership));
  }

  /**
   * Every handler goes on the socket before anything is awaited (it may fail
   * at any moment); the engine joins once this console's identity is read.
   */
  private attach(ws: SocketLike, credentials: Credentials): void {
    let conn: SyncConnection | null = null;
    let opened = false;
    const startedAt = this.now();
    let lastFrameAt = startedAt;
    const watch = () => {
      this.cancelWatch = this.schedule(() => {
        if (this.socket !== ws) return;
        if (!opened && this.now() - startedAt >= CONNECT_TIMEOUT_MS) return this.lost();
        if (this.now() - lastFrameAt >= SILENCE_MS) return this.lost(lastFrameAt);
        // Only after our hello: the hub refuses anything before it.
        if (opened && conn && ws.readyState === 1) ws.send(JSON.stringify({ t: 'ping', id: `hb${this.now()}` }));
        watch();
      }, HEARTBEAT_MS);
    };
    watch();
    ws.onopen = () => {
      opened = true;
      lastFrameAt = this.now();
      conn?.open();
    };
    ws.onmessage = (event) => {
      lastFrameAt = this.now();
      if (conn && typeof event.data === 'string') void conn.receive(event.data).catch(this.onEngineError);
    };
    ws.onclose = () => {
      if (this.socket === ws) this.lost();
    };
    // A failed socket also closes; the close handler retries.
    ws.onerror = () => {};

    // Read afresh, not from the watched copy: a restored console has just moved to a new identity.
    Promise.all([this.db.device(), getMembership(this.db)]).then(
      ([{ deviceId }, current]) => {
        if (this.socket !== ws) return;
        conn = this.engine(ws, deviceId, movedToken(credentials, current, deviceId));
        this.connection = conn;
        if (opened || ws.readyState === 1) {
          opened = true;
          conn.open();
        }
      },
      (error: unknown) => {
        if (this.socket === ws) this.onEngineError(error);
      },
    );
  }

  /** The protocol engine over one socket. */
  private engine(ws: SocketLike, deviceId: string, credentials: Credentials): SyncConnection {
    return new SyncConnection(this.store, {
      deviceId,
      credentials,
      app: this.env.app,
      send: (frame) => ws.readyState === 1 && ws.send(frame),
      close: () => ws.close(),
      now: this.now,
      schedule: (fn, ms) => void this.schedule(() => !this.stopped && fn(), ms),
      onStatus: (status) => this.onConnectionStatus(status),
      onClockOffset: (offsetMs) => void learnHubClock(this.db, offsetMs, this.now),
    });
  }

  private onConnectionStatus(status: ConnectionStatus): void {
    switch (status.phase) {
      case 'connecting':
        // Handshaking is not being back: an offline (or limited) console stays so until the hub welcomes it.
        if (this.shown === 'offline' || this.limited) return;
        return this.report({ state: 'connecting' });
      case 'syncing':
        this.failures = 0;
        this.limited = null;
        return this.report({ state: 'syncing', toSend: status.toSend, toReceive: status.toReceive, paging: status.paging });
      case 'synced':
        this.failures = 0;
        this.limited = null;
        return this.report({ state: 'synced', at: this.now(), paging: status.paging });
      case 'refused':
        if (FINAL.has(status.code)) this.refused = true;
        this.limited = LIMIT_ERROR_CODES.has(status.code) ? { state: 'refused', code: status.code, message: status.message } : null;
        this.notBefore = status.retryAfterMs !== undefined ? this.now() + status.retryAfterMs : 0;
        return this.report({ state: 'refused', code: status.code, message: status.message });
    }
  }

  private readonly onEngineError = (error: unknown): void => {
    // A local failure (the database) must not leave a half-applied connection running: start again.
    console.error('Sync failed; reconnecting.', error);
    this.lost();
  };
}

function credentialsOf(membership: SyncMeta): Credentials {
  return membership.token && membership.space
    ? { kind: 'token', space: membership.space, token: membership.token }
    : { kind: 'join', code: membership.joinCode ?? '' };
}

/** A console restored from an older copy holds the token of its former identity: the hub moves it over. */
function movedToken(credentials: Credentials, current: SyncMeta | null | undefined, deviceId: string): Credentials {
  return credentials.kind === 'token' && current?.tokenDevice && current.tokenDevice !== deviceId ? { ...credentials, device: current.tokenDevice } : credentials;
}
