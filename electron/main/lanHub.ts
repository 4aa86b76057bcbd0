/**
 * The LAN hub: the sync hub hosted by this desktop console for the consoles in
 * the room. One SQLite file in the app's data folder keeps the room's space
 * (so its join code) and every event across restarts; the server is the same
 * one the headless hub runs, and like it, it delivers the room's outbound
 * webhook messages. With a certificate it serves wss:// only: the join code,
 * tokens and events never cross the room's network in clear. SQLite, the
 * network and the clock are injected so this runs on plain Node
 * (better-sqlite3 in tests, node:sqlite in the app).
 */
import { createServer, type AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

import type { HubDevice, LanHubState, WebhookOutcome, WebhookRequest } from '@shared/platform/bridge';

import { lineLog, messageOf } from '../hub/log';
import { SYNC_PATH, startHub, type RunningHub } from '../hub/server';
import type { SpaceRecord } from '../../shared/sync/hubStore';
import { ensureSpace, rotateJoinCode, type Random } from '../hub/spaces';
import { SqliteHubStore, type SqliteDriver } from '../hub/sqliteStore';
import type { RoomCertificate } from './roomCertificate';
import { shellStrings, type ShellStrings } from './strings';
import { postWebhook } from '../outbound/webhook';

export const DEFAULT_LAN_HUB_PORT = 4848;
const WILDCARD = '0.0.0.0';
/** A hub that has neither listened nor failed by then is given up on. */
const START_TIMEOUT_MS = 10_000;
/** Spaces' names travel in every welcome; a long host name is cut to something a person reads. */
const MAX_SPACE_NAME_CHARS = 60;

export type LanHubDeps = {
  /** Opens (creating if need be) the SQLite file: node:sqlite's DatabaseSync in the app, better-sqlite3 on Node 20. */
  openDatabase: (file: string) => SqliteDriver;
  /** The hub's SQLite file, in the app's data folder. */
  dataFile: () => string;
  /** os.networkInterfaces, asked each time the state is: a laptop joins the room's Wi-Fi after the hub started. */
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** Tried after the port the hub had last time; an OS-chosen port if both are taken. */
  port?: number;
  /** Where to listen; every interface unless a test says otherwise. */
  host?: string;
  random: Random;
  /** The name the room's space gets the first time: the computer's name. Kept (with its join code) from then on. */
  spaceName?: () => string;
  /** Asked each time: the locale is known only once the app is ready. */
  strings?: () => ShellStrings;
  log?: (line: string) => void;
  /** Posts the room's queued webhook messages (postWebhook unless a test says otherwise); false: the hub delivers none. */
  postWebhook?: ((request: WebhookRequest) => Promise<WebhookOutcome>) | false;
  /** The room hub's kept certificate (loadRoomCertificate): serve wss:// with it. The app always gives one. */
  certificate?: () => Promise<RoomCertificate>;
};

export type LanHub = {
  state(): LanHubState;
  /** Starts hosting, or returns the state of the hub already running. Never rejects: a failure is a state. */
  start(): Promise<LanHubState>;
  /** Closes every connection, the server and the database. */
  stop(): Promise<LanHubState>;
  /** The devices that joined the room's space; none while stopped. */
  devices(): Promise<HubDevice[]>;
  /** Removes a device: its connection closes at once and its token is refused; its events stay. */
  removeDevice(deviceId: string): Promise<boolean>;
  /** Gives the room's space a new join code; devices that joined keep syncing. */
  rotateJoinCode(): Promise<LanHubState>;
};

type Running = { hub: RunningHub; store: SqliteHubStore; spaceId: string; joinCode: string; spaceName: string; fingerprint: string | null };

/** The hub's own notes, beside the store's tables in the same file. */
const SETTINGS_SCHEMA = 'CREATE TABLE IF NOT EXISTS lan_hub_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

function rememberedPort(db: SqliteDriver): number | undefined {
  const row = db.prepare("SELECT value FROM lan_hub_settings WHERE key = 'port'").get() as { value: string } | undefined;
  const port = Number(row?.value);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}

function rememberPort(db: SqliteDriver, port: number): void {
  db.prepare("INSERT INTO lan_hub_settings (key, value) VALUES ('port', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    String(port),
  );
}

/** RFC 1918 addresses: what a room's network almost always hands out. */
function isPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Self-assigned (no DHCP answered): reachable only by luck. */
function isLinkLocal(address: string): boolean {
  return address.startsWith('169.254.');
}

/**
 * Where the other consoles in the room can reach a hub listening on every
 * interface: each external IPv4 address, private LAN addresses first,
 * self-assigned ones last. IPv6 is left out: a link-local one needs a zone
 * that differs from machine to machine, and rooms run on IPv4.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number, scheme: 'ws' | 'wss' = 'ws'): string[] {
  const found: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      // Node 18.0-18.3 gave the family as a number.
      const family: unknown = entry.family;
      if ((family !== 'IPv4' && family !== 4) || entry.internal) continue;
      if (!found.includes(entry.address)) found.push(entry.address);
    }
  }
  const rank = (address: string) => (isPrivate(address) ? 0 : isLinkLocal(address) ? 2 : 1);
  // Array.prototype.sort is stable: within a rank, the operating system's order stands.
  return found.sort((a, b) => rank(a) - rank(b)).map((address) => `${scheme}://${address}:${port}${SYNC_PATH}`);
}

/** The first label of the computer's name ("ada-laptop.corp.example" → "ada-laptop"), as plain text. */
export function roomName(hostName: string, fallback: string): string {
  // Control characters and the like have no place in a name shown on every console.
  const label = (hostName.split('.')[0] ?? '').replace(/[\p{C}]/gu, '').trim();
  return label ? label.slice(0, MAX_SPACE_NAME_CHARS) : fallback;
}

class ListenError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly port: number,
  ) {
    super(messageOf(cause));
  }
}

/**
 * Listens on the port and lets go of it at once, to learn whether it is free
 * (and which port 0 stands for) from an error that can be caught: startHub
 * cannot report a failed listen yet, as ws re-emits the server's error on its
 * WebSocketServer, which has no listener, so it is thrown as an uncaught
 * exception and startHub never settles.
 */
async function probe(host: string, port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const chosen = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return chosen;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not start listening within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createLanHub(deps: LanHubDeps): LanHub {
  const preferredPort = deps.port ?? DEFAULT_LAN_HUB_PORT;
  const host = deps.host ?? WILDCARD;
  const strings = deps.strings ?? (() => shellStrings('en'));
  const log = deps.log ?? (() => {});
  const post = deps.postWebhook ?? postWebhook;

  let running: Running | null = null;
  let failure: string | null = null;
  // start and stop run one after the other: a stop asked for mid-start stops what the start made.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const failed = (reason: string): LanHubState => {
    failure = strings()('hub.failed', { reason });
    log(failure);
    return { status: 'failed', detail: failure };
  };

  function interfaces(): NodeJS.Dict<NetworkInterfaceInfo[]> {
    try {
      return deps.networkInterfaces();
    } catch (error) {
      // libuv can fail to list them (no permission, a sandbox): the hub still serves this console.
      log(`LAN hub: could not list network interfaces: ${messageOf(error)}`);
      return {};
    }
  }

  function state(): LanHubState {
    if (running) {
      const { hub, joinCode, spaceName, fingerprint } = running;
      const addresses = host === WILDCARD ? lanAddresses(interfaces(), hub.port, fingerprint ? 'wss' : 'ws') : [hub.url];
      return { status: 'running', addresses, localAddress: hub.url, joinCode, spaceName, fingerprint };
    }
    return failure ? { status: 'failed', detail: failure } : { status: 'stopped' };
  }

  /** Last time's port first, so consoles that joined then find the hub again; then the usual one; then any free one. */
  async function listen(store: SqliteHubStore, db: SqliteDriver, tls: RoomCertificate | null): Promise<RunningHub> {
    const ports = [...new Set([rememberedPort(db), preferredPort, 0].filter((port): port is number => port !== undefined))];
    let lastError: unknown;
    for (const port of ports) {
      try {
        const free = await probe(host, port);
        const starting = startHub({ store, port: free, host, log: lineLog((line) => log(`LAN hub: ${line}`)), delivery: post ? { post } : false, ...(tls ? { tls } : {}) });
        try {
          return await withTimeout(starting, START_TIMEOUT_MS);
        } catch (error) {
          // Given up on: should it listen after all, it must not serve a store about to be closed.
          starting.then((late) => late.close(), () => undefined).catch(() => undefined);
          throw error;
        }
      } catch (error) {
        const code = errorCode(error);
        // Taken, or reserved (a low port, a Windows excluded range): another port may do. Anything else will not.
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw new ListenError(error, port);
        lastError = new ListenError(error, port);
        log(`LAN hub: port ${port} refused (${code}), trying another`);
      }
    }
    throw lastError;
  }

  function describeListenError(error: unknown): string {
    const s = strings();
    const port = String(error instanceof ListenError ? error.port : preferredPort);
    const cause = error instanceof ListenError ? error.cause : error;
    switch (errorCode(cause)) {
      case 'EADDRINUSE':
        return s('hub.portInUse', { port });
      case 'EACCES':
        return s('hub.portDenied', { port });
      case 'EADDRNOTAVAIL':
        return s('hub.addressUnavailable', { host });
      default:
        return messageOf(cause);
    }
  }

  return {
    state,

    start: () =>
      serially(async () => {
        if (running) return state();
        failure = null;
        const file = deps.dataFile();
        let db: SqliteDriver;
        let store: SqliteHubStore;
        try {
          db = deps.openDatabase(file);
        } catch (error) {
          return failed(strings()('hub.databaseFailed', { file, message: messageOf(error) }));
        }
        try {
          store = new SqliteHubStore(db);
          db.exec(SETTINGS_SCHEMA);
        } catch (error) {
          // The store's constructor failed (a damaged or locked file): close what was opened.
          try {
            db.close?.();
          } catch {
            /* already unusable */
          }
          return failed(strings()('hub.databaseFailed', { file, message: messageOf(error) }));
        }

        let hub: RunningHub;
        let space: SpaceRecord;
        let tls: RoomCertificate | null;
        try {
          tls = deps.certificate ? await deps.certificate() : null;
        } catch (error) {
          // Never fall back to plain ws://: the room's secrets would cross its network in clear.
          await store.close().catch(() => undefined);
          return failed(strings()('hub.certificateFailed', { message: messageOf(error) }));
        }
        try {
          // The room keeps the space it had, whatever the computer is called now: its join code is on people's consoles.
          const fallback = strings()('hub.defaultSpaceName');
          const kept = (await store.listSpaces())[0];
          space = kept ?? (await ensureSpace(store, { name: roomName(deps.spaceName?.() ?? '', fallback) }, deps.random)).space;
        } catch (error) {
          await store.close().catch(() => undefined);
          return failed(strings()('hub.databaseFailed', { file, message: messageOf(error) }));
        }
        try {
          hub = await listen(store, db, tls);
        } catch (error) {
          await store.close().catch(() => undefined);
          return failed(describeListenError(error));
        }
        try {
          rememberPort(db, hub.port);
        } catch (error) {
          // Only a convenience for next time: the hub runs without it.
          log(`LAN hub: could not note port ${hub.port}: ${messageOf(error)}`);
        }
        running = { hub, store, spaceId: space.id, joinCode: space.joinCode, spaceName: space.name, fingerprint: tls?.fingerprint ?? null };
        log(`LAN hub: serving "${space.name}" on ${hub.url}`);
        return state();
      }),

    async devices() {
      if (!running) return [];
      // The token's hash stays in the hub.
      return (await running.store.devices(running.spaceId)).map(({ tokenHash: _hash, ...device }) => device);
    },

    async removeDevice(deviceId) {
      return running ? running.hub.removeDevice(running.spaceId, deviceId) : false;
    },

    rotateJoinCode: () =>
      serially(async () => {
        if (!running) return state();
        running.joinCode = await rotateJoinCode(running.store, running.spaceId, deps.random);
        log(`LAN hub: new join code for "${running.spaceName}"`);
        return state();
      }),

    stop: () =>
      serially(async () => {
        failure = null;
        const current = running;
        if (!current) return state();
        running = null;
        await current.hub.close().catch((error: unknown) => log(`LAN hub: closing the server: ${messageOf(error)}`));
        await current.store.close().catch((error: unknown) => log(`LAN hub: closing the database: ${messageOf(error)}`));
        log('LAN hub: stopped');
        return state();
      }),
  };
}
