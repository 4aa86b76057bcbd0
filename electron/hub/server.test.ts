import { execFileSync, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';

import type { Envelope } from '../../shared/domain/events';
import { SealVerifier, judgeChains, type TravellingEvent } from '../../shared/sync/chain';
import type { DeliveryLedger } from '../../shared/sync/hubDelivery';
import { hashToken } from '../../shared/sync/membership';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { PROTOCOL, SYNC_LIMITS } from '../../shared/sync/protocol';
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { postgresAvailability, startPgCluster, type PgCluster } from './pgCluster';
import { PostgresHubStore } from './postgresStore';
import { mayReadMetrics, startHub, type HubOptions, type RunningHub } from './server';
import { ensureSpace } from './spaces';
import type { WebhookRequest } from '../../shared/platform/bridge';
import { postWebhook } from '../outbound/webhook';
import { parseAllowList } from '../outbound/destinations';
import { SqliteHubStore } from './sqliteStore';
import { TestClient as Client } from './testClient';
import { declared, entry, queuedMessage, webhookChannels, type TestEvent } from './testEvents';

// Fresh authors per test: each test's events differ (they carry the time), and one author's chain holds one content per number.
let A: TestAuthor;
let B: TestAuthor;
beforeEach(() => {
  A = new TestAuthor(1);
  B = new TestAuthor(2);
});
const random = (bytes: Uint8Array) => randomFillSync(bytes);


type Setup = { hub: RunningHub; store: HubStore; space: SpaceRecord };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-hub-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function sqliteHub(options: Partial<HubOptions> = {}, wrap: (store: HubStore) => HubStore = (s) => s): Promise<Setup> {
  const store = new SqliteHubStore(new Database(join(tempDir(), 'hub.sqlite')));
  cleanups.push(() => store.close());
  const { space } = await ensureSpace(store, { name: 'Room 1' }, random);
  const hub = await startHub({ store: wrap(store), port: 0, host: '127.0.0.1', ...options });
  cleanups.push(() => hub.close());
  return { hub, store, space };
}

async function connect(url: string, options: ClientOptions = {}): Promise<Client> {
  const client = await Client.open(url, options);
  cleanups.push(() => client.ws.terminate());
  return client;
}

/** A console joined with the join code, speaking `protocol` (this build's range unless a test says otherwise). */
async function joined(setup: Setup, deviceId = A.deviceId, protocol?: { min: number; max: number }): Promise<Client> {
  const client = await connect(setup.hub.url);
  client.hello({ kind: 'join', code: setup.space.joinCode }, deviceId, protocol);
  await client.next('welcome');
  return client;
}

describe('hub over WebSocket', () => {
  it('answers a health check, and nothing else over plain HTTP', async () => {
    const { hub } = await sqliteHub({ hubId: 'hub-health' });
    const base = hub.url.replace('ws://', 'http://').replace('/sync', '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, hubId: 'hub-health', protocol: { min: PROTOCOL.min, max: PROTOCOL.max } });
    expect((await fetch(`${base}/`)).status).toBe(404);
    await expect(Client.open(hub.url.replace('/sync', '/other'))).rejects.toThrow(/400/);
  });

  it('welcomes a join with a token and the bundle key, then recognises the token on reconnect', async () => {
    const setup = await sqliteHub();
    const first = await connect(setup.hub.url);
    first.hello({ kind: 'join', code: setup.space.joinCode }, A.deviceId);
    const welcome = await first.next('welcome');
    expect(welcome).toMatchObject({ space: setup.space.id, spaceName: 'Room 1', epoch: setup.space.epoch, head: 0, vector: {} });
    expect(welcome.token).toMatch(/^[0-9a-f]{64}$/);
    expect(await setup.store.device(setup.space.id, A.deviceId)).toMatchObject({ tokenHash: hashToken(welcome.token!) });
    expect(welcome.bundleKey).toMatch(/^[0-9a-f]{64}$/);
    first.close();

    const again = await connect(setup.hub.url);
    again.hello({ kind: 'token', space: setup.space.id, token: welcome.token }, A.deviceId);
    const back = await again.next('welcome');
    expect(back.space).toBe(setup.space.id);
    expect(back.token).toBeUndefined();
  });

  it.each([
    ['a wrong token', (s: SpaceRecord) => ({ kind: 'token', space: s.id, token: 'f'.repeat(64) })],
    ['an unknown join code', () => ({ kind: 'join', code: 'ZZZZ-ZZZZ-ZZZZ' })],
  ])('refuses %s as unauthorized, closes the connection and stores nothing', async (_, auth) => {
    const setup = await sqliteHub();
    const client = await connect(setup.hub.url);
    client.hello(auth(setup.space), A.deviceId);
    client.send({ t: 'push', id: 'r1', events: [entry(A, 1)] });
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(1008);
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('tells a console speaking too old a protocol to upgrade', async () => {
    const setup = await sqliteHub({ protocol: { min: 2, max: 2 } });
    const client = await connect(setup.hub.url);
    client.hello({ kind: 'join', code: setup.space.joinCode }, A.deviceId, { min: 1, max: 1 });
    expect(await client.next('error')).toMatchObject({ code: 'upgradeRequired', message: expect.stringMatching(/Update Warroom/) });
    await client.closed;
  });

  it('refuses malformed JSON with an error and closes', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    client.send('{"t":"push","id":"r1","events":[');
    expect(await client.next('error')).toMatchObject({ code: 'malformed', message: expect.stringMatching(/not JSON/) });
    expect((await client.closed).code).toBe(1008);
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('refuses a binary frame with an error and closes, storing nothing', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    client.ws.send(Buffer.from(JSON.stringify({ t: 'push', id: 'r1', events: [entry(A, 1)] })));
    expect(await client.next('error')).toMatchObject({ code: 'malformed', message: expect.stringMatching(/binary/) });
    expect((await client.closed).code).toBe(1003);
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('drops a frame over the size limit without reading it, storing nothing', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    const filler = 'x'.repeat(SYNC_LIMITS.frameBytes);
    client.send({ t: 'push', id: 'r1', events: [entry(A, 1, { text: 'ok' }), { padding: filler }] });
    expect((await client.closed).code).toBe(1009);
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('refuses a push before hello', async () => {
    const setup = await sqliteHub();
    const client = await connect(setup.hub.url);
    client.send({ t: 'push', id: 'r1', events: [entry(A, 1)] });
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/hello/) });
    await client.closed;
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('drops a connection that never says hello', async () => {
    const setup = await sqliteHub({ helloTimeoutMs: 100 });
    const client = await connect(setup.hub.url);
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized' });
    await client.closed;
  });

  it('rejects an event stamped an hour ahead, saying why, and does not store it', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    client.send({ t: 'push', id: 'r1', events: [entry(A, 1, { atMs: Date.now() + 3_600_000 })] });
    const acks = await client.next('acks');
    expect(acks.acks).toEqual([{ id: `${A.deviceId}:1`, status: 'rejected', reason: expect.stringMatching(/ahead of the hub's clock: check the clock/) }]);
    expect(await setup.store.head(setup.space.id)).toBe(0);
  });

  it('refuses an event no console could store and an entry dated a year ahead, each saying why; a new console still bootstraps', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = { a: deep };
    // Too deep to hash, so no console could sign it either: the hub must refuse it for its depth before anything else.
    A.sign(entry(A.deviceId, 1));
    const poison = { ...entry(A.deviceId, 1), type: 'incident.fromTheFuture', v: 9, payload: deep };
    const nextYear = A.sign({ ...entry(A.deviceId, 2), occurredAt: new Date(Date.now() + 365 * 24 * 3_600_000).toISOString() });
    const good = entry(A, 3);
    client.send({ t: 'push', id: 'r1', events: [poison, nextYear, good] });
    expect((await client.next('acks')).acks).toEqual([
      { id: `${A.deviceId}:1`, status: 'rejected', reason: expect.stringMatching(/nested more than 32 levels deep/) },
      { id: `${A.deviceId}:2`, status: 'rejected', reason: expect.stringMatching(/said to have happened \d+ min ahead of the hub's clock/) },
      { id: `${A.deviceId}:3`, status: 'accepted', seq: 1 },
    ]);
    const newcomer = await joined(setup, B.deviceId);
    newcomer.send({ t: 'pull', id: 'r2', after: 0, limit: 10 });
    expect((await newcomer.next('page')).events).toEqual([{ seq: 1, event: good }]);
  });

  it('rejects control characters, and keeps markup in a title verbatim', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    const markup = declared(A, 1, '<script>alert("pwned")</script> <img src=x onerror=alert(1)>');
    const control = entry(A, 2, { text: 'escape \u001b[31m red' });
    client.send({ t: 'push', id: 'r1', events: [markup, control] });
    const { acks } = await client.next('acks');
    expect(acks[0]).toEqual({ id: `${A.deviceId}:1`, status: 'accepted', seq: 1 });
    expect(acks[1]).toMatchObject({ id: `${A.deviceId}:2`, status: 'rejected', reason: expect.stringMatching(/control characters/) });
    client.send({ t: 'pull', id: 'r2', after: 0, limit: 10 });
    expect((await client.next('page')).events).toEqual([{ seq: 1, event: markup }]);
  });

  it('handles one connection’s frames strictly in order', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    const events = Array.from({ length: 200 }, (_, i) => entry(A, i + 1));
    client.send({ t: 'push', id: 'r1', events: events.slice(0, 100) });
    client.send({ t: 'push', id: 'r2', events: events.slice(100) });
    client.send({ t: 'pull', id: 'r3', after: 0, limit: 1000 });
    const page = await client.next('page');
    expect(page.head).toBe(200);
    expect(page.events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const acks = [await client.next('acks'), await client.next('acks')];
    expect(acks.map((a) => a.id)).toEqual(['r1', 'r2']);
  });

  it('pokes the other consoles of the space when one pushes, and they pull what it pushed (protocol 1)', async () => {
    const setup = await sqliteHub();
    const a = await joined(setup, A.deviceId);
    const b = await joined(setup, B.deviceId, { min: 1, max: 1 });
    const note = entry(A, 1, { text: 'Rolled back 4.2.1' });
    a.send({ t: 'push', id: 'r1', events: [note] });
    expect(await b.next('poke')).toEqual({ t: 'poke', head: 1 });
    b.send({ t: 'pull', id: 'p1', after: 0, limit: 100 });
    expect(await b.next('page')).toEqual({ t: 'page', id: 'p1', epoch: setup.space.epoch, events: [{ seq: 1, event: note }], head: 1 });
  });

  it('sends what one console pushed to the others that hold the log up to it, without a pull (protocol 2)', async () => {
    const setup = await sqliteHub();
    const a = await joined(setup, A.deviceId);
    const b = await joined(setup, B.deviceId);
    const first = entry(A, 1, { text: 'Rolled back 4.2.1' });
    a.send({ t: 'push', id: 'r1', events: [first] });
    expect(await b.next('feed')).toEqual({ t: 'feed', epoch: setup.space.epoch, after: 0, events: [{ seq: 1, event: first }], head: 1 });
    // Fed up to 1, the next feed starts there; the pusher, whose events they are, is sent nothing.
    const second = entry(A, 2, { text: 'Error rate back under 0.1 %' });
    a.send({ t: 'push', id: 'r2', events: [second] });
    expect(await b.next('feed')).toMatchObject({ after: 1, events: [{ seq: 2, event: { id: second.id } }], head: 2 });
    await a.next('acks');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.received.filter((m) => m.t === 'poke' || m.t === 'feed')).toEqual([]);
    // The next feed starts where the last page the hub sent ended (the console takes it only if its cursor is there).
    b.send({ t: 'pull', id: 'p1', after: 0, limit: 1 });
    await b.next('page');
    a.send({ t: 'push', id: 'r3', events: [entry(A, 3)] });
    expect(await b.next('feed')).toMatchObject({ after: 1, events: [{ seq: 2 }, { seq: 3 }], head: 3 });
  });

  it('tells a flooding console to wait, with how long', async () => {
    const setup = await sqliteHub({ limits: { requestsPerSecond: 1, requestBurst: 3, eventsPerSecond: 100, eventBurst: 100 } });
    const client = await joined(setup);
    for (let i = 0; i < 10; i++) client.send({ t: 'ping', id: `p${i}` });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'rateLimited', id: 'p3' });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers with an internal error and closes when its store fails', async () => {
    const setup = await sqliteHub({}, (store) =>
      Object.assign(Object.create(store) as HubStore, {
        append: () => Promise.reject(new Error('disk full')),
      }),
    );
    const client = await joined(setup);
    client.send({ t: 'push', id: 'r1', events: [entry(A, 1)] });
    expect(await client.next('error')).toMatchObject({ code: 'internal' });
    expect((await client.closed).code).toBe(1011);
  });

  it('terminates a connection that stops answering pings', async () => {
    const setup = await sqliteHub({ heartbeatMs: 50 });
    const client = await joined(setup);
    expect(setup.hub.connections()).toBe(1);
    // A paused socket reads nothing, so it never answers a ping: as a console whose network vanished.
    client.ws.pause();
    await expect.poll(() => setup.hub.connections(), { timeout: 3000 }).toBe(0);
  });

  it('fails to start, saying why, when its port is taken', async () => {
    const { hub, store } = await sqliteHub();
    await expect(startHub({ store, port: hub.port, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The hub already there is unaffected.
    expect((await fetch(hub.url.replace('ws://', 'http://').replace('/sync', '/health'))).status).toBe(200);
  });

  it('closes its connections when it stops', async () => {
    const setup = await sqliteHub();
    const client = await joined(setup);
    await setup.hub.close();
    expect((await client.closed).code).toBe(1001);
  });
});

type MetricFamily = { name: string; type: string; metrics: { value?: string; count?: string; labels?: Record<string, string> }[] };

/** /metrics as Prometheus reads it: parsed by a parser of the exposition format, not by this project's own code. */
async function scrape(hub: RunningHub, headers: Record<string, string> = {}): Promise<MetricFamily[]> {
  const response = await fetch(`${hub.url.replace('ws://', 'http://').replace('/sync', '')}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await response.text()) as MetricFamily[];
}

/** One sample's value (a histogram's count), or undefined when there is no sample with these labels. */
function sample(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = families.find((family) => family.name === name)?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  return found ? Number(found.value ?? found.count) : undefined;
}

describe('hub metrics', () => {
  it('counts consoles, stored events, pushes by outcome, pulls, refusals and push time, in the Prometheus text format', async () => {
    const setup = await sqliteHub();
    const a = await joined(setup, A.deviceId);
    await joined(setup, B.deviceId);
    const first = [entry(A, 1), entry(A, 2)];
    a.send({ t: 'push', id: 'r1', events: first });
    await a.next('acks');
    // The same two again (duplicates) and one with control characters (refused, never stored).
    a.send({ t: 'push', id: 'r2', events: [...first, entry(A, 3, { text: 'escape \u001b[31m red' })] });
    await a.next('acks');
    a.send({ t: 'pull', id: 'p1', after: 0, limit: 10 });
    await a.next('page');
    const stranger = await connect(setup.hub.url);
    stranger.hello({ kind: 'join', code: 'AAAA-BBBB-CCCC' }, new TestAuthor(3).deviceId);
    await stranger.closed;
    await expect.poll(() => setup.hub.connections()).toBe(2);

    const metrics = await scrape(setup.hub);
    const space = { space: setup.space.id };
    expect(sample(metrics, 'warroom_hub_connections')).toBe(2);
    expect(sample(metrics, 'warroom_hub_consoles_connected', space)).toBe(2);
    expect(sample(metrics, 'warroom_hub_events_stored', space)).toBe(2);
    expect(sample(metrics, 'warroom_hub_pushes_total')).toBe(2);
    expect(sample(metrics, 'warroom_hub_pulls_total')).toBe(1);
    expect(sample(metrics, 'warroom_hub_pushed_events_total', { outcome: 'accepted' })).toBe(2);
    expect(sample(metrics, 'warroom_hub_pushed_events_total', { outcome: 'duplicate' })).toBe(2);
    expect(sample(metrics, 'warroom_hub_pushed_events_total', { outcome: 'rejected' })).toBe(1);
    expect(sample(metrics, 'warroom_hub_events_quarantined_total')).toBe(1);
    expect(sample(metrics, 'warroom_hub_push_duration_seconds')).toBe(2);
    expect(sample(metrics, 'warroom_hub_refused_connections_total', { reason: 'unauthorized' })).toBe(1);
    expect(metrics.find((family) => family.name === 'warroom_hub_push_duration_seconds')?.type).toBe('HISTOGRAM');
    // The process's own figures come with them.
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Spaces are named by id only: nothing a member or the operator wrote.
    expect(JSON.stringify(metrics)).not.toContain(setup.space.name);
    expect(JSON.stringify(metrics)).not.toContain(setup.space.joinCode);
  });

  it('counts a console refused for too many connections, by its reason', async () => {
    const setup = await sqliteHub({ quotas: { connections: 1 } });
    await joined(setup, A.deviceId);
    const extra = await connect(setup.hub.url);
    expect(await extra.next('error')).toMatchObject({ code: 'tooManyConnections' });
    expect(sample(await scrape(setup.hub), 'warroom_hub_refused_connections_total', { reason: 'tooManyConnections' })).toBe(1);
  });

  it('are read from this machine, and from another only with the operator’s bearer token', async () => {
    const from = (remoteAddress: string, authorization?: string) => ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
    const token = 'a-long-random-metrics-token';
    expect(mayReadMetrics(from('127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(from('::1'), undefined)).toBe(true);
    expect(mayReadMetrics(from('::ffff:127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(from('10.1.2.3'), undefined)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3', `Bearer ${token}`), undefined)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3'), token)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3', 'Bearer wrong'), token)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3', `Bearer ${token}x`), token)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3', `Bearer ${token}`), token)).toBe(true);
    // On the real server: this machine reads them with or without a token set.
    const setup = await sqliteHub({ metricsToken: token });
    expect(sample(await scrape(setup.hub), 'warroom_hub_connections')).toBe(0);
  });
});

type Received = { headers: IncomingMessage['headers']; body: string };

/** The receivers here listen on loopback: these hubs allow it, as an operator would with --allow-webhook-to. */
const postLocally = (request: WebhookRequest) => postWebhook(request, { allow: parseAllowList(['127.0.0.1']) });

/** A real webhook receiver on 127.0.0.1: records every POST and answers with the next status given (200 once they run out). */
async function receiver(...statuses: number[]): Promise<{ url: string; received: Received[]; answering: { delayMs: number; body?: string } }> {
  const received: Received[] = [];
  const answering: { delayMs: number; body?: string } = { delayMs: 0 };
  const server: Server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 200;
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(answering.body ?? (status === 200 ? 'ok' : 'busy')), answering.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ops`, received, answering };
}

/** What a console pushes to queue one message: the webhook in Settings, an incident, the message. */
function queueing(url: string, author = A): TestEvent[] {
  return [webhookChannels(author, 1, url), declared(author, 2, 'Payments down'), queuedMessage(author, 3, `${author.deviceId}:2`)];
}

async function logOf(store: HubStore, spaceId: string): Promise<Envelope[]> {
  return (await store.page(spaceId, 0, 1000)).events.map((e) => e.event as Envelope);
}

const outcomesIn = (events: readonly Envelope[]) => events.filter((e) => e.type === 'message.delivered' || e.type === 'message.deliveryFailed');
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('hub delivering messages', () => {
  async function deliveringHub(file: string, patch: Partial<HubOptions> = {}): Promise<Setup> {
    const store = new SqliteHubStore(new Database(file));
    cleanups.push(() => store.close());
    const { space } = await ensureSpace(store, { name: 'Room 1' }, random);
    const hub = await startHub({ store, port: 0, host: '127.0.0.1', delivery: { post: postLocally }, ...patch });
    cleanups.push(() => hub.close());
    return { hub, store, space };
  }

  it('posts a queued message once, records the outcome as the hub, pokes the consoles, and posts nothing more after a restart', async () => {
    const hook = await receiver();
    const file = join(tempDir(), 'hub.sqlite');
    const setup = await deliveringHub(file);
    expect(setup.hub.delivers).toBe(true);
    const a = await joined(setup, A.deviceId);
    const b = await joined(setup, B.deviceId, { min: 1, max: 1 });

    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    expect((await a.next('acks')).acks.map((ack) => ack.status)).toEqual(['accepted', 'accepted', 'accepted']);
    await expect.poll(() => hook.received.length).toBe(1);
    expect(hook.received[0]!.headers['idempotency-key']).toBe(`${A.deviceId}:3`);
    expect(hook.received[0]!.body).toContain('Card payments fail');

    // The other console hears of the hub's own event and pulls it.
    await expect.poll(() => b.received.some((m) => m.t === 'poke' && m.head === 4)).toBe(true);
    b.send({ t: 'pull', id: 'p1', after: 3, limit: 100 });
    const page = await b.next('page');
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({
      seq: 4,
      event: { type: 'message.delivered', incidentId: `${A.deviceId}:2`, actor: 'Warroom', payload: { target: `${A.deviceId}:3`, attempts: 1, status: 200 } },
    });
    // Written under this hub process's own key and sealed: the console checks it as it checks any author's.
    const outcome = page.events[0]!.event as TravellingEvent;
    expect(outcome.deviceId).not.toBe(A.deviceId);
    expect((await judgeChains([outcome], new Map(), new SealVerifier())).map((v) => v.status)).toEqual(['verified']);

    await settle();
    expect(hook.received).toHaveLength(1);

    // Stopped and started again on the same file: the message is delivered, so nothing is posted.
    await setup.hub.close();
    await setup.store.close();
    const again = await deliveringHub(file);
    const c = await joined(again, B.deviceId);
    c.send({ t: 'push', id: 'r2', events: [entry(B, 1)] });
    await c.next('acks');
    await settle();
    expect(hook.received).toHaveLength(1);
    expect(outcomesIn(await logOf(again.store, again.space.id))).toHaveLength(1);
  });

  it('refuses a receiver on its own network unless allowed, reports it in its own words, and logs no more than scheme and host', async () => {
    const hook = await receiver();
    const lines: string[] = [];
    // As `npm run hub` runs with no --allow-webhook-to: public addresses only.
    const setup = await deliveringHub(join(tempDir(), 'hub.sqlite'), { log: (_level, message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`), delivery: { post: (request) => postWebhook(request) } });
    const a = await joined(setup, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(`${hook.url}/T0/B0/secret-token`) });
    await a.next('acks');
    await expect.poll(async () => outcomesIn(await logOf(setup.store, setup.space.id)).length).toBe(1);
    const [outcome] = outcomesIn(await logOf(setup.store, setup.space.id));
    expect(outcome).toMatchObject({
      type: 'message.deliveryFailed',
      payload: { target: `${A.deviceId}:3`, attempts: 1, status: null, reason: expect.stringMatching(/^The message was not sent: the webhook address leads to a loopback address/) },
    });
    expect(hook.received).toEqual([]);
    expect(lines.join('\n')).toMatch(/http:\/\/127\.0\.0\.1\b.*loopback/);
    expect(lines.join('\n')).not.toMatch(/hooks|secret-token/);
  });

  it("syncs a receiver's answer as its status in the hub's words, never its body", async () => {
    const hook = await receiver(404);
    hook.answering.body = 'db01.corp.internal password=hunter2';
    const setup = await deliveringHub(join(tempDir(), 'hub.sqlite'));
    const a = await joined(setup, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await a.next('acks');
    await expect.poll(async () => outcomesIn(await logOf(setup.store, setup.space.id)).length).toBe(1);
    const [outcome] = outcomesIn(await logOf(setup.store, setup.space.id));
    expect(outcome).toMatchObject({ type: 'message.deliveryFailed', payload: { status: 404, reason: expect.stringMatching(/^404 Not Found — /) } });
    expect(JSON.stringify(outcome)).not.toMatch(/db01|hunter2/);
  });

  it('tries a busy receiver again after its back-off and records one delivery', async () => {
    const hook = await receiver(503);
    const setup = await deliveringHub(join(tempDir(), 'hub.sqlite'), { delivery: { post: postLocally, random: () => 0 } });
    const a = await joined(setup, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await expect.poll(() => hook.received.length, { timeout: 5000 }).toBe(2);
    expect(hook.received.map((r) => r.headers['idempotency-key'])).toEqual([`${A.deviceId}:3`, `${A.deviceId}:3`]);
    await expect.poll(async () => outcomesIn(await logOf(setup.store, setup.space.id)).length).toBe(1);
    expect(outcomesIn(await logOf(setup.store, setup.space.id))).toMatchObject([{ type: 'message.delivered', payload: { attempts: 2, status: 200 } }]);
    await settle();
    expect(hook.received).toHaveLength(2);
    const metrics = await scrape(setup.hub);
    expect(sample(metrics, 'warroom_hub_deliveries_total', { outcome: 'answeredError' })).toBe(1);
    expect(sample(metrics, 'warroom_hub_deliveries_total', { outcome: 'delivered' })).toBe(1);
    // Longer than the 5 s the poll above may wait for the second attempt.
  }, 15_000);

  it('logs a failed round and delivers on the next one, without stopping', async () => {
    const hook = await receiver();
    const lines: string[] = [];
    const file = join(tempDir(), 'hub.sqlite');
    const store = new SqliteHubStore(new Database(file));
    cleanups.push(() => store.close());
    let failures = 1;
    const ledger: DeliveryLedger = {
      claim: (...args) => (failures-- > 0 ? Promise.reject(new Error('database is locked')) : store.claim(...args)),
      retryAt: (...args) => store.retryAt(...args),
      finish: (...args) => store.finish(...args),
      inFlight: (...args) => store.inFlight(...args),
    };
    const { space } = await ensureSpace(store, { name: 'Room 1' }, random);
    const hub = await startHub({ store, port: 0, host: '127.0.0.1', log: (_level, message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`), delivery: { post: postLocally, ledger } });
    cleanups.push(() => hub.close());
    const a = await joined({ hub, store, space }, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await expect.poll(() => lines.join('\n')).toMatch(/delivery round failed.*database is locked/);
    expect(hook.received).toHaveLength(0);
    // The next push starts another round.
    a.send({ t: 'push', id: 'r2', events: [entry(A, 4)] });
    await expect.poll(() => hook.received.length).toBe(1);
    await expect.poll(async () => outcomesIn(await logOf(store, space.id)).length).toBe(1);
  });

  it('finishes the attempt in progress before it stops', async () => {
    const hook = await receiver();
    hook.answering.delayMs = 300;
    const setup = await deliveringHub(join(tempDir(), 'hub.sqlite'));
    const a = await joined(setup, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await expect.poll(() => hook.received.length).toBe(1);
    await setup.hub.close();
    expect(outcomesIn(await logOf(setup.store, setup.space.id))).toMatchObject([{ type: 'message.delivered', payload: { target: `${A.deviceId}:3` } }]);
  });

  it('delivers nothing when delivery is off', async () => {
    const hook = await receiver();
    const setup = await sqliteHub();
    expect(setup.hub.delivers).toBe(false);
    const a = await joined(setup, A.deviceId);
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await a.next('acks');
    await settle();
    expect(hook.received).toHaveLength(0);
    expect(await setup.store.head(setup.space.id)).toBe(3);
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;
if (!openssl) console.warn('TLS hub test skipped: openssl is not installed to make a test certificate');

describe.skipIf(!openssl)(`hub over TLS${openssl ? '' : ' (skipped: openssl not installed)'}`, () => {
  it('serves wss:// with the certificate it is given', async () => {
    const dir = tempDir();
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
    const keyOptions = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    execFileSync('openssl', ['req', '-x509', ...keyOptions, '-keyout', keyFile, '-out', certFile, '-days', '1', ...subject], { stdio: 'pipe' });
    const cert = readFileSync(certFile);
    const setup = await sqliteHub({ tls: { cert, key: readFileSync(keyFile) } });
    expect(setup.hub.url).toMatch(/^wss:\/\//);

    const client = await connect(setup.hub.url, { ca: cert });
    client.hello({ kind: 'join', code: setup.space.joinCode }, A.deviceId);
    expect(await client.next('welcome')).toMatchObject({ space: setup.space.id });

    // A console that does not trust the certificate does not connect.
    await expect(Client.open(setup.hub.url)).rejects.toThrow(/self-signed|certificate/);

    const health = await new Promise<string>((resolve, reject) => {
      httpsGet(setup.hub.url.replace('wss://', 'https://').replace('/sync', '/health'), { ca: cert }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    expect(JSON.parse(health)).toMatchObject({ ok: true });
  });
});

describe('ensureSpace', () => {
  it('creates the space once, then finds it', async () => {
    const store = new SqliteHubStore(new Database(join(tempDir(), 'hub.sqlite')));
    cleanups.push(() => store.close());
    const first = await ensureSpace(store, { name: 'Ops' }, random);
    expect(first.created).toBe(true);
    expect(first.space).toMatchObject({ name: 'Ops', joinCode: expect.stringMatching(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){2}$/) });
    expect(first.space.secret).toMatch(/^[0-9a-f]{64}$/);
    const again = await ensureSpace(store, { name: 'Ops' }, random);
    expect(again).toEqual({ space: first.space, created: false });
  });
});

const postgres = postgresAvailability();
if (!postgres.ok) console.warn(`PostgreSQL hub tests skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)(`hubs sharing PostgreSQL${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  async function pgHub(url: string, hubId: string, patch: Partial<HubOptions> = {}): Promise<{ hub: RunningHub; store: PostgresHubStore }> {
    const store = await PostgresHubStore.open(url);
    cleanups.push(() => store.close());
    const hub = await startHub({ store, port: 0, host: '127.0.0.1', hubId, ...patch });
    cleanups.push(() => hub.close());
    return { hub, store };
  }

  it('a push to one hub process pokes a console connected to another', async () => {
    const url = await cluster.createDatabase();
    const one = await pgHub(url, 'hub-1');
    const two = await pgHub(url, 'hub-2');
    const [made, found] = await Promise.all([ensureSpace(one.store, { name: 'Shared' }, random), ensureSpace(two.store, { name: 'Shared' }, random)]);
    expect(found.space).toEqual(made.space);
    const space = made.space;

    const a = await connect(one.hub.url);
    a.hello({ kind: 'join', code: space.joinCode }, A.deviceId);
    const welcomeA = await a.next('welcome');
    const joining = await connect(one.hub.url);
    joining.hello({ kind: 'join', code: space.joinCode }, B.deviceId);
    const { token } = await joining.next('welcome');
    joining.close();
    const b = await connect(two.hub.url);
    // A token issued by one hub process is good at every other.
    b.hello({ kind: 'token', space: space.id, token: token! }, B.deviceId);
    expect(await b.next('welcome')).toMatchObject({ hubId: 'hub-2', space: space.id, epoch: welcomeA.epoch });

    const note = entry(A, 1, { text: 'Failover to the secondary region started' });
    a.send({ t: 'push', id: 'r1', events: [note] });
    expect((await a.next('acks')).acks).toEqual([{ id: `${A.deviceId}:1`, status: 'accepted', seq: 1 }]);
    expect(await b.next('feed')).toEqual({ t: 'feed', epoch: welcomeA.epoch, after: 0, events: [{ seq: 1, event: note }], head: 1 });

    // The pusher holds what it pushed: its own hub sends it nothing, nor again when its NOTIFY comes back.
    await new Promise((r) => setTimeout(r, 200));
    expect(a.received.filter((m) => m.t === 'poke' || m.t === 'feed')).toEqual([]);
  });

  it('two hub processes delivering from one database post each message exactly once', async () => {
    const hook = await receiver();
    const url = await cluster.createDatabase();
    const one = await pgHub(url, 'hub-1', { delivery: { post: postLocally } });
    const two = await pgHub(url, 'hub-2', { delivery: { post: postLocally } });
    const { space } = await ensureSpace(one.store, { name: 'Shared' }, random);
    const a = await connect(one.hub.url);
    a.hello({ kind: 'join', code: space.joinCode }, A.deviceId);
    await a.next('welcome');
    const b = await connect(two.hub.url);
    b.hello({ kind: 'join', code: space.joinCode }, B.deviceId);
    await b.next('welcome');

    // Queued on both hubs at once: each process hears of both pushes and races for every message.
    a.send({ t: 'push', id: 'r1', events: queueing(hook.url) });
    await a.next('acks');
    const messages = [4, 5, 6].map((seq) => queuedMessage(A, seq, `${A.deviceId}:2`, `Update ${seq}`));
    const fromB = [entry(B, 1), entry(B, 2), ...[3, 4].map((seq) => queuedMessage(B, seq, `${A.deviceId}:2`, `From the other console ${seq}`))];
    a.send({ t: 'push', id: 'r2', events: messages });
    b.send({ t: 'push', id: 'r3', events: fromB });
    await Promise.all([a.next('acks'), b.next('acks')]);

    const expected = [`${A.deviceId}:3`, `${A.deviceId}:4`, `${A.deviceId}:5`, `${A.deviceId}:6`, `${B.deviceId}:3`, `${B.deviceId}:4`].sort();
    await expect.poll(() => hook.received.length, { timeout: 5000 }).toBe(expected.length);
    await expect.poll(async () => outcomesIn(await logOf(one.store, space.id)).length).toBe(expected.length);
    await settle(500);
    expect(hook.received.map((r) => r.headers['idempotency-key']).sort()).toEqual(expected);
    const outcomes = outcomesIn(await logOf(one.store, space.id));
    expect(outcomes.map((e) => (e.payload as { target: string }).target).sort()).toEqual(expected);
    expect(outcomes.every((e) => e.type === 'message.delivered')).toBe(true);
  });
});
