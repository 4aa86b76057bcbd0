/**
 * Managing who syncs, and the hub's limits, over real sockets: removing a
 * device and rotating the join code (on SQLite and on PostgreSQL), join
 * attempts throttled per address, connections capped, request rates counted
 * per registry entry.
 */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { postgresAvailability, startPgCluster, type PgCluster } from './pgCluster';
import { PostgresHubStore } from './postgresStore';
import { startHub, type HubOptions, type RunningHub } from './server';
import { ensureSpace, rotateJoinCode } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { entry } from './testEvents';
import { TestClient } from './testClient';

// Fresh authors per test: each test's events differ (they carry the time), and one author's chain holds one content per number.
let A: TestAuthor;
let B: TestAuthor;
let C: TestAuthor;
beforeEach(() => {
  [A, B, C] = [new TestAuthor(1), new TestAuthor(2), new TestAuthor(3)];
});
const random = (bytes: Uint8Array) => randomFillSync(bytes);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Setup = { hub: RunningHub; store: HubStore; space: SpaceRecord };

async function serve(store: HubStore, options: Partial<HubOptions> = {}): Promise<Setup> {
  cleanups.push(() => store.close());
  const { space } = await ensureSpace(store, { name: 'Room 1' }, random);
  const hub = await startHub({ store, port: 0, host: '127.0.0.1', ...options });
  cleanups.push(() => hub.close());
  return { hub, store, space };
}

function sqliteStore(): HubStore {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-members-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return new SqliteHubStore(new Database(join(dir, 'hub.sqlite')));
}

async function connect(url: string): Promise<TestClient> {
  const client = await TestClient.open(url);
  cleanups.push(() => client.ws.terminate());
  return client;
}

async function joinAs(setup: Setup, deviceId: string, code = setup.space.joinCode): Promise<{ client: TestClient; token: string }> {
  const client = await connect(setup.hub.url);
  client.hello({ kind: 'join', code }, deviceId);
  const welcome = await client.next('welcome');
  return { client, token: welcome.token! };
}

const postgres = postgresAvailability();
if (!postgres.ok) console.warn(`PostgreSQL membership tests skipped: ${postgres.reason}`);
let cluster: PgCluster | null = null;
beforeAll(async () => {
  if (postgres.ok) cluster = await startPgCluster();
}, 120_000);
afterAll(() => cluster?.stop());

const stores: [string, () => Promise<HubStore>][] = [['SQLite', async () => sqliteStore()]];
if (postgres.ok) stores.push(['PostgreSQL', async () => PostgresHubStore.open(await cluster!.createDatabase())]);

describe.each(stores)('membership on %s', (_, open) => {
  it('removing a device closes its connection at once with a reason, refuses its token from then on, and keeps its events', async () => {
    const setup = await serve(await open());
    const a = await joinAs(setup, A.deviceId);
    const b = await joinAs(setup, B.deviceId);
    a.client.send({ t: 'push', id: 'r1', events: [entry(A, 1)] });
    expect((await a.client.next('acks')).acks).toMatchObject([{ status: 'accepted' }]);

    expect(await setup.hub.removeDevice(setup.space.id, A.deviceId)).toBe(true);
    expect(await a.client.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/removed/) });
    expect((await a.client.closed).code).toBe(1008);

    const again = await connect(setup.hub.url);
    again.hello({ kind: 'token', space: setup.space.id, token: a.token }, A.deviceId);
    expect(await again.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/removed/) });

    // The others sync on, and what the removed device wrote stays in the log.
    b.client.send({ t: 'pull', id: 'p1', after: 0, limit: 10 });
    expect((await b.client.next('page')).events.map((e) => (e.event as { id: string }).id)).toEqual([`${A.deviceId}:1`]);
    expect((await setup.store.devices(setup.space.id)).map((d) => [d.deviceId, d.removedAt !== null])).toEqual([
      [A.deviceId, true],
      [B.deviceId, false],
    ]);
  });

  it('a device removed from outside the hub process (the command line) is disconnected at the next sweep', async () => {
    const setup = await serve(await open(), { heartbeatMs: 50 });
    const a = await joinAs(setup, A.deviceId);
    // As `npm run hub -- devices remove` does, on the same storage.
    expect(await setup.store.removeDevice(setup.space.id, A.deviceId, Date.now())).toBe(true);
    expect(await a.client.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/removed/) });
    await a.client.closed;
  });

  it('rotating the join code refuses the old code, admits the new one, and leaves issued tokens working', async () => {
    const setup = await serve(await open());
    const a = await joinAs(setup, A.deviceId);
    a.client.ws.close();
    const code = await rotateJoinCode(setup.store, setup.space.id, random);
    expect(code).not.toBe(setup.space.joinCode);

    const old = await connect(setup.hub.url);
    old.hello({ kind: 'join', code: setup.space.joinCode }, B.deviceId);
    expect(await old.next('error')).toMatchObject({ code: 'unauthorized' });
    await joinAs(setup, B.deviceId, code);
    const member = await connect(setup.hub.url);
    member.hello({ kind: 'token', space: setup.space.id, token: a.token }, A.deviceId);
    expect(await member.next('welcome')).toMatchObject({ space: setup.space.id });
  });
});

describe('the hub\'s limits', () => {
  it('throttles join attempts per address with a growing wait, says when to try again, and lets it try after the wait', async () => {
    const clock = { now: Date.UTC(2026, 11, 6, 12) };
    const setup = await serve(sqliteStore(), { now: () => clock.now, quotas: { joinAttempts: 2, joinBackoffMs: 1000 } });
    const attempt = async (code: string) => {
      const client = await connect(setup.hub.url);
      client.hello({ kind: 'join', code }, C.deviceId);
      return Promise.race([client.next('error'), client.next('welcome')]);
    };
    expect(await attempt('ZZZZ-ZZZZ-ZZZ2')).toMatchObject({ code: 'unauthorized' });
    expect(await attempt('ZZZZ-ZZZZ-ZZZ3')).toMatchObject({ code: 'unauthorized' });
    expect(await attempt('ZZZZ-ZZZZ-ZZZ4')).toMatchObject({ code: 'unauthorized' });
    const throttled = await attempt(setup.space.joinCode);
    expect(throttled).toMatchObject({ t: 'error', code: 'tooManyAttempts', retryAfterMs: 1000, message: expect.stringMatching(/try again in 1 s/) });

    clock.now += 1000;
    expect(await attempt('ZZZZ-ZZZZ-ZZZ5')).toMatchObject({ code: 'unauthorized' });
    // Each further failure doubles the wait.
    expect(await attempt(setup.space.joinCode)).toMatchObject({ code: 'tooManyAttempts', retryAfterMs: 2000 });
    clock.now += 2000;
    expect(await attempt(setup.space.joinCode)).toMatchObject({ t: 'welcome' });
  });

  it('a member cannot mint device ids for fresh budgets: every join is an attempt, and a token opens only its own device', async () => {
    const setup = await serve(sqliteStore(), {
      quotas: { joinAttempts: 2, joinBackoffMs: 60_000 },
      limits: { requestsPerSecond: 0.001, requestBurst: 1, eventsPerSecond: 1000, eventBurst: 1000 },
    });
    const a = await joinAs(setup, A.deviceId);
    a.client.send({ t: 'ping', id: 'p1' });
    await a.client.next('pong');
    a.client.send({ t: 'ping', id: 'p2' });
    expect(await a.client.next('error')).toMatchObject({ code: 'rateLimited', id: 'p2' });

    // A's token under another device id opens nothing.
    const forged = await connect(setup.hub.url);
    forged.hello({ kind: 'token', space: setup.space.id, token: a.token }, B.deviceId);
    expect(await forged.next('error')).toMatchObject({ code: 'unauthorized' });
    // Joining again as A keeps A's budget: it is the registry entry's, not the connection's.
    const rejoined = await joinAs(setup, A.deviceId);
    rejoined.client.send({ t: 'ping', id: 'p3' });
    expect(await rejoined.client.next('error')).toMatchObject({ code: 'rateLimited', id: 'p3' });
    // And new device ids run out of join attempts.
    const minted = await connect(setup.hub.url);
    minted.hello({ kind: 'join', code: setup.space.joinCode }, C.deviceId);
    expect(await minted.next('error')).toMatchObject({ code: 'tooManyAttempts' });
  });

  it('caps connections per address, with an error frame before closing', async () => {
    const setup = await serve(sqliteStore(), { quotas: { connectionsPerAddress: 2 } });
    await joinAs(setup, A.deviceId);
    await joinAs(setup, B.deviceId);
    const third = await connect(setup.hub.url);
    expect(await third.next('error')).toMatchObject({ code: 'tooManyConnections', message: expect.stringMatching(/this address/), retryAfterMs: expect.any(Number) });
    expect((await third.closed).code).toBe(1013);
    expect(setup.hub.connections()).toBe(2);
  });

  it('caps connections in total', async () => {
    const setup = await serve(sqliteStore(), { quotas: { connections: 1 } });
    await joinAs(setup, A.deviceId);
    const second = await connect(setup.hub.url);
    expect(await second.next('error')).toMatchObject({ code: 'tooManyConnections', message: expect.stringMatching(/too many consoles/) });
    await second.closed;
  });

  it('refuses a push past a device\'s stored bytes with a reason, and keeps the connection', async () => {
    const setup = await serve(sqliteStore(), { quotas: { storedBytesPerDevice: 500 } });
    const a = await joinAs(setup, A.deviceId);
    a.client.send({ t: 'push', id: 'r1', events: [entry(A, 1), entry(A, 2), entry(A, 3)] });
    expect(await a.client.next('error')).toMatchObject({ code: 'quotaExceeded', id: 'r1', message: expect.stringMatching(/storage limit/) });
    a.client.send({ t: 'ping', id: 'p1' });
    expect(await a.client.next('pong')).toMatchObject({ id: 'p1' });
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });
});
