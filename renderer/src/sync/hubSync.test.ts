/**
 * The console's sync runner against a hub that speaks the real protocol
 * (HubSession over an in-memory store), with real Dexie databases on both
 * consoles: join, live exchange, offline and back, a refused join, a hub that
 * forgets its log.
 */
import { describe, expect, it } from 'vitest';

import { HubSession } from '@shared/sync/hubSession';
import { MemoryHubStore } from '@shared/sync/memoryHubStore';
import { PROTOCOL, type HubMessage } from '@shared/sync/protocol';
import { RETRY_MAX_MS } from '@shared/sync/retryPolicy';

import { changeStatus, declareIncident, logEntry } from '../db/commands';
import type { WarroomDatabase } from '../db/database';
import { openDatabase } from '../db/eventStore';
import { timelineLength } from '../db/queries';
import { getMembership, joinHub } from '../db/syncStore';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { CONNECT_TIMEOUT_MS, startHubSync, type HubSyncEnvironment, type Schedule } from './hubSync';
import type { SyncStatus } from './syncStatus';

const JOIN_CODE = 'ABCD-EFGH-JKLM';
const HUB_URL = 'ws://hub.test:4848/sync';

/** A hub reachable through sockets that live in memory; it can be switched off to model the network going away. */
class TestHub {
  readonly store = new MemoryHubStore();
  readonly sessions = new Set<HubSession>();
  reachable = true;
  /** The link is dead without either end noticing: open sockets stay open but carry nothing, new ones never open. */
  silent = false;
  readonly sockets = new Set<{ close(): void; dead: boolean }>();
  /** Sockets opened from now on that are refused at once, before any await of the console's. */
  refuseNext = 0;
  opened = 0;
  frames = 0;
  /** Protocol versions this hub speaks: a newer hub than the console is modelled with a higher minimum. */
  protocol = { min: 1, max: 1 };
  /** The hub operator's storage limit per device. */
  storedBytesPerDevice = 1024 * 1024;
  /** Every connection is answered with this error and closed (a connection cap, the join throttle). */
  refuseWith: HubMessage | null = null;
  refused = 0;

  async init() {
    await this.store.createSpace({ id: 'room', name: 'Room 1', secret: 'ab'.repeat(32), joinCode: JOIN_CODE, epoch: 'e1' });
    return this;
  }

  open = () => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const hub = this;
    let session: HubSession | null = null;
    let chain = Promise.resolve();
    hub.opened++;
    const socket = {
      dead: false,
      readyState: 0,
      onopen: null as ((e: Event) => void) | null,
      onmessage: null as ((e: MessageEvent) => void) | null,
      onclose: null as ((e: CloseEvent) => void) | null,
      onerror: null as ((e: Event) => void) | null,
      send(frame: string) {
        if (socket.dead) return;
        hub.frames++;
        chain = chain.then(() => session?.receive(frame));
      },
      close() {
        hub.sockets.delete(socket);
        if (socket.readyState === 3) return;
        socket.readyState = 3;
        if (session) hub.sessions.delete(session);
        setTimeout(() => socket.onclose?.(new CloseEvent('close')));
      },
    };
    if (hub.refuseNext > 0) {
      hub.refuseNext--;
      socket.readyState = 3;
      queueMicrotask(() => {
        socket.onerror?.(new Event('error'));
        socket.onclose?.(new CloseEvent('close'));
      });
      return socket as unknown as WebSocket;
    }
    if (hub.silent) return socket as unknown as WebSocket;
    setTimeout(() => {
      if (!hub.reachable) return socket.close();
      if (hub.refuseWith) {
        // As the hub's connection caps and join throttle do: one error frame, then the close.
        const refusal = hub.refuseWith;
        hub.refused++;
        socket.readyState = 1;
        socket.onopen?.(new Event('open'));
        setTimeout(() => {
          socket.onmessage?.(new MessageEvent('message', { data: JSON.stringify(refusal) }));
          socket.close();
        });
        return;
      }
      session = new HubSession({
        store: hub.store,
        hubId: 'hub-1',
        protocol: hub.protocol,
        quotas: { storedBytesPerDevice: hub.storedBytesPerDevice },
        now: Date.now,
        send: (message: HubMessage) => {
          if (socket.readyState === 1 && !socket.dead) setTimeout(() => socket.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) })));
        },
        close: () => socket.close(),
        advanced: (_space, head) => hub.sessions.forEach((s) => s.poke(head)),
      });
      hub.sessions.add(session);
      hub.sockets.add(socket);
      socket.readyState = 1;
      socket.onopen?.(new Event('open'));
    });
    return socket as unknown as WebSocket;
  };

  /** The network dies under every connection, unnoticed by the sockets. */
  silence() {
    this.silent = true;
    for (const socket of this.sockets) socket.dead = true;
  }

  /** Every connection drops and no new one gets through. */
  cut() {
    this.reachable = false;
    for (const socket of [...this.sockets]) socket.close();
  }
}

/** Time for the console's timers only; the hub double and the database run on real time meanwhile. */
class FakeClock {
  at = Date.now();
  private timers: { at: number; fn: () => void }[] = [];
  now = () => this.at;
  schedule: Schedule = (fn, ms) => {
    const timer = { at: this.at + ms, fn };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((t) => t !== timer));
  };

  /** Moves time on by `ms`, firing each timer due on the way and letting what it started settle. */
  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.at = Math.max(this.at, due.at);
      due.fn();
      await settle();
    }
    this.at = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 1));
}

type Console = { db: WarroomDatabase; statuses: SyncStatus[]; stop: () => void; online: boolean };

async function consoleOn(hub: TestHub, env: Partial<HubSyncEnvironment> = {}): Promise<Console> {
  const db = freshDatabase();
  await openDatabase(db);
  const statuses: SyncStatus[] = [];
  const c: Console = { db, statuses, stop: () => {}, online: true };
  c.stop = startHubSync({ db, app: 'warroom/test', openSocket: hub.open, isOnline: () => c.online, publish: (s) => statuses.push(s), random: () => 0, ...env });
  return c;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const lastState = (c: Console) => c.statuses.at(-1)?.state;

describe('hub sync', () => {
  it('joins with the code, keeps the token, and carries entries both ways', async () => {
    const hub = await new TestHub().init();
    const a = await consoleOn(hub);
    const b = await consoleOn(hub);
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await joinHub(b.db, HUB_URL, JOIN_CODE);
      const membership = await until(() => getMembership(a.db), (m) => m?.token != null, 'a token');
      expect(membership).toMatchObject({ space: 'room', spaceName: 'Room 1', joinCode: null });
      expect(membership!.bundleKey).toMatch(/^[0-9a-f]{64}$/);

      const id = await declareIncident(a.db, declareInput);
      await logEntry(a.db, { incidentId: id, kind: 'note', text: 'from A', actor: 'Ada' });
      await until(() => timelineLength(b.db, id), (n) => n === 2, 'B to receive A’s entries');
      await logEntry(b.db, { incidentId: id, kind: 'action', text: 'from B', actor: 'Bo' });
      await until(() => timelineLength(a.db, id), (n) => n === 3, 'A to receive B’s entry');
      await until(() => a.db.outbox.count(), (n) => n === 0, 'A’s outbox to empty');
      await until(async () => lastState(b), (s) => s === 'synced', 'B synced');
      expect(await b.db.outbox.count()).toBe(0);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('keeps working offline, says so, and sends everything once the hub is back', async () => {
    const hub = await new TestHub().init();
    const a = await consoleOn(hub);
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'synced', 'synced');
      a.online = false;
      globalThis.dispatchEvent(new Event('offline'));
      const id = await declareIncident(a.db, declareInput);
      await changeStatus(a.db, id, 'identified', 'Ada');
      expect(lastState(a)).toBe('offline');
      expect(await a.db.outbox.count()).toBe(2);
      expect(await hub.store.head('room')).toBe(0);

      a.online = true;
      globalThis.dispatchEvent(new Event('online'));
      await until(() => a.db.outbox.count(), (n) => n === 0, 'the outbox to empty');
      expect(await hub.store.head('room')).toBe(2);
    } finally {
      a.stop();
    }
  });

  it('stops on a code the hub does not know, keeping what was recorded', async () => {
    const hub = await new TestHub().init();
    const a = await consoleOn(hub);
    try {
      const id = await declareIncident(a.db, declareInput);
      await joinHub(a.db, HUB_URL, 'ZZZZ-ZZZZ-ZZZZ');
      const refused = await until(async () => a.statuses.at(-1), (s) => s?.state === 'refused', 'a refusal');
      expect(refused).toMatchObject({ state: 'refused', code: 'unauthorized', message: expect.stringMatching(/join code/) });
      const frames = hub.frames;
      await new Promise((r) => setTimeout(r, 1500));
      // No retry loop against a refusal that retrying cannot fix.
      expect(hub.frames).toBe(frames);
      expect(await a.db.outbox.count()).toBe(1);
      expect(await a.db.events.get(id)).toBeDefined();
    } finally {
      a.stop();
    }
  });

  it('shows a refusal by the hub’s limits, not "offline", while it keeps its work and tries again later', async () => {
    const hub = await new TestHub().init();
    hub.storedBytesPerDevice = 10;
    const a = await consoleOn(hub);
    try {
      const id = await declareIncident(a.db, declareInput);
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      const refused = await until(async () => a.statuses.at(-1), (s) => s?.state === 'refused', 'a refusal');
      expect(refused).toMatchObject({ state: 'refused', code: 'quotaExceeded', message: expect.stringMatching(/storage limit/) });
      // The hub closed the connection: the refusal stays on screen while the console waits to try again.
      await until(async () => hub.sessions.size, (n) => n === 0, 'the connection to close');
      await new Promise((r) => setTimeout(r, 50));
      expect(a.statuses.at(-1)).toMatchObject({ state: 'refused', code: 'quotaExceeded' });
      expect(await a.db.outbox.count()).toBe(1);
      expect(await a.db.events.get(id)).toBeDefined();
    } finally {
      a.stop();
    }
  });

  it('keeps a refusal by the hub’s limits on screen through its retries, not "Connecting…" at every attempt', async () => {
    const hub = await new TestHub().init();
    hub.storedBytesPerDevice = 10;
    const clock = new FakeClock();
    const a = await consoleOn(hub, { now: clock.now, schedule: clock.schedule });
    try {
      await declareIncident(a.db, declareInput);
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'refused', 'a refusal');
      const from = a.statuses.length;
      const attempts = hub.opened;
      // Step by step: each try's hello, push and refusal travel on real time between the console's timers.
      for (let i = 0; i < 200 && hub.opened - attempts < 3; i++) await clock.advance(100);
      await until(async () => hub.sessions.size, (n) => n === 0, 'the last try to be refused');
      expect(hub.opened - attempts).toBe(3);
      expect(a.statuses.slice(from).map((s) => s.state)).not.toContain('connecting');
      expect(a.statuses.at(-1)).toMatchObject({ state: 'refused', code: 'quotaExceeded' });
      expect(await a.db.outbox.count()).toBe(1);
    } finally {
      a.stop();
    }
  });

  it('waits as long as the hub asks before trying again, so a throttled console does not lengthen its own wait', async () => {
    const hub = await new TestHub().init();
    hub.refuseWith = { t: 'error', code: 'tooManyAttempts', message: 'Too many join attempts from this address; try again in 60 s.', retryAfterMs: 60_000 };
    const clock = new FakeClock();
    const a = await consoleOn(hub, { now: clock.now, schedule: clock.schedule });
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'refused', 'a refusal');
      expect(a.statuses.at(-1)).toMatchObject({ code: 'tooManyAttempts', message: expect.stringMatching(/try again in 60 s/) });
      const refusals = hub.refused;
      for (let i = 0; i < 59; i++) await clock.advance(1000);
      expect(hub.refused).toBe(refusals);
      // Once the wait is over the console tries again, and syncs when the hub lets it.
      hub.refuseWith = null;
      await clock.advance(3000);
      await until(async () => lastState(a), (s) => s === 'synced', 'synced after the wait');
    } finally {
      a.stop();
    }
  });

  it('tells a console too old for its hub to upgrade, and keeps its unsent work', async () => {
    const hub = await new TestHub().init();
    hub.protocol = { min: PROTOCOL.max + 1, max: PROTOCOL.max + 1 };
    const a = await consoleOn(hub);
    try {
      const id = await declareIncident(a.db, declareInput);
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      const refused = await until(async () => a.statuses.at(-1), (s) => s?.state === 'refused', 'a refusal');
      expect(refused).toMatchObject({ code: 'upgradeRequired', message: expect.stringMatching(/Update Warroom/) });
      expect(await a.db.outbox.count()).toBe(1);
      expect(await a.db.events.get(id)).toBeDefined();
      expect(await hub.store.head('room')).toBe(0);
    } finally {
      a.stop();
    }
  });

  it('retries a connection refused before the console has read its device identity', async () => {
    const hub = await new TestHub().init();
    hub.refuseNext = 1;
    const a = await consoleOn(hub);
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'synced', 'synced after the refused connection');
      expect(hub.opened).toBeGreaterThanOrEqual(2);
    } finally {
      a.stop();
    }
  });

  it('retries a connection that closes while the device identity is being read', async () => {
    const hub = await new TestHub().init();
    const db = freshDatabase();
    await openDatabase(db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const readDevice = db.device.bind(db);
    db.device = () => gate.then(readDevice);
    let first: WebSocket | null = null;
    const statuses: SyncStatus[] = [];
    const stop = startHubSync({
      db,
      app: 'warroom/test',
      isOnline: () => true,
      publish: (s) => statuses.push(s),
      random: () => 0,
      openSocket: () => {
        if (first) return hub.open();
        // The hub is away for the first attempt: that socket closes while the console still reads its identity.
        hub.reachable = false;
        first = hub.open();
        return first;
      },
    });
    try {
      await joinHub(db, HUB_URL, JOIN_CODE);
      await until(async () => first?.readyState, (s) => s === 3, 'the first socket to close');
      hub.reachable = true;
      await new Promise((r) => setTimeout(r, 20));
      release();
      await until(async () => statuses.at(-1)?.state, (s) => s === 'synced', 'synced after the lost connection');
      expect(hub.opened).toBe(2);
    } finally {
      stop();
    }
  });

  it.each([0, 0.5, 0.999999])('is back within 2 s of the hub answering again after a long outage (random %s)', async (r) => {
    const hub = await new TestHub().init();
    const clock = new FakeClock();
    const a = await consoleOn(hub, { now: clock.now, schedule: clock.schedule, random: () => r });
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'synced', 'synced');
      hub.cut();
      const cutAt = a.statuses.length;
      await clock.advance(3 * 60_000);
      const attempts = hub.opened;
      await clock.advance(10_000);
      // Still trying, at least once per cap, and saying "offline since", not "connecting".
      expect(hub.opened - attempts).toBeGreaterThanOrEqual(Math.floor(10_000 / RETRY_MAX_MS));
      expect(new Set(a.statuses.slice(cutAt).map((s) => s.state))).toEqual(new Set(['offline']));

      hub.reachable = true;
      const back = clock.now();
      while (lastState(a) !== 'synced' && clock.now() - back < 5_000) await clock.advance(100);
      expect(lastState(a)).toBe('synced');
      expect(clock.now() - back).toBeLessThanOrEqual(2_000);
    } finally {
      a.stop();
    }
  });

  it('notices a link that died silently within 30 s and says since when it was offline', async () => {
    const hub = await new TestHub().init();
    const clock = new FakeClock();
    const a = await consoleOn(hub, { now: clock.now, schedule: clock.schedule });
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      await until(async () => lastState(a), (s) => s === 'synced', 'synced');
      // Heartbeats go back and forth while the link lives.
      await clock.advance(60_000);
      expect(a.statuses.at(-1)).toEqual({ state: 'synced', at: expect.any(Number), paging: false });

      hub.silence();
      const diedAt = clock.now();
      const from = a.statuses.length;
      await clock.advance(30_000);
      const status = a.statuses.at(-1);
      expect(status?.state).toBe('offline');
      expect(status?.state === 'offline' && status.since).toBeLessThanOrEqual(diedAt);
      expect(status?.state === 'offline' && status.since).toBeGreaterThan(diedAt - 30_000);
      expect(a.statuses.slice(from).map((s) => s.state)).not.toContain('connecting');

      // The link comes back: so does the console, once the attempt lost on the dead link is given up.
      hub.silent = false;
      const back = clock.now();
      while (lastState(a) !== 'synced' && clock.now() - back < CONNECT_TIMEOUT_MS + 2_000) await clock.advance(100);
      expect(lastState(a)).toBe('synced');
    } finally {
      a.stop();
    }
  });

  it('moves a console restored from an older copy to a new identity, which the hub admits with its token, and it writes again', async () => {
    const hub = await new TestHub().init();
    const a = await consoleOn(hub);
    let restored: Console | null = null;
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      const id = await declareIncident(a.db, declareInput);
      await until(() => a.db.outbox.count(), (n) => n === 0, 'acknowledged');
      // The backup: every row, as a copy of the database's files would hold them.
      const backup = new Map<string, unknown[]>();
      for (const table of a.db.tables) backup.set(table.name, await table.toArray());
      await logEntry(a.db, { incidentId: id, kind: 'note', text: 'after the backup', actor: 'Ada' });
      await until(() => a.db.outbox.count(), (n) => n === 0, 'acknowledged');
      a.stop();
      const { deviceId: before } = await a.db.device();

      const db = freshDatabase();
      await openDatabase(db);
      for (const table of db.tables) {
        await table.clear();
        await table.bulkPut(backup.get(table.name)!);
      }
      const statuses: SyncStatus[] = [];
      restored = { db, statuses, stop: () => {}, online: true };
      restored.stop = startHubSync({ db, app: 'warroom/test', openSocket: hub.open, isOnline: () => true, publish: (s) => statuses.push(s), random: () => 0 });

      // The hub holds more of its old identity than it does: it moves on, and says so once.
      const moved = await until(() => db.device(), (d) => d.deviceId !== before, 'a new identity');
      expect(await db.meta.get('identityChange')).toMatchObject({ from: before, to: moved.deviceId, reason: 'restored' });
      await until(async () => lastState(restored!), (state) => state === 'synced', 'synced as the new identity');
      // What its old identity wrote after the backup comes back to it, and what it writes now reaches the hub.
      await until(() => timelineLength(db, id), (n) => n === 2, 'the declaration and the entry written after the backup');
      await logEntry(db, { incidentId: id, kind: 'note', text: 'after the restore', actor: 'Ada' });
      await until(() => db.outbox.count(), (n) => n === 0, 'the new entry acknowledged');
      expect(await timelineLength(db, id)).toBe(3);
      const { events } = await hub.store.page('room', 0, 100);
      expect(events.map(({ event }) => event as { deviceId: string; payload: { text?: string } }).filter((e) => e.payload.text === 'after the restore')).toEqual([
        expect.objectContaining({ deviceId: moved.deviceId }),
      ]);
      // One token, one device: the old registration is ended, the new one carries its name.
      const devices = await hub.store.devices('room');
      expect(devices.find((d) => d.deviceId === before)?.removedAt).not.toBeNull();
      expect(devices.find((d) => d.deviceId === moved.deviceId)).toMatchObject({ name: before, removedAt: null });
    } finally {
      a.stop();
      restored?.stop();
    }
  });

  it('gives a hub that lost its log (a new epoch) everything again', async () => {
    const hub = await new TestHub().init();
    const a = await consoleOn(hub);
    try {
      await joinHub(a.db, HUB_URL, JOIN_CODE);
      const id = await declareIncident(a.db, declareInput);
      await logEntry(a.db, { incidentId: id, kind: 'note', text: 'before the restore', actor: 'Ada' });
      await until(() => a.db.outbox.count(), (n) => n === 0, 'acknowledged');
      hub.store.restoreTo('room', 0, 'e2');
      hub.sessions.forEach((s) => s.poke(0));
      // The next connection meets the new epoch: the console resends what the hub lacks, from its log, not its outbox.
      hub.sessions.clear();
      a.online = false;
      globalThis.dispatchEvent(new Event('offline'));
      a.online = true;
      globalThis.dispatchEvent(new Event('online'));
      await until(() => hub.store.head('room'), (n) => n === 2, 'the hub to hold both events again');
      const membership = await until(() => getMembership(a.db), (m) => m?.cursor?.epoch === 'e2' && m.cursor.seq === 2, 'a cursor in the new epoch');
      expect(membership!.cursor).toMatchObject({ epoch: 'e2', seq: 2 });
      expect(membership!.cursor!.id).toMatch(/:\d+$/);
    } finally {
      a.stop();
    }
  });
});
