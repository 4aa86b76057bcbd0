/**
 * The console's sync runner against a hub that speaks the real protocol
 * (HubSession over an in-memory store), with real Dexie databases on both
 * consoles: join, live exchange, offline and back, a refused join, a hub that
 * forgets its log.
 */
import { describe, expect, it } from 'vitest';

import { HubSession } from '@shared/sync/hubSession';
import { MemoryHubStore } from '@shared/sync/memoryHubStore';
import type { HubMessage } from '@shared/sync/protocol';

import { changeStatus, declareIncident, logEntry } from '../db/commands';
import type { WarroomDatabase } from '../db/database';
import { openDatabase } from '../db/eventStore';
import { timelineLength } from '../db/queries';
import { getMembership, joinHub } from '../db/syncStore';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { startHubSync } from './hubSync';
import type { SyncStatus } from './syncStatus';

const JOIN_CODE = 'ABCD-EFGH-JKLM';
const HUB_URL = 'ws://hub.test:4848/sync';

/** A hub reachable through sockets that live in memory; it can be switched off to model the network going away. */
class TestHub {
  readonly store = new MemoryHubStore();
  readonly sessions = new Set<HubSession>();
  reachable = true;
  frames = 0;
  /** Protocol versions this hub speaks: a newer hub than the console is modelled with a higher minimum. */
  protocol = { min: 1, max: 1 };
  /** The hub operator's storage limit per device. */
  storedBytesPerDevice = 1024 * 1024;

  async init() {
    await this.store.createSpace({ id: 'room', name: 'Room 1', secret: 'ab'.repeat(32), joinCode: JOIN_CODE, epoch: 'e1' });
    return this;
  }

  open = () => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const hub = this;
    let session: HubSession | null = null;
    let chain = Promise.resolve();
    const socket = {
      readyState: 0,
      onopen: null as ((e: Event) => void) | null,
      onmessage: null as ((e: MessageEvent) => void) | null,
      onclose: null as ((e: CloseEvent) => void) | null,
      onerror: null as ((e: Event) => void) | null,
      send(frame: string) {
        hub.frames++;
        chain = chain.then(() => session?.receive(frame));
      },
      close() {
        if (socket.readyState === 3) return;
        socket.readyState = 3;
        if (session) hub.sessions.delete(session);
        setTimeout(() => socket.onclose?.(new CloseEvent('close')));
      },
    };
    setTimeout(() => {
      if (!hub.reachable) return socket.close();
      session = new HubSession({
        store: hub.store,
        hubId: 'hub-1',
        protocol: hub.protocol,
        quotas: { storedBytesPerDevice: hub.storedBytesPerDevice },
        now: Date.now,
        send: (message: HubMessage) => {
          if (socket.readyState === 1) setTimeout(() => socket.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) })));
        },
        close: () => socket.close(),
        advanced: (_space, head) => hub.sessions.forEach((s) => s.poke(head)),
      });
      hub.sessions.add(session);
      socket.readyState = 1;
      socket.onopen?.(new Event('open'));
    });
    return socket as unknown as WebSocket;
  };

  /** Every connection drops and no new one gets through. */
  cut() {
    this.reachable = false;
  }
}

type Console = { db: WarroomDatabase; statuses: SyncStatus[]; stop: () => void; online: boolean };

async function consoleOn(hub: TestHub): Promise<Console> {
  const db = freshDatabase();
  await openDatabase(db);
  const statuses: SyncStatus[] = [];
  const c: Console = { db, statuses, stop: () => {}, online: true };
  c.stop = startHubSync({ db, app: 'warroom/test', openSocket: hub.open, isOnline: () => c.online, publish: (s) => statuses.push(s), random: () => 0 });
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

  it('tells a console too old for its hub to upgrade, and keeps its unsent work', async () => {
    const hub = await new TestHub().init();
    hub.protocol = { min: 2, max: 2 };
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
      expect(membership!.cursor).toEqual({ epoch: 'e2', seq: 2 });
    } finally {
      a.stop();
    }
  });
});
