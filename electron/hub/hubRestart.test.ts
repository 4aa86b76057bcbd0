/**
 * The real headless hub (`npm run hub`, one OS process on SQLite) killed with
 * SIGKILL in the middle of a console's pushes, twenty times in a row, and
 * started again on the same port and database. The console (the shared sync
 * engine over a real WebSocket, retrying on the consoles' own policy) must be
 * back to "synced" after every restart, and every event it wrote must be in
 * the hub exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { Envelope } from '../../shared/domain/events';
import type { Ack, Cursor, WelcomeMessage } from '../../shared/sync/protocol';
import { retryDelay } from '../../shared/sync/retryPolicy';
import { SyncConnection, type ConnectionStatus, type ConsoleSyncStore } from '../../shared/sync/syncConnection';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import type { VersionVector } from '../../shared/sync/versionVector';
import { SqliteHubStore } from './sqliteStore';
import { entry, type TestEvent } from './testEvents';

const AUTHOR = new TestAuthor(1);
const DEVICE = AUTHOR.deviceId;
const KILLS = 20;
const READY = 'Press Ctrl+C to stop.';

let dir = '';
let hubScript = '';

beforeAll(async () => {
  // The hub's own entry point, bundled once so that each of the twenty starts takes a moment, not a TypeScript compile.
  // It sits under node_modules so that its packages (better-sqlite3, ws) resolve as they do for `npm run hub`.
  mkdirSync('node_modules/.cache', { recursive: true });
  dir = mkdtempSync(join(process.cwd(), 'node_modules/.cache/warroom-hub-restart-'));
  hubScript = join(dir, 'hub.mjs');
  await build({ entryPoints: ['electron/hub/cli.ts'], outfile: hubScript, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One run of the hub process; `ready` resolves with what its banner says. */
function startHubProcess(port: number, file: string): { child: ChildProcess; ready: Promise<{ url: string; joinCode: string }>; exited: Promise<void> } {
  const child = spawn(process.execPath, [hubScript, '--port', String(port), '--host', '127.0.0.1', '--data', file, '--no-delivery'], {
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<{ url: string; joinCode: string }>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      out += String(chunk);
      if (!out.includes(READY)) return;
      const url = /(ws:\/\/127\.0\.0\.1:\d+\/sync)/.exec(out)?.[1];
      const joinCode = /Join code\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1];
      if (url && joinCode) resolve({ url, joinCode });
      else reject(new Error(`The hub's banner lacks its address or join code:\n${out}`));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
    void exited.then(() => reject(new Error(`The hub exited before it was ready:\n${out}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited };
}

/**
 * A console's store in memory: what it wrote, what no hub has acknowledged yet, where it is in the hub's log.
 * It seals each event as it writes it, so every event already is in the form it leaves in.
 */
class MemoryConsole implements ConsoleSyncStore {
  readonly written: TestEvent[] = [];
  readonly unacknowledged = new Set<string>();
  readonly rejected: Ack[] = [];
  private at: Cursor | null = null;
  welcome: WelcomeMessage | null = null;

  write(): void {
    const event = entry(AUTHOR, this.written.length + 1);
    this.written.push(event);
    this.unacknowledged.add(event.id);
  }

  async cursor() {
    return this.at;
  }
  async outbox(limit: number) {
    return this.written.filter((e) => this.unacknowledged.has(e.id)).slice(0, limit);
  }
  async outboxSize() {
    return this.unacknowledged.size;
  }
  async eventsBeyond(vector: VersionVector, limit: number) {
    return this.written.filter((e) => e.deviceSeq > (vector[DEVICE] ?? 0)).slice(0, limit);
  }
  async prepareOutgoing(events: readonly unknown[]) {
    return [...events];
  }
  async ownHistoryAhead(vector: VersionVector) {
    return (vector[DEVICE] ?? 0) > this.written.length;
  }
  async acknowledge(acks: readonly Ack[], cursor?: Cursor) {
    for (const ack of acks) {
      if (ack.status === 'rejected') this.rejected.push(ack);
      this.unacknowledged.delete(ack.id);
    }
    if (cursor) this.at = cursor;
  }
  async applyPage(_events: readonly unknown[], cursor: Cursor) {
    this.at = cursor;
  }
  async forgetCursor() {
    this.at = null;
  }
  async saveWelcome(welcome: WelcomeMessage) {
    this.welcome = welcome;
  }
}

/** Keeps one console connected to `url` for as long as it runs, trying again on the consoles' policy after every loss. */
function keepConnected(url: string, joinCode: string, store: MemoryConsole) {
  const state = {
    phase: 'offline' as ConnectionStatus['phase'] | 'offline',
    connections: 0,
    errors: [] as unknown[],
    /** Set by the test when the hub is ready again: attempts begun after it must not fail. */
    hubReady: false,
    failedWhileReady: 0,
  };
  let failures = 0;
  let stopped = false;
  let socket: WebSocket | null = null;
  let connection: SyncConnection | null = null;

  const connect = () => {
    if (stopped) return;
    const ws = new WebSocket(url);
    const begunWhileReady = state.hubReady;
    let opened = false;
    const conn = new SyncConnection(store, {
      deviceId: DEVICE,
      credentials: store.welcome?.token ? { kind: 'token', space: store.welcome.space, token: store.welcome.token } : { kind: 'join', code: joinCode },
      app: 'warroom-restart-test',
      send: (frame) => ws.readyState === ws.OPEN && ws.send(frame),
      close: () => ws.close(),
      now: Date.now,
      schedule: (fn, ms) => void setTimeout(fn, ms),
      onStatus: (status) => {
        state.phase = status.phase;
        if (status.phase === 'synced' || status.phase === 'syncing') failures = 0;
        if (status.phase === 'refused') state.errors.push(status);
      },
    });
    socket = ws;
    connection = conn;
    ws.on('open', () => {
      opened = true;
      state.connections += 1;
      conn.open();
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) conn.receive(String(data)).catch((error: unknown) => state.errors.push(error));
    });
    // A refused or failed socket also closes: the close handler retries.
    ws.on('error', () => {});
    ws.on('close', () => {
      conn.closed();
      if (connection !== conn) return;
      connection = null;
      state.phase = 'offline';
      if (begunWhileReady && !opened) state.failedWhileReady += 1;
      setTimeout(connect, retryDelay(failures++, Math.random));
    });
  };
  connect();
  return {
    state,
    changed: () => void connection?.changed().catch((error: unknown) => state.errors.push(error)),
    stop: () => {
      stopped = true;
      connection = null;
      socket?.terminate();
    },
  };
}

async function until(ok: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the hub process killed mid-push', () => {
  it(`loses nothing and stores nothing twice over ${KILLS} kills, and the console is back to synced after each`, async () => {
    const data = mkdtempSync(join(dir, 'data-'));
    const file = join(data, 'hub.sqlite');
    let hub = startHubProcess(0, file);
    const { url, joinCode } = await hub.ready;
    const port = Number(new URL(url).port);

    const store = new MemoryConsole();
    const consoleSync = keepConnected(url, joinCode, store);
    let writing = true;
    const writer = setInterval(() => {
      if (!writing) return;
      store.write();
      consoleSync.changed();
    }, 5);
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        // Pushes are in flight: some of what was written is not yet acknowledged.
        const acknowledged = store.written.length - store.unacknowledged.size;
        await until(() => store.written.length - store.unacknowledged.size >= acknowledged + 10 && store.unacknowledged.size > 0, `pushes in flight before kill ${kill}`);
        consoleSync.state.hubReady = false;
        hub.child.kill('SIGKILL');
        await hub.exited;
        await until(() => consoleSync.state.phase === 'offline', `the console to notice kill ${kill}`);

        const connections = consoleSync.state.connections;
        hub = startHubProcess(port, file);
        expect(await hub.ready).toEqual({ url, joinCode });
        consoleSync.state.hubReady = true;
        // What was written while the hub was away goes too; then the console settles.
        writing = false;
        await until(() => consoleSync.state.connections > connections && consoleSync.state.phase === 'synced', `synced after restart ${kill}`);
        expect(store.unacknowledged.size).toBe(0);
        writing = true;
      }
    } finally {
      clearInterval(writer);
      consoleSync.stop();
      hub.child.kill('SIGKILL');
      await hub.exited;
    }

    expect(consoleSync.state.errors).toEqual([]);
    // The retry loop never gave up nor stalled: the first attempt once the hub answered got through, every time.
    expect(consoleSync.state.failedWhileReady).toBe(0);
    expect(store.rejected).toEqual([]);
    const hubStore = new SqliteHubStore(new Database(file, { readonly: true }));
    try {
      const [space] = await hubStore.listSpaces();
      const ids: string[] = [];
      for (let after = 0; ; ) {
        const page = await hubStore.page(space!.id, after, 1000);
        if (page.events.length === 0) break;
        ids.push(...page.events.map((e) => (e.event as Envelope).id));
        after = page.events.at(-1)!.seq;
      }
      expect(await hubStore.head(space!.id)).toBe(store.written.length);
      expect(ids).toEqual(store.written.map((e) => e.id));
    } finally {
      await hubStore.close();
    }
  }, 300_000);
});
