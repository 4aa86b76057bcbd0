// The `sync` part of `npm run bench` (BENCH_ONLY=sync): the hub (electron/hub/server.ts over
// SQLite, in a child process of its own, over real sockets on localhost) and the console's sync
// engine in headless Chromium. Prints figures; nothing here passes or fails on time.
//
// This file is also the hub's child process: `node sync.mjs --hub-child` (spawned below) loads the
// TypeScript hub through tsx and answers the bench over IPC, so the hub's CPU, memory and event
// loop are its own and not shared with the clients that measure it.
import { spawn } from 'node:child_process';
import { randomBytes, randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { register, tsImport } from 'tsx/esm/api';
import WebSocket from 'ws';

import { ms, n, percentile, spread } from './stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const BENCH_ROOT = fileURLToPath(new URL('../../dist/bench/', import.meta.url));

const env = (name, fallback) => Number(process.env[name] ?? fallback);
/** Part 1: consoles pushing at once, events in all, events per push. */
const INGEST_CLIENTS = env('BENCH_SYNC_INGEST_CLIENTS', 4);
const INGEST_EVENTS = env('BENCH_SYNC_INGEST_EVENTS', 200_000);
const PUSH_BATCH = 1000;
/** Events a console signs and checks on its own in the bootstrap part, in runs of PUSH_BATCH. */
const SIGNING_EVENTS = env('BENCH_SYNC_SIGNING_EVENTS', 20_000);
/** Part 2: events the hub holds when a fresh console joins; page sizes tried with the engine directly. */
const BOOTSTRAP_EVENTS = env('BENCH_SYNC_BOOTSTRAP_EVENTS', 50_000);
const BOOTSTRAP_PAGES = (process.env.BENCH_SYNC_PAGES ?? '250,500,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
/** Part 3: entries logged on one console and awaited on another. */
const PROPAGATION_SAMPLES = env('BENCH_SYNC_PROPAGATION_SAMPLES', 100);
/** Part 3b: entries one console logged offline, pushed when it joins. */
const PUSH_EVENTS = env('BENCH_SYNC_PUSH_EVENTS', 10_000);
/** Part 4: idle consoles connected, single-event pushes fanned out to them. */
const FANOUT_CONSOLES = env('BENCH_SYNC_CONSOLES', 500);
const FANOUT_PUSHES = env('BENCH_SYNC_PUSHES', 50);

/** Part 5: a busy room, consoles connected and pushes at a steady rate. */
const BUSY_CONSOLES = env('BENCH_SYNC_BUSY_CONSOLES', 2000);
const BUSY_RATE = env('BENCH_SYNC_BUSY_RATE', 16);
const BUSY_SECONDS = env('BENCH_SYNC_BUSY_SECONDS', 5);

/** So generous that the hub's rate limiter never refuses anything in the ingest part. */
const UNLIMITED = { requestsPerSecond: 1e6, requestBurst: 1e6, eventsPerSecond: 1e9, eventBurst: 1e9 };
const PROTOCOL = { min: 1, max: 1 };

// ---------------------------------------------------------------------------------------------
// Events as consoles write them: valid envelopes (shared/domain/events.ts), ~300 bytes as JSON.

const KINDS = ['note', 'action', 'decision', 'observation'];
const SERVICES = ['checkout-api', 'payments', 'login', 'search', 'dns', 'edge-proxy'];
const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov', 'Ken Thompson', 'Frances Allen'];

function entryEvent(encodeHlc, deviceId, deviceSeq, incidentId, atMs, n) {
  return {
    id: `${deviceId}:${deviceSeq}`,
    incidentId,
    type: 'timeline.entryLogged',
    v: 1,
    hlc: encodeHlc({ ms: atMs, counter: 0 }),
    deviceId,
    deviceSeq,
    actor: PEOPLE[n % PEOPLE.length],
    occurredAt: new Date(atMs).toISOString(),
    payload: {
      kind: KINDS[n % KINDS.length],
      text: `Entry ${n}: ${SERVICES[n % SERVICES.length]} errors at ${(n % 97) + 1}% after the eu-west config push; rolled back node ${n % 40}.`,
    },
  };
}

function declaredEvent(encodeHlc, deviceId, atMs) {
  return {
    ...entryEvent(encodeHlc, deviceId, 1, `${deviceId}:1`, atMs, 0),
    type: 'incident.declared',
    payload: {
      title: 'Checkout failing in eu-west after the config push',
      kind: 'service',
      services: ['checkout-api', 'payments'],
      impact: 'organisation',
      urgency: 'missionCritical',
      priority: 'P1',
      tier: 'normal',
      declaredBy: 'Ada Lovelace',
      drill: true,
    },
  };
}

/** What writing and signing events needs, loaded through tsx: the hybrid logical clock and the chain (shared/sync/chain.ts). */
async function loadEventLib(load) {
  const [{ encodeHlc }, chain, { simCrypto }] = await Promise.all([
    load('../../shared/domain/hlc.ts'),
    load('../../shared/sync/chain.ts'),
    load('../../shared/sync/testing/simCrypto.ts'),
  ]);
  return { encodeHlc, chain, crypto: simCrypto() };
}

/**
 * A console's key pair (Node's Ed25519, a fresh random key) and hash chain, as
 * a console keeps them: its device id comes from its key; `add` takes its next
 * event, with the link before it when `chain`, and its seal over the link it
 * reaches when `seal` (a console seals where a run it sends ends).
 */
function benchAuthor({ chain, crypto }) {
  const pair = crypto.keyPair(new Uint8Array(randomBytes(32)));
  const deviceId = chain.deviceIdForKey(pair.publicKey);
  let link = chain.ZERO_LINK;
  return {
    deviceId,
    add(event, { withChain = false, seal = false } = {}) {
      const before = link;
      link = chain.nextLink(before, chain.contentHash(event));
      return {
        ...event,
        ...(withChain ? { chain: before } : {}),
        ...(seal ? { seal: { key: pair.publicKey, sig: pair.sign(chain.sealMessage(deviceId, event.deviceSeq, link)) } } : {}),
      };
    },
  };
}

/** The room of consoles the hub is seeded with, and each one's seal every this many events of the log. */
const SEED_AUTHORS = 6;
/** The incident pushes outside the bootstrap and propagation parts name (the hub holds no declaration for it; no matter). */
const SOME_INCIDENT = 'benchroom0000a:1';
const SEED_SEAL_EVERY = 100;

// ---------------------------------------------------------------------------------------------
// The hub's child process.

/** The soft limit on open files of this process (Linux), or null. */
async function openFilesLimit() {
  try {
    const limits = await readFile('/proc/self/limits', 'utf8');
    const [, soft, hard] = /Max open files\s+(\S+)\s+(\S+)/.exec(limits) ?? [];
    return soft ? { soft, hard } : null;
  } catch {
    return null;
  }
}

/** The event worker as the built hub runs it (`npm run bench` builds dist/hub/ first). */
function builtExamineWorker() {
  const url = new URL('../../dist/hub/examineWorker.js', import.meta.url);
  if (!existsSync(url)) throw new Error('dist/hub/examineWorker.js is missing: run `npm run build:hub` (npm run bench does) first');
  return url;
}

async function hubChild() {
  register();
  const [{ startHub }, { SqliteHubStore }, { PostgresHubStore }, { ensureSpace }, { HubSession }, lib, { default: Database }] = await Promise.all([
    import('../../electron/hub/server.ts'),
    import('../../electron/hub/sqliteStore.ts'),
    import('../../electron/hub/postgresStore.ts'),
    import('../../electron/hub/spaces.ts'),
    import('../../shared/sync/hubSession.ts'),
    loadEventLib((file) => import(file)),
    import('better-sqlite3'),
  ]);
  const { encodeHlc } = lib;

  // Bench instrumentation: how long the store's calls and the hub's handling of pushes take.
  const fresh = () => ({
    append: { calls: 0, events: 0, ms: 0 },
    page: { calls: 0, events: 0, ms: 0 },
    push: { calls: 0, ms: 0 },
    cpu: process.cpuUsage(),
  });
  let stats = fresh();
  const receive = HubSession.prototype.receive;
  HubSession.prototype.receive = async function (frame) {
    if (!frame.startsWith('{"t":"push"')) return receive.call(this, frame);
    const t0 = performance.now();
    try {
      return await receive.call(this, frame);
    } finally {
      stats.push.calls++;
      stats.push.ms += performance.now() - t0;
    }
  };
  // Every other call of the store (its device registry, delivery ledger, …) passes straight through.
  const timed = (store) => {
    const measured = {
      async append(spaceId, events) {
        const t0 = performance.now();
        const result = await store.append(spaceId, events);
        stats.append.calls++;
        stats.append.events += events.length;
        stats.append.ms += performance.now() - t0;
        return result;
      },
      async page(spaceId, after, limit) {
        const t0 = performance.now();
        const result = await store.page(spaceId, after, limit);
        stats.page.calls++;
        stats.page.events += result.events.length;
        stats.page.ms += performance.now() - t0;
        return result;
      },
    };
    return new Proxy(store, {
      get(target, name) {
        if (name in measured) return measured[name];
        const value = target[name];
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  let hub = null;
  let store = null;
  let dir = null;
  const ops = {
    async start({ limits, quotas, seed = 0, postgres = null }) {
      dir = await mkdtemp(path.join(process.env.BENCH_SYNC_DIR ?? tmpdir(), 'warroom-bench-hub-'));
      const file = path.join(dir, 'hub.sqlite');
      // Several hub processes may share one PostgreSQL database: each finds the space the first one made.
      store = postgres ? await PostgresHubStore.open(postgres) : new SqliteHubStore(new Database(file));
      const { space } = await ensureSpace(store, { name: 'Bench room' }, (bytes) => randomFillSync(bytes));
      const seedStart = performance.now();
      let seedBytes = 0;
      let seedIncident = null;
      if (seed > 0) {
        // Straight into the store, in hub order: one incident, entries from a room of consoles, signed by them and
        // stored as the hub stores what it accepts (each event with the link before it, seals where they were sent).
        const start = Date.now() - seed * 1000 - 3_600_000;
        const authors = Array.from({ length: SEED_AUTHORS }, () => benchAuthor(lib));
        seedIncident = `${authors[0].deviceId}:1`;
        const seqs = new Map(authors.map((a, i) => [a.deviceId, i === 0 ? 1 : 0]));
        // Each author's last event in every window of SEED_SEAL_EVERY is sealed: every window ends with all of them at a seal.
        const sealed = (n) => Math.floor(n / SEED_SEAL_EVERY) !== Math.floor((n + SEED_AUTHORS) / SEED_SEAL_EVERY) || n + SEED_AUTHORS >= seed;
        let batch = [authors[0].add(declaredEvent(encodeHlc, authors[0].deviceId, start), { withChain: true, seal: sealed(0) })];
        for (let n = 1; n < seed; n++) {
          const author = authors[n % SEED_AUTHORS];
          const seq = seqs.get(author.deviceId) + 1;
          seqs.set(author.deviceId, seq);
          batch.push(author.add(entryEvent(encodeHlc, author.deviceId, seq, seedIncident, start + n * 1000, n), { withChain: true, seal: sealed(n) }));
          if (batch.length === PUSH_BATCH) {
            seedBytes += batch.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
            await store.append(space.id, batch);
            batch = [];
          }
        }
        if (batch.length) {
          seedBytes += batch.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
          await store.append(space.id, batch);
        }
      }
      const seedMs = performance.now() - seedStart;
      hub = await startHub({
        store: timed(store),
        port: 0,
        host: '127.0.0.1',
        ...(limits ? { limits } : {}),
        ...(quotas ? { quotas } : {}),
        // The hub's warnings and errors only: its routine records would bury the figures.
        log: (level, message, fields) => (level === 'warn' || level === 'error') && console.error(`  [hub] ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
        examineWorker: builtExamineWorker(),
      });
      stats = fresh();
      return { url: hub.url, joinCode: space.joinCode, space: space.id, head: await store.head(space.id), seedIncident, seedMs, seedBytes, file, limits: await openFilesLimit() };
    },
    async stats() {
      const cpu = process.cpuUsage(stats.cpu);
      const memory = process.memoryUsage();
      return {
        append: stats.append,
        page: stats.page,
        push: stats.push,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        connections: hub?.connections() ?? 0,
      };
    },
    async reset() {
      stats = fresh();
    },
    async stop() {
      await hub?.close();
      await store?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
      hub = store = dir = null;
    },
  };
  // The bench went away: so does its hub.
  process.on('disconnect', () => void ops.stop().finally(() => process.exit(0)));
  process.on('message', async ({ id, op, args }) => {
    try {
      process.send({ id, ok: true, value: await ops[op](args ?? {}) });
    } catch (error) {
      process.send({ id, ok: false, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  process.send({ ready: true });
}

/** Starts a hub in a child process (raising its open-files limit to the hard limit first). */
async function startHubProcess(options = {}) {
  const child = spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...(process.env.BENCH_HUB_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_CPU_PROFILE}`] : []), SELF, '--hub-child'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let next = 0;
  let ready;
  const readyPromise = new Promise((resolve, reject) => (ready = { resolve, reject }));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.on('message', (message) => {
    if (message.ready) return ready.resolve();
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(new Error(`hub: ${message.error}`));
  });
  child.once('exit', (code) => {
    const error = new Error(`The hub process exited (${code})`);
    ready.reject(error);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
  await readyPromise;
  try {
    const info = await call('start', options);
    return {
      ...info,
      pid: child.pid,
      stats: () => call('stats'),
      reset: () => call('reset'),
      async stop() {
        try {
          await call('stop');
        } finally {
          child.disconnect();
          const timer = setTimeout(() => child.kill(), 5000);
          await exited;
          clearTimeout(timer);
        }
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** Several hub processes as one: the first one's space and seed, every one's figures summed. */
function hubGroup(hubs) {
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const tally = (all, key) => ({ calls: sum(all.map((x) => x[key].calls)), events: sum(all.map((x) => x[key].events ?? 0)), ms: sum(all.map((x) => x[key].ms)) });
  return {
    ...hubs[0],
    processes: hubs.length,
    /** Console `i` connects to hub process `i` modulo their number. */
    urlFor: (i) => hubs[i % hubs.length].url,
    async stats() {
      const all = await Promise.all(hubs.map((hub) => hub.stats()));
      return {
        append: tally(all, 'append'),
        page: tally(all, 'page'),
        push: tally(all, 'push'),
        ...Object.fromEntries(['cpuMs', 'rss', 'heapUsed', 'connections'].map((key) => [key, sum(all.map((x) => x[key]))])),
      };
    },
    reset: () => Promise.all(hubs.map((hub) => hub.reset())),
    stop: () => Promise.all(hubs.map((hub) => hub.stop())),
  };
}

/** The hub on its embedded storage: one process, a SQLite file. */
const SQLITE = {
  label: 'embedded storage (SQLite file, WAL, synchronous=FULL; one hub process)',
  propagationTargetMs: 200,
  start: async (options) => hubGroup([await startHubProcess(options)]),
};

/** Two hub processes sharing one database on a PostgreSQL cluster the bench starts (every commit flushed to disk). */
function postgresStorage(cluster) {
  return {
    label: 'PostgreSQL (a cluster of its own, fsync on; two hub processes on one database, consoles spread over both)',
    propagationTargetMs: 150,
    async start(options) {
      const url = await cluster.createDatabase();
      const first = await startHubProcess({ ...options, postgres: url });
      try {
        return hubGroup([first, await startHubProcess({ ...options, seed: 0, postgres: url })]);
      } catch (error) {
        await first.stop();
        throw error;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A console speaking the protocol from Node (ws).

let deviceCounter = 0;
/** Device ids match DEVICE_ID_REGEX: lower-case base 36, 8 to 32 characters. */
function benchDevice(prefix) {
  deviceCounter++;
  return `${prefix}${process.pid.toString(36)}${deviceCounter.toString(36).padStart(5, '0')}`;
}

/** Connects and says hello with the join code; resolves with the socket and the welcome. `onFrame` sees every later frame. */
function connectConsole(url, joinCode, deviceId, onFrame = () => {}, protocol = PROTOCOL) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let welcomed = false;
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', protocol, deviceId, auth: { kind: 'join', code: joinCode }, app: 'warroom-bench' })));
    ws.on('message', (data) => {
      const text = data.toString('utf8');
      if (!welcomed) {
        const message = JSON.parse(text);
        if (message.t !== 'welcome') return reject(new Error(`No welcome: ${text.slice(0, 200)}`));
        welcomed = true;
        return resolve({ ws, welcome: message });
      }
      onFrame(text);
    });
    ws.on('error', (error) => !welcomed && reject(error));
  });
}

/** Connects `count` consoles with `connectOne(index)`, 50 at a time; resolves with how long it took. */
async function connectInWaves(count, connectOne) {
  const started = performance.now();
  for (let from = 0; from < count; from += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - from) }, (_, i) => connectOne(from + i)));
  }
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// Figures.

const s = (v) => `${(v / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------
// 1. Ingest: N consoles push 1,000-event batches as fast as the acks come back.

async function benchIngest(lib, storage = SQLITE) {
  const { encodeHlc } = lib;
  const hub = await storage.start({ limits: UNLIMITED });
  try {
    const perClient = Math.ceil(INGEST_EVENTS / INGEST_CLIENTS);
    const start = Date.now() - 3_600_000;
    let bytes = 0;
    let total = 0;
    // Built and serialised before the clock starts: what is measured is the hub, not the clients' JSON.
    const clients = [];
    let signMs = 0;
    for (let c = 0; c < INGEST_CLIENTS; c++) {
      const author = benchAuthor(lib);
      const deviceId = author.deviceId;
      const frames = [];
      for (let from = 1; from <= perClient; from += PUSH_BATCH) {
        const events = [];
        const to = Math.min(perClient, from + PUSH_BATCH - 1);
        for (let seq = from; seq <= to; seq++) {
          const written = entryEvent(encodeHlc, deviceId, seq, SOME_INCIDENT, start + seq * 10, seq);
          // As a console sends a run: the link before it on its first event, its seal on its last.
          const t = performance.now();
          const event = author.add(written, { withChain: seq === from, seal: seq === to });
          signMs += performance.now() - t;
          bytes += JSON.stringify(event).length;
          events.push(event);
        }
        total += events.length;
        frames.push({ id: `p${frames.length + 1}`, count: events.length, frame: JSON.stringify({ t: 'push', id: `p${frames.length + 1}`, events }) });
      }
      clients.push({ deviceId, frames });
    }
    // Verification as the hub judges a push (shared/sync/chain.ts, WebCrypto in Node as the hub uses), timed alone on one console's pushes.
    const verifier = new lib.chain.SealVerifier();
    const judged = clients[0].frames.map((frame) => JSON.parse(frame.frame).events);
    const tj = performance.now();
    let verified = 0;
    for (const events of judged) verified += (await lib.chain.judgeChains(events, new Map(), verifier)).filter((v) => v.status === 'verified').length;
    const judgeMs = performance.now() - tj;
    const judgedEvents = judged.reduce((sum, events) => sum + events.length, 0);
    if (verified !== judgedEvents) throw new Error(`${judgedEvents - verified} of ${judgedEvents} signed events were not verified`);
    for (const [index, client] of clients.entries()) {
      let waiting = null;
      const { ws } = await connectConsole(hub.urlFor(index), hub.joinCode, client.deviceId, (text) => {
        if (text.startsWith('{"t":"poke"')) return;
        const message = JSON.parse(text);
        if (message.t === 'acks' && waiting?.id === message.id) waiting.resolve(message.acks);
        else if (message.t === 'error') waiting?.reject(new Error(`${message.code}: ${message.message}`));
      });
      client.ws = ws;
      client.push = (frame) =>
        new Promise((resolve, reject) => {
          waiting = { id: frame.id, resolve, reject };
          ws.send(frame.frame);
        });
    }
    await hub.reset();
    let accepted = 0;
    const t0 = performance.now();
    const lasts = await Promise.all(
      clients.map(async (client) => {
        for (const frame of client.frames) {
          const acks = await client.push(frame);
          accepted += acks.filter((ack) => ack.status === 'accepted').length;
        }
        return performance.now();
      }),
    );
    const elapsed = Math.max(...lasts) - t0;
    const stats = await hub.stats();
    for (const client of clients) client.ws.close();

    const pushes = stats.push.calls;
    console.log(
      `Hub ingest, ${storage.label} (the real server over sockets on localhost, each hub in a process of its own): ${n(total)} events of ~${n(bytes / total)} B (timeline.entryLogged) from ${INGEST_CLIENTS} consoles, ${n(PUSH_BATCH)} a push, one push in flight per console`,
    );
    console.log(`  end to end (first push to last ack): ${n(total / (elapsed / 1000))} events/s, ${s(elapsed)}, ${n(accepted)} accepted   (target >= 60,000 events/s)`);
    console.log(`  the store's own append: ${n(stats.append.events / (stats.append.ms / 1000))} events/s (${s(stats.append.ms)} in ${n(stats.append.calls)} appends, one transaction and fsync each, ${ms(stats.append.ms / stats.append.calls)} each)`);
    console.log(
      `  the hub's handling of a ${n(PUSH_BATCH)}-event push: ${ms(stats.push.ms / pushes)} from its arrival to its acks, waits included (of which append ${ms(stats.append.ms / stats.append.calls)}; the rest is the frame's JSON and schema check, each event's validation and hash on the event worker, the acks) · hub CPU ${s(stats.cpuMs)}, its event worker's included (${ms((stats.cpuMs / total) * 1000)} per 1,000 events) · pushes in hand, on average: ${(stats.push.ms / elapsed).toFixed(1)} · hub RSS ${mb(stats.rss)}`,
    );
    console.log(
      `  signing, on the bench's side (Node's Ed25519, one seal a push): ${n(total / (signMs / 1000))} events/s chained and sealed · verification on the hub (included in its handling of a push above): judgeChains alone, in the bench process, ${n(judgedEvents / (judgeMs / 1000))} events/s (${ms(judgeMs / judged.length)} a ${n(PUSH_BATCH)}-event push: each event's content hash and link, one signature)`,
    );
    console.log(`  rate limits raised for this part (${n(UNLIMITED.requestsPerSecond)} requests/s, ${n(UNLIMITED.eventsPerSecond)} events/s a console): the limiter is not what is measured\n`);
  } finally {
    await hub.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Bootstrap: a fresh console joins a hub holding a whole workspace.

/** Where a bootstrap's time went, from the page's trace of frames and page applications. */
function bootstrapBreakdown(result) {
  const b = { pulls: 0, pages: 0, pageBytes: 0, roundTripMs: 0, beforeApplyMs: 0, applyMs: 0, betweenMs: 0, welcomeAt: NaN, firstPullAt: NaN, lastApplyEnd: NaN, pageEvents: 0 };
  const sent = new Map();
  let pageAt = NaN;
  let applyStart = NaN;
  let lastApplyEnd = NaN;
  for (const entry of result.trace) {
    if (entry.kind === 'recv' && entry.type === 'welcome' && Number.isNaN(b.welcomeAt)) b.welcomeAt = entry.t;
    else if (entry.kind === 'send' && entry.type === 'pull') {
      b.pulls++;
      sent.set(entry.id, entry.t);
      if (Number.isNaN(b.firstPullAt)) b.firstPullAt = entry.t;
      if (!Number.isNaN(lastApplyEnd)) b.betweenMs += entry.t - lastApplyEnd;
      lastApplyEnd = NaN;
    } else if (entry.kind === 'recv' && entry.type === 'page' && sent.has(entry.id)) {
      b.pages++;
      b.pageBytes += entry.bytes;
      b.roundTripMs += entry.t - sent.get(entry.id);
      pageAt = entry.t;
    } else if (entry.kind === 'applyStart') {
      applyStart = entry.t;
      b.beforeApplyMs += entry.t - pageAt;
      b.pageEvents += entry.events;
    } else if (entry.kind === 'applyEnd') {
      b.applyMs += entry.t - applyStart;
      lastApplyEnd = b.lastApplyEnd = entry.t;
    }
  }
  return b;
}

/** Self time of a CPU profile by where the code came from (mapped through the bench build's source maps when they can be read). */
async function attributeProfile(profile) {
  let SourceMapConsumer = null;
  try {
    ({ SourceMapConsumer } = await import('source-map-js'));
  } catch {
    /* no source maps: by function only */
  }
  const consumers = new Map();
  const consumerFor = async (url) => {
    if (!SourceMapConsumer || !url.includes('/assets/')) return null;
    const file = path.join(BENCH_ROOT, 'assets', path.basename(new URL(url).pathname));
    if (!consumers.has(file)) consumers.set(file, await readFile(`${file}.map`, 'utf8').then((raw) => new SourceMapConsumer(JSON.parse(raw)), () => null));
    return consumers.get(file);
  };
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const buckets = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const time = self.get(node.id) ?? 0;
    if (!time) continue;
    total += time;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    // No url: a browser built-in (IDBObjectStore.add, JSON.parse…), whose time includes the structured clone and the IPC.
    let bucket = functionName.startsWith('(') ? functionName : url ? 'other scripts' : `built-in ${functionName || '(anonymous)'}()`;
    const consumer = url && !functionName.startsWith('(') ? await consumerFor(url) : null;
    if (consumer) {
      const source = consumer.originalPositionFor({ line: lineNumber + 1, column: columnNumber }).source ?? '';
      const modules = source.lastIndexOf('node_modules/');
      if (modules >= 0) {
        const parts = source.slice(modules + 'node_modules/'.length).split('/');
        bucket = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      } else if (source) bucket = source.replace(/^(\.\.\/)+/, '');
    } else if (url && !functionName.startsWith('(')) bucket = path.basename(new URL(url).pathname);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + time);
  }
  return { total, buckets: [...buckets.entries()].sort((a, b) => b[1] - a[1]) };
}

async function benchBootstrap({ base, withBrowser, openBenchPage }) {
  const hub = await startHubProcess({ seed: BOOTSTRAP_EVENTS });
  const join = [hub.url, hub.joinCode, hub.head, hub.seedIncident];
  try {
    console.log(
      `Bootstrap: a fresh console (bench build, persistent disk-backed profile) joins a hub holding ${n(hub.head)} events (one incident, ~${n(hub.seedBytes / hub.head)} B each; seeded into SQLite in ${s(hub.seedMs)}), default rate limits`,
    );
    // The console's own runner (startHubSync, started by the app), with its page size: the protocol's maximum.
    const runner = await withBrowser(base, async (context) => {
      const page = await openBenchPage(context);
      await hub.reset();
      const result = await page.evaluate((args) => window.warroomBench.joinAndSync(...args), join);
      const hubStats = await hub.stats();
      const split = await page.evaluate(([incident]) => window.warroomBench.ingestSplit(incident, 5000, 1000), [hub.seedIncident]);
      // After the bootstrap, not during it: the console's WebCrypto signing and checking on their own.
      const signing = await page.evaluate(async ([count, run]) => [await window.warroomBench.signingTimes(count, run), await window.warroomBench.signingTimes(1000, 1)], [SIGNING_EVENTS, PUSH_BATCH]);
      await page.close();
      return { result, hubStats, split, signing };
    });
    const r = runner.result;
    const b = bootstrapBreakdown(r);
    console.log(
      `  join -> synced (outbox empty, cursor at the head) ${s(r.syncedAt - r.startedAt)} · -> incident list and timeline length read ${s(r.readableAt - r.startedAt)}   (target < 6 s)`,
    );
    console.log(
      `  the console's runner, ${n(b.pageEvents / Math.max(1, b.pages))} events a page: ${n(r.events)} events held, incident ${r.incidentListed ? 'listed' : 'NOT listed'}, timeline length ${n(r.timelineLength)}`,
    );
    console.log(
      `  where the time went: joinHub write ${ms(r.joinedAt - r.startedAt)} · runner notices, connects, hello -> welcome ${ms(b.welcomeAt - r.joinedAt)} · welcome -> first pull ${ms(b.firstPullAt - b.welcomeAt)}`,
    );
    console.log(
      `    ${b.pages} pulls: pull -> page arrived ${s(b.roundTripMs)} (${ms(b.roundTripMs / b.pages)} a page of ${n(b.pageBytes / b.pages / 1024)} KB; the hub's store read ${ms(runner.hubStats.page.ms / Math.max(1, runner.hubStats.page.calls))} of it)`,
    );
    console.log(
      `    page arrived -> applyPage starts (frame JSON + schema check, queue) ${s(b.beforeApplyMs)} (${ms(b.beforeApplyMs / b.pages)} a page) · applyPage (ingest, projections, cursor; one strict-durability transaction) ${s(b.applyMs)} (${ms(b.applyMs / b.pages)} a page) · applyPage -> next pull ${s(b.betweenMs)}`,
    );
    console.log(`    last page applied -> synced seen ${ms(r.syncedAt - b.lastApplyEnd)} · synced -> projections read ${ms(r.readableAt - r.syncedAt)}`);
    const sp = runner.split;
    const per = (v) => ms(v / sp.pages);
    console.log(
      `  one ${n(1000)}-event page of ingest, split (${sp.pages} pages, each step timed alone, per page): validate ${per(sp.validateMs)} · existence check, bulkGet of the ids in the full log ${per(sp.existsMs)} (one [deviceId+deviceSeq] key range per device instead: ${per(sp.existsByRangeMs)})`,
    );
    console.log(
      `    log write, bulkAdd with the console's 5 indexes ${per(sp.logWriteMs)} (relaxed durability ${per(sp.logWriteRelaxedMs)} · without the unread \`type\` index ${per(sp.logWriteNoTypeMs)} · primary key alone ${per(sp.logWriteKeyOnlyMs)}) · projections ${per(sp.projectMs)} · the whole ingestEvents into an empty database ${per(sp.ingestMs)}`,
    );
    const [runs, single] = runner.signing;
    const rate = (events, took) => n(events / (took / 1000));
    console.log(
      `  signing in a console (WebCrypto Ed25519 in Chromium, key made in the page): ${rate(runs.events, runs.signMs)} events/s chained and sealed once a ${n(PUSH_BATCH)}-event run (as events leave) · ${rate(single.seals, single.signMs)} events/s sealed one by one (${ms(single.signMs / single.seals)} a seal)`,
    );
    console.log(
      `  verification in a bootstrapping console (judgeChains, as applyPage checks each page: content hash and link per event, one signature a run): ${rate(runs.events, runs.verifyMs)} events/s in ${n(PUSH_BATCH)}-event runs (${ms(runs.verifyMs / (runs.events / PUSH_BATCH))} a page) · ${rate(single.events, single.verifyMs)} events/s when every event carries its own seal`,
    );
    // The same engine and store, its own SyncConnection, other page sizes (the protocol caps a page at 1,000).
    // The run at the runner's page size is profiled (not the runner's own: its time is the headline figure).
    const sizes = [];
    let profile = null;
    for (const batch of BOOTSTRAP_PAGES) {
      const result = await withBrowser(base, async (context) => {
        const page = await openBenchPage(context);
        const cdp = batch === PUSH_BATCH ? await context.newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.start');
        }
        const value = await page.evaluate(([args, size]) => window.warroomBench.syncWithEngine(...args, size), [join, batch]);
        if (cdp) ({ profile } = await cdp.send('Profiler.stop'));
        await page.close();
        return value;
      });
      const bb = bootstrapBreakdown(result);
      const complete = result.timelineLength === hub.head && result.incidentListed;
      sizes.push(
        `${n(batch)} a page: ${s(result.syncedAt - result.startedAt)} (${bb.pages} pulls; round trips ${s(bb.roundTripMs)}, applyPage ${s(bb.applyMs)}, ${ms(bb.applyMs / bb.pages)} a page)${batch === PUSH_BATCH ? ', CPU-profiled' : ''}${complete ? '' : ' INCOMPLETE'}`,
      );
    }
    if (sizes.length) console.log(`  page size (a SyncConnection of its own over the same DexieSyncStore, fresh profile each; join -> synced):\n    ${sizes.join('\n    ')}`);
    if (profile) {
      try {
        const { total, buckets } = await attributeProfile(profile);
        const share = (v) => `${((v / total) * 100).toFixed(0)}%`;
        const named = buckets.filter(([name]) => !name.startsWith('('));
        const special = buckets.filter(([name, v]) => name.startsWith('(') && v / total >= 0.005);
        console.log(
          `  the page's main thread over the 1,000-a-page run (CPU profile, ${s(total)}): ${special.map(([name, v]) => `${name} ${share(v)}`).join(' · ')} · JS ${share(named.reduce((sum, [, v]) => sum + v, 0))}, of which ${named
            .slice(0, 8)
            .map(([name, v]) => `${name} ${share(v)}`)
            .join(' · ')}`,
        );
      } catch (error) {
        console.log(`  (no CPU profile breakdown: ${error.message})`);
      }
    }
    console.log('');
  } finally {
    await hub.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2b. Push: one console's offline work reaches the hub.

async function benchPush({ base, withBrowser, openBenchPage }) {
  const runs = [];
  // A fresh hub (one event) and a fresh profile each run: each console pushes into the same log.
  for (let run = 0; run < 3; run++) {
    const hub = await startHubProcess({ seed: 1 });
    try {
      const result = await withBrowser(base, async (context) => {
        const page = await openBenchPage(context);
        const value = await page.evaluate(([url, code, head, count]) => window.warroomBench.pushOwn(url, code, head, count), [hub.url, hub.joinCode, hub.head, PUSH_EVENTS]);
        await page.close();
        return value;
      });
      runs.push({ ...result, head: hub.head, hubStats: await hub.stats() });
    } finally {
      await hub.stop();
    }
  }
  console.log(`Push: a console logs ${n(PUSH_EVENTS)} entries offline, then joins a hub holding one event (the console's runner, bench build; fresh hub and profile each run, 3 runs)`);
  console.log(`  join -> outbox empty and cursor past them all: ${runs.map((r) => s(r.syncedAt - r.startedAt)).join(' / ')}   (target < 1.5 s)`);
  const split = runs.map((r) => {
    const sent = new Map();
    const b = { pushes: 0, pushMs: 0, pulls: 0, pulled: 0, applyMs: 0, firstPushMs: NaN, betweenMs: 0, lastAckToSyncedMs: 0, calls: {} };
    let applyStart = NaN;
    let ackedAt = NaN;
    for (const entry of r.trace) {
      if (entry.kind === 'call') b.calls[entry.type] = (b.calls[entry.type] ?? 0) + entry.ms;
      else if (entry.kind === 'send' && entry.type === 'push') {
        sent.set(entry.id, entry.t);
        if (Number.isNaN(b.firstPushMs)) b.firstPushMs = entry.t - r.startedAt;
        else b.betweenMs += entry.t - ackedAt;
      } else if (entry.kind === 'recv' && entry.type === 'acks' && sent.has(entry.id)) {
        b.pushes++;
        b.pushMs += entry.t - sent.get(entry.id);
        ackedAt = entry.t;
        b.lastAckToSyncedMs = r.syncedAt - entry.t;
      } else if (entry.kind === 'send' && entry.type === 'pull') b.pulls++;
      else if (entry.kind === 'applyStart') {
        applyStart = entry.t;
        b.pulled += entry.events;
      } else if (entry.kind === 'applyEnd') b.applyMs += entry.t - applyStart;
    }
    return { ...b, hubMs: r.hubStats.push.ms / Math.max(1, r.hubStats.push.calls), ownBack: Math.max(0, b.pulled - r.head), writeMs: r.writeMs };
  });
  const median = (pick) => percentile(split.map(pick), 50);
  console.log(
    `  where the time went (medians): join -> first push sent ${ms(median((b) => b.firstPushMs))} · ${median((b) => b.pushes)} pushes, push sent -> acks ${s(median((b) => b.pushMs))} (the hub's handling ${ms(median((b) => b.hubMs))} a push) · acks -> next push sent ${s(median((b) => b.betweenMs))} (in all: ${['acknowledge', 'eventsBeyond', 'prepareOutgoing', 'outbox', 'outboxSize'].map((name) => `${name} ${s(median((b) => b.calls[name] ?? 0))}`).join(', ')}) · last acks -> synced seen ${ms(median((b) => b.lastAckToSyncedMs))} · ${median((b) => b.pulls)} pulls bringing ${n(median((b) => b.pulled))} events, applied in ${s(median((b) => b.applyMs))}, of which the console's own events pulled back ${n(median((b) => b.ownBack))} · logging the entries before the clock started ${s(median((b) => b.writeMs))}\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Propagation: an entry logged on one console, seen in another's database.

async function benchPropagation({ base, withBrowser, openBenchPage }, storage = SQLITE) {
  const hub = await storage.start({ seed: 1 });
  try {
    await withBrowser(base, (contextA) =>
      withBrowser(base, async (contextB) => {
        const [a, b] = await Promise.all([openBenchPage(contextA), openBenchPage(contextB)]);
        for (const [index, page] of [a, b].entries()) {
          await page.evaluate(([url, code]) => window.warroomBench.joinHub(url, code), [hub.urlFor(index), hub.joinCode]);
          const synced = await page.evaluate((head) => window.warroomBench.waitSynced(head, 30_000), hub.head);
          if (Number.isNaN(synced)) throw new Error('A console did not sync with the hub');
        }
        const sample = async (i) => {
          const id = await a.evaluate(() => window.warroomBench.nextEventId());
          await b.evaluate(([eventId]) => void (window.__arrival = window.warroomBench.waitForEvent(eventId, 5000)), [id]);
          const logged = await a.evaluate(([incident, text]) => window.warroomBench.logEntry(incident, text), [hub.seedIncident, `Propagation sample ${i}: checkout errors back to baseline on node ${i}.`]);
          if (logged.id !== id) throw new Error(`Expected ${id}, logged ${logged.id}`);
          const seenAt = await b.evaluate(() => window.__arrival);
          return { id, ...logged, seenAt };
        };
        // Warm-up (not counted): the first entries open the code paths and the projections' rows.
        for (let i = 0; i < 5; i++) await sample(-i - 1);
        await a.evaluate(() => window.warroomBench.syncTrace());
        await b.evaluate(() => window.warroomBench.syncTrace());
        const samples = [];
        for (let i = 0; i < PROPAGATION_SAMPLES; i++) {
          samples.push(await sample(i));
          await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
        }
        const [traceA, traceB] = await Promise.all([a.evaluate(() => window.warroomBench.syncTrace()), b.evaluate(() => window.warroomBench.syncTrace())]);
        const valid = samples.filter((x) => !Number.isNaN(x.seenAt));
        const totals = valid.map((x) => x.seenAt - x.startedAt);
        const stages = { commit: [], push: [], ack: [], poke: [], page: [], applied: [], seen: [], fed: 0 };
        const after = (trace, t, match) => trace.find((e) => e.t >= t && match(e))?.t ?? NaN;
        for (const x of valid) {
          const pushAt = after(traceA, x.startedAt, (e) => e.kind === 'send' && e.type === 'push');
          const ackAt = after(traceA, pushAt, (e) => e.kind === 'recv' && e.type === 'acks');
          // Protocol 2: B is fed the entry (told and sent at once); a console poked pulls it in a page.
          const toldAt = after(traceB, x.startedAt, (e) => e.kind === 'recv' && (e.type === 'poke' || e.type === 'feed'));
          const fed = traceB.find((e) => e.t === toldAt && e.type === 'feed') !== undefined;
          const pokeAt = toldAt;
          const pageAt = fed ? toldAt : after(traceB, pokeAt, (e) => e.kind === 'recv' && e.type === 'page');
          if (fed) stages.fed++;
          const appliedAt = after(traceB, pageAt, (e) => e.kind === 'applyEnd');
          stages.commit.push(x.committedAt - x.startedAt);
          stages.push.push(pushAt - x.committedAt);
          stages.ack.push(ackAt - pushAt);
          stages.poke.push(pokeAt - pushAt);
          stages.page.push(pageAt - pokeAt);
          stages.applied.push(appliedAt - pageAt);
          stages.seen.push(x.seenAt - appliedAt);
        }
        const p50 = (values) => {
          const known = values.filter((v) => !Number.isNaN(v));
          return known.length ? ms(percentile(known, 50)) : 'n/a';
        };
        console.log(
          `Propagation: console A logs an entry (logEntry), console B's database holds it (liveQuery); two Chromium profiles, ${hub.processes > 1 ? `each on its own hub process (${storage.label})` : 'one hub on localhost'}, ${valid.length} samples`,
        );
        if (valid.length < samples.length) console.log(`  ${samples.length - valid.length} of ${samples.length} entries never reached B within 5 s`);
        console.log(`  ${spread(totals)}   (target p95 < ${storage.propagationTargetMs} ms)`);
        console.log(
          `  stages, p50: A's command to its commit ${p50(stages.commit)} · commit -> push sent (outbox liveQuery) ${p50(stages.push)} · push -> B fed or poked ${p50(stages.poke)} (A acked ${p50(stages.ack)}; ${stages.fed} of ${valid.length} fed) · poke -> page at B (0 when fed) ${p50(stages.page)} · page or feed -> applied ${p50(stages.applied)} · applied -> B's liveQuery sees it ${p50(stages.seen)}\n`,
        );
        await Promise.all([a.close(), b.close()]);
      }),
    );
  } finally {
    await hub.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Scale: hundreds of idle consoles, pokes and pages fanned out to each.

/** Every bench console connects from this machine's one address; a real room's come from many. */
const ONE_ADDRESS_ROOM = { connections: 100_000, connectionsPerAddress: 100_000, joinAttempts: 1_000_000 };

async function benchFanout(lib, storage = SQLITE) {
  const { encodeHlc } = lib;
  const hub = await storage.start({ seed: 1, quotas: ONE_ADDRESS_ROOM });
  try {
    const idle = await hub.stats();
    const ownLimits = await openFilesLimit();
    const consoles = [];
    let round = null;
    const connectOne = async (index) => {
      const state = { index, cursor: 0, pulling: false, requests: 0, ws: null };
      const pull = () => {
        state.pulling = true;
        state.ws.send(JSON.stringify({ t: 'pull', id: `q${++state.requests}`, after: state.cursor, limit: 1000 }));
      };
      const { ws, welcome } = await connectConsole(hub.urlFor(index), hub.joinCode, benchDevice('idle'), (text) => {
        const at = performance.now();
        const message = JSON.parse(text);
        if (message.t === 'poke') {
          if (round && Number.isNaN(round.pokes[index])) round.pokes[index] = at - round.t0;
          if (!state.pulling && message.head > state.cursor) pull();
        } else if (message.t === 'page') {
          state.pulling = false;
          if (message.events.length) state.cursor = message.events[message.events.length - 1].seq;
          if (round && message.events.length && Number.isNaN(round.pages[index])) {
            round.pages[index] = at - round.t0;
            if (--round.remaining === 0) round.done();
          }
          if (message.head > state.cursor) pull();
        } else if (message.t === 'error') console.error(`  console ${index}: ${message.code}: ${message.message}`);
      });
      state.ws = ws;
      state.cursor = welcome.head;
      consoles.push(state);
    };
    const connectMs = await connectInWaves(FANOUT_CONSOLES, connectOne);
    const connected = await hub.stats();

    const pusherAuthor = benchAuthor(lib);
    const pusherDevice = pusherAuthor.deviceId;
    let acked = null;
    const { ws: pusher } = await connectConsole(hub.url, hub.joinCode, pusherDevice, (text) => {
      const message = JSON.parse(text);
      if (message.t === 'acks') acked?.(message.acks[0]);
    });
    const pokes = [];
    const pages = [];
    const acks = [];
    let incomplete = 0;
    for (let k = 1; k <= FANOUT_PUSHES; k++) {
      const event = pusherAuthor.add(entryEvent(encodeHlc, pusherDevice, k, SOME_INCIDENT, Date.now(), k), { withChain: true, seal: true });
      const ack = new Promise((resolve) => (acked = resolve));
      const complete = new Promise((resolve) => {
        round = { t0: performance.now(), pokes: new Array(FANOUT_CONSOLES).fill(NaN), pages: new Array(FANOUT_CONSOLES).fill(NaN), remaining: FANOUT_CONSOLES, done: resolve };
      });
      pusher.send(JSON.stringify({ t: 'push', id: `p${k}`, events: [event] }));
      const status = (await ack)?.status;
      if (status !== 'accepted') throw new Error(`Push ${k} was not accepted: ${status}`);
      acks.push(performance.now() - round.t0);
      const timedOut = await Promise.race([complete.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 10_000))]);
      if (timedOut) incomplete++;
      pokes.push(...round.pokes.filter((v) => !Number.isNaN(v)));
      pages.push(...round.pages.filter((v) => !Number.isNaN(v)));
      round = null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = await hub.stats();
    pusher.close();
    for (const c of consoles) c.ws.close();

    console.log(
      `Scale, ${storage.label}: ${n(FANOUT_CONSOLES)} consoles connected and idle (Node ws clients in the bench process: hello with the join code, pull when poked), one console pushes one event at a time, ${FANOUT_PUSHES} times`,
    );
    console.log('  connection and join-attempt limits per address raised for this part: every bench console shares one address');
    if (incomplete) console.log(`  ${incomplete} of ${FANOUT_PUSHES} pushes did not reach every console within 10 s`);
    console.log(`  push -> each console's poke: ${spread(pokes)}   (${n(pokes.length)} pokes; target p95 < 500 ms)`);
    console.log(`  push -> each console's page holding the event, after its pull: ${spread(pages)}   (${n(pages.length)} pages)`);
    console.log(`  push -> the pusher's ack: p50 ${ms(percentile(acks, 50))}   p95 ${ms(percentile(acks, 95))}   (the hub sends the ack, then pokes every connection; the pusher shares the bench's event loop with the ${n(FANOUT_CONSOLES)} consoles pulling)`);
    console.log(
      `  hub process RSS: ${mb(idle.rss)} with no connections · ${mb(connected.rss)} with ${n(connected.connections)} (${n((connected.rss - idle.rss) / Math.max(1, connected.connections) / 1024)} KB a connection) · ${mb(after.rss)} after the pushes · ${n(FANOUT_CONSOLES)} connected in ${s(connectMs)}`,
    );
    console.log(
      `  hub CPU over the pushes ${s(after.cpuMs - connected.cpuMs)} (${ms((after.cpuMs - connected.cpuMs) / FANOUT_PUSHES)} a push: an append, ${n(FANOUT_CONSOLES)} pokes, ${n(FANOUT_CONSOLES)} pulls answered) · open files: hub ${hub.limits?.soft ?? '?'} (raised to its hard limit), bench ${ownLimits?.soft ?? '?'} (needs > ${n(FANOUT_CONSOLES + 50)})\n`,
    );
  } finally {
    await hub.stop();
  }
}

/** One fresh console (its runner, a fresh profile) joins a hub seeded with `events`: join -> synced, in ms. */
export async function bootstrapOnce(events, { base, withBrowser, openBenchPage }) {
  const hub = await startHubProcess({ seed: events });
  try {
    return await withBrowser(base, async (context) => {
      const page = await openBenchPage(context);
      const r = await page.evaluate((args) => window.warroomBench.joinAndSync(...args), [hub.url, hub.joinCode, hub.head, hub.seedIncident]);
      await page.close();
      if (r.timelineLength !== hub.head) throw new Error(`Bootstrap of ${events} events ended with ${r.timelineLength} on the timeline`);
      return r.syncedAt - r.startedAt;
    });
  } finally {
    await hub.stop();
  }
}

/** The seq of the last event in a page or feed frame's text, or null when it holds none. */
function lastSeqIn(text) {
  const at = text.lastIndexOf('{"seq":');
  return at >= 0 ? Number(/^\{"seq":(\d+)/.exec(text.slice(at))[1]) : null;
}

/**
 * A busy room: many consoles connected, one pushing single events at a steady
 * rate whether or not the last one has reached everybody. Each console keeps
 * when each poke and page arrived, and each push is matched afterwards with
 * the first poke (and page) at each console that covers its place in the log.
 */
async function benchBusyRoom(lib, storage = SQLITE, protocol = 2) {
  const { encodeHlc } = lib;
  const hub = await storage.start({ seed: 1, quotas: ONE_ADDRESS_ROOM });
  try {
    const consoles = [];
    const connectOne = async (index) => {
      const state = { cursor: 0, pulling: false, requests: 0, ws: null, pokes: [], pages: [] };
      const pull = () => {
        state.pulling = true;
        state.ws.send(`{"t":"pull","id":"q${++state.requests}","after":${state.cursor},"limit":1000}`);
      };
      // Read with a pattern, not parsed: at thousands of consoles the bench's own JSON would be what is measured.
      const onFrame = (text) => {
        const at = performance.now();
        const head = Number(/"head":(\d+)/.exec(text.slice(-40))?.[1] ?? /"head":(\d+)/.exec(text)?.[1]);
        if (text.startsWith('{"t":"poke"')) {
          state.pokes.push(at, head);
          if (!state.pulling && head > state.cursor) pull();
        } else if (text.startsWith('{"t":"feed"')) {
          // Told and sent at once: the feed is both the poke and the page, taken where it starts at the cursor.
          state.pokes.push(at, head);
          const after = Number(/"after":(\d+)/.exec(text)?.[1]);
          const last = lastSeqIn(text);
          if (!state.pulling && after === state.cursor && last !== null) {
            state.cursor = last;
            state.pages.push(at, state.cursor);
          } else if (!state.pulling && head > state.cursor) pull();
        } else if (text.startsWith('{"t":"page"')) {
          state.pulling = false;
          const last = lastSeqIn(text);
          if (last !== null) {
            state.cursor = last;
            state.pages.push(at, state.cursor);
          }
          if (head > state.cursor) pull();
        } else if (text.startsWith('{"t":"error"')) console.error(`  console ${index}: ${text.slice(0, 200)}`);
      };
      const { ws, welcome } = await connectConsole(hub.urlFor(index), hub.joinCode, benchDevice('busy'), onFrame, { min: protocol, max: protocol });
      state.ws = ws;
      state.cursor = welcome.head;
      consoles.push(state);
    };
    const connectMs = await connectInWaves(BUSY_CONSOLES, connectOne);
    const connected = await hub.stats();

    const author = benchAuthor(lib);
    const pushes = [];
    const { ws: pusher } = await connectConsole(hub.url, hub.joinCode, author.deviceId, (text) => {
      if (!text.startsWith('{"t":"acks"')) return;
      const message = JSON.parse(text);
      const push = pushes[Number(message.id.slice(1)) - 1];
      push.ackedAt = performance.now();
      push.seq = message.acks[0]?.seq;
    });
    const count = Math.round(BUSY_RATE * BUSY_SECONDS);
    const started = performance.now();
    for (let k = 1; k <= count; k++) {
      // On the clock: the k-th push leaves at its time, however late the ones before it are.
      const due = started + ((k - 1) * 1000) / BUSY_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const event = author.add(entryEvent(encodeHlc, author.deviceId, k, SOME_INCIDENT, Date.now(), k), { withChain: true, seal: true });
      pushes.push({ t0: performance.now(), ackedAt: NaN, seq: NaN });
      pusher.send(JSON.stringify({ t: 'push', id: `p${k}`, events: [event] }));
    }
    const sentFor = performance.now() - started;
    // Until every console holds the last push's event (or 15 s).
    const lastSeq = async () => {
      for (let i = 0; i < 150 && Number.isNaN(pushes[pushes.length - 1].seq); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      return pushes[pushes.length - 1].seq;
    };
    const end = await lastSeq();
    for (let i = 0; i < 150 && consoles.some((c) => !(c.cursor >= end)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await hub.stats();
    const behind = consoles.filter((c) => !(c.cursor >= end)).length;
    pusher.close();
    for (const c of consoles) c.ws.close();

    /** Time from each push to the first arrival in `arrivals` (time, seq pairs) that covers it, at every console. */
    const latencies = (pick) => {
      const out = [];
      for (const c of consoles) {
        const arrivals = pick(c);
        let i = 0;
        for (const push of pushes) {
          if (Number.isNaN(push.seq)) continue;
          while (i < arrivals.length && (arrivals[i + 1] < push.seq || arrivals[i] < push.t0)) i += 2;
          if (i < arrivals.length) out.push(arrivals[i] - push.t0);
        }
      }
      return out;
    };
    const pokes = latencies((c) => c.pokes);
    const pages = latencies((c) => c.pages);
    const acks = pushes.filter((p) => !Number.isNaN(p.ackedAt)).map((p) => p.ackedAt - p.t0);
    const cpuMs = after.cpuMs - connected.cpuMs;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Busy room, ${storage.label}: ${n(BUSY_CONSOLES)} consoles of protocol ${protocol} connected (Node ws clients in the bench process; ${protocol >= 2 ? 'fed the new events, pulling only when a feed does not start at their cursor' : 'pulling when poked'}), one console pushes a single event ${BUSY_RATE} times a second for ${BUSY_SECONDS} s (${count} pushes, sent over ${s(sentFor)})`,
    );
    if (behind) console.log(`  ${behind} consoles did not hold the last event 15 s after it was acknowledged`);
    console.log(`  push -> each console's poke: ${spread(pokes)}   (${n(pokes.length)} pokes; target p95 < 300 ms)`);
    console.log(`  push -> each console's page holding the event: ${spread(pages)}   (${n(pages.length)} pages) · push -> the pusher's ack: ${spread(acks)}`);
    console.log(
      `  hub CPU ${s(cpuMs)} over ${s(seconds * 1000)} (${((cpuMs / 1000 / seconds) * 100).toFixed(0)} % of one core, its event worker's included; ${ms(cpuMs / count)} a push) · ${n(after.page.calls - connected.page.calls)} store page reads · ${n(BUSY_CONSOLES)} connected in ${s(connectMs)} · hub RSS ${mb(after.rss)}\n`,
    );
  } finally {
    await hub.stop();
  }
}

/** Ingest, propagation and fan-out again, on PostgreSQL across two hub processes; skipped, with the reason, where no cluster can start. */
async function benchPostgres(lib, helpers) {
  const { postgresAvailability, startPgCluster } = await tsImport('../../electron/hub/pgCluster.ts', import.meta.url);
  const found = postgresAvailability();
  if (!found.ok) {
    console.log(`PostgreSQL: skipped, ${found.reason}\n`);
    return;
  }
  const cluster = await startPgCluster({ durable: true });
  try {
    const storage = postgresStorage(cluster);
    await benchIngest(lib, storage);
    await benchPropagation(helpers, storage);
    await benchFanout(lib, storage);
    await benchBusyRoom(lib, storage);
  } finally {
    await cluster.stop();
  }
}

/** The `sync` part: `run` has the bench page server (base) and the browser helpers. */
export async function reportSync({ base, withBrowser, openBenchPage }) {
  const started = performance.now();
  console.log(`(sync part: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} at the start: figures move with what else the machine runs)\n`);
  const lib = await loadEventLib((file) => tsImport(file, import.meta.url));
  const want = (process.env.BENCH_SYNC_ONLY ?? 'ingest,bootstrap,push,propagation,fanout,busy,postgres').split(',').map((p) => p.trim());
  if (want.includes('ingest')) await benchIngest(lib);
  if (want.includes('bootstrap')) await benchBootstrap({ base, withBrowser, openBenchPage });
  if (want.includes('push')) await benchPush({ base, withBrowser, openBenchPage });
  if (want.includes('propagation')) await benchPropagation({ base, withBrowser, openBenchPage });
  if (want.includes('fanout')) await benchFanout(lib);
  if (want.includes('busy')) {
    await benchBusyRoom(lib, SQLITE, 1);
    await benchBusyRoom(lib, SQLITE, 2);
  }
  if (want.includes('postgres')) await benchPostgres(lib, { base, withBrowser, openBenchPage });
  console.log(`(the sync part took ${s(performance.now() - started)}; load average ${loadavg()[0].toFixed(1)} at the end)\n`);
}

if (process.argv[1] === SELF && process.argv[2] === '--hub-child') await hubChild();
