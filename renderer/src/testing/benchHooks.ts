/**
 * Hooks for `npm run bench` only: the bench build (vite --mode bench) exposes
 * them on window so Playwright can seed large incidents and time operations
 * against the real database code. Never part of the shipped console.
 */
import { Dexie, liveQuery } from 'dexie';

import { newSigner, signEvents, signedPastIncidentEvents } from '@shared/testing/pastIncidents';
import { encodeHlc } from '@shared/domain/hlc';
import { CURRENT_VERSION, parseEvent, type DomainEvent } from '@shared/domain/events';
import { aggregateMetrics, NO_FILTER } from '@shared/domain/metrics/aggregate';
import { incidentMetrics } from '@shared/domain/metrics/incidentMetrics';
import { SealVerifier, judgeChains, type Signer } from '@shared/sync/chain';
import { SyncConnection } from '@shared/sync/syncConnection';

import { webhookRequest } from '@shared/comms/formats';
import { renderTemplate } from '@shared/comms/render';
import type { WarroomBridge } from '@shared/platform/bridge';

import { declareIncident, logEntry } from '../db/commands';
import { WarroomDatabase } from '../db/database';
import { ingestEvents, rebuildProjections, stripDerived, toStored } from '../db/eventStore';
import { queueMessage } from '../db/messageCommands';
import { readDashboard } from '../db/metricsQueries';
import { changeSetting, getOrganisation } from '../db/organisation';
import { projectEvents, projectionTables } from '../db/projections';
import { listOpenIncidents, listPastIncidents, timelineLength } from '../db/queries';
import { SCHEMA_VERSIONS } from '../db/schema';
import { DexieSyncStore, getMembership, joinHub } from '../db/syncStore';
import { getWallIncident, getWallOverview } from '../db/wallQueries';
import { placeholderValues } from '../features/comms/placeholderValues';
import { searchBenchHooks, type SearchBenchHooks } from '../search/searchBench';
import { WALL_ENTRIES } from '../features/wall/WallPage';
import { PAST_PAGE } from '../features/incident-list/IncidentListPage';
import { WebhookDelivery } from '../sync/webhookDelivery';

export type BenchPush = { writeMs: number; startedAt: number; syncedAt: number; trace: BenchTraceEntry[] };

/** Events are seeded as a sync would bring them: in batches of this many, each ending at its author's seal. */
const SEED_BATCH = 5000;

/** `searchBuild`, `searchTimes`, `searchExpect`: search (`BENCH_ONLY=search`), see search/searchBench.ts. */
export type BenchHooks = SearchBenchHooks & {
  /** Declares an incident with `entries` timeline entries, written and signed by a new device of its own; resolves with its id. */
  seedIncident(entries: number): Promise<string>;
  /** Adds `hypotheses` hypotheses (spread over every status) and `participants` engaged people to an incident. */
  seedWorkspace(incidentId: string, hypotheses: number, participants: number): Promise<void>;
  rebuild(): Promise<{ ms: number; events: number }>;
  /** The alert groups this console holds: how many, the alerts in them, and the notifications counted. */
  /** `events`: every event the console holds, alerts among them. */
  alertTotals(): Promise<{ groups: number; alerts: number; notifications: number; events: number }>;
  /**
   * Ingests `incidents` closed past incidents with `entriesPerIncident` entries each (see
   * shared/testing/pastIncidents.ts: roles, engagement, hypotheses, messages, post-mortems),
   * as a sync would. Resolves with the events' count and how long it took.
   */
  seedPastIncidents(incidents: number, entriesPerIncident: number, seed?: number): Promise<{ events: number; ms: number }>;
  /**
   * Renders `count` update messages from the executives' template, queues each
   * for a webhook at `url`, then delivers them all through the delivery worker,
   * which posts with `window.__benchPost` (the benchmark's Node side).
   * Run it on the wall route, where the console's own worker is off.
   */
  comms(incidentId: string, count: number, url: string): Promise<{ renderMs: number; queueMs: number; deliverMs: number; delivered: number; posted: number }>;
  setProfile(name: string): Promise<void>;
  /**
   * Signing and checking as consoles do, with a new WebCrypto Ed25519 key made in this page: `count`
   * events chained and sealed every `run` events (signMs; a console seals once a run as its events
   * leave), then judged in runs of `run` as a receiving console judges a page (judgeChains with a
   * SealVerifier: each event's content hash and link, one signature a run; verifyMs).
   */
  signingTimes(count: number, run: number): Promise<{ events: number; seals: number; signMs: number; verifyMs: number }>;

  // Sync (`BENCH_ONLY=sync`). Times are wall-clock milliseconds (performance.timeOrigin + performance.now()),
  // so two consoles on one machine can be compared with each other.

  /** Joins the hub with its join code, as the settings screen does: the console's own runner connects. */
  joinHub(hubUrl: string, joinCode: string): Promise<void>;
  /** Resolves (with the time) once the outbox is empty and the cursor is at `head`; NaN after `timeoutMs`. */
  waitSynced(head: number, timeoutMs?: number): Promise<number>;
  /**
   * A fresh console joins (joinHub, then the real runner syncs) and is timed until the outbox is
   * empty and the cursor is at the hub's `head`, then until the incident list and `incidentId`'s
   * timeline length are read. The trace holds every frame and page applied meanwhile.
   */
  joinAndSync(hubUrl: string, joinCode: string, head: number, incidentId: string, timeoutMs?: number): Promise<BenchBootstrap>;
  /**
   * Logs `count` entries on this console before it has a hub (not timed), then joins one holding
   * `head` events and waits, through the console's runner, until its outbox is empty and its
   * cursor is past them all. The trace holds every frame meanwhile.
   */
  pushOwn(hubUrl: string, joinCode: string, head: number, count: number, timeoutMs?: number): Promise<BenchPush>;
  /**
   * The same, through a SyncConnection of its own with `batch` events per pull (the runner always
   * asks for the protocol's maximum). No membership is written, so the console's runner stays idle.
   */
  syncWithEngine(hubUrl: string, joinCode: string, head: number, incidentId: string, batch: number, timeoutMs?: number): Promise<BenchBootstrap>;
  /** The id this console's next event will take. */
  nextEventId(): Promise<string>;
  /** Logs a note through the real command; the times bracket the command, to its commit. */
  logEntry(incidentId: string, text: string): Promise<{ id: string; startedAt: number; committedAt: number }>;
  /** Resolves with the time this console's database first held event `id` (a liveQuery, as the UI uses); NaN after `timeoutMs`. */
  waitForEvent(id: string, timeoutMs?: number): Promise<number>;
  /** Frames sent and received on sync sockets and pages applied since the last call (recorded from the first sync hook on). */
  syncTrace(): BenchTraceEntry[];
  /**
   * Where one page of ingest goes: `count` events of the incident's timeline, already held, are
   * taken again in pages of `page`, each step timed alone: validation, the existence check against
   * this console's log, the log write into scratch databases (as the console's, relaxed, with fewer
   * indexes), the projection, and the whole of ingestEvents into an empty database.
   */
  ingestSplit(incidentId: string, count: number, page: number): Promise<BenchIngestSplit>;

  // The wall (`BENCH_ONLY=wall`).

  /**
   * The wall's two reads on their own, `runs` times each, nothing rendered. Outside a liveQuery,
   * so Dexie's live-query cache serves none of it: what a wall's first read costs. Milliseconds per run.
   */
  wallQueryTimes(incidentId: string, runs: number): Promise<{ overview: number[]; incident: number[] }>;
  /**
   * From now on, runs the wall's read (the overview's when `incidentId` is null) in a liveQuery of
   * its own beside the wall's, and records when each run starts and ends (wall-clock): the same
   * change notice starts both, so its end shows when the wall's data was ready to render.
   */
  traceWallReads(incidentId: string | null): void;
  /** The runs recorded since the last call. */
  wallReadTrace(): { startedAt: number; endedAt: number }[];

  // Metrics (`BENCH_ONLY=metrics`).

  /**
   * The dashboard's figures with no filter, `runs` times, outside a liveQuery, nothing rendered:
   * the whole read (facts rows and settings, then the figures), and its two halves on their own.
   * Milliseconds per run.
   */
  metricsTimes(runs: number): Promise<BenchMetricsTimes>;
};

export type BenchMetricsTimes = {
  incidents: number;
  /** readDashboard: what the dashboard waits for. */
  total: number[];
  /** Reading every facts row and the settings from IndexedDB. */
  read: number[];
  /** Every incident's metrics, then the filters and aggregates, from rows already read. */
  compute: number[];
};

export type BenchIngestSplit = {
  pages: number;
  /** parseEvent of each event (what ingestEvents does before its transaction). */
  validateMs: number;
  /** The existence check as ingestEvents makes it: bulkGet of the page's ids in this console's own (full) log. */
  existsMs: number;
  /** The same answer from one key range per device on [deviceId+deviceSeq] (ids are deviceId:deviceSeq). */
  existsByRangeMs: number;
  /** bulkAdd of the page to a log with the console's indexes, strict durability (as the console does). */
  logWriteMs: number;
  /** The same with relaxed durability. */
  logWriteRelaxedMs: number;
  /** The same without the `type` index (no query reads it). */
  logWriteNoTypeMs: number;
  /** The same into a store with the primary key alone: what the secondary indexes cost. */
  logWriteKeyOnlyMs: number;
  projectMs: number;
  /** The whole of ingestEvents into an empty database. */
  ingestMs: number;
};

export type BenchTraceEntry = {
  t: number;
  kind: 'send' | 'recv' | 'applyStart' | 'applyEnd' | 'call';
  /** Frame type (push, pull, acks, page, poke, welcome…), or the sync store's method a call ran. */
  type?: string;
  id?: string;
  head?: number;
  bytes?: number;
  events?: number;
  /** How long a call took. */
  ms?: number;
};

export type BenchBootstrap = {
  startedAt: number;
  /** joinHub's write committed. */
  joinedAt: number;
  syncedAt: number;
  readableAt: number;
  incidentListed: boolean;
  timelineLength: number;
  events: number;
  trace: BenchTraceEntry[];
};

const wallNow = () => performance.timeOrigin + performance.now();

let trace: BenchTraceEntry[] | null = null;
/** Runs of the wall's read recorded by `traceWallReads`. */
const wallReads: { startedAt: number; endedAt: number }[] = [];

/** From the first call on, records sync frames (wrapping WebSocket) and page applications (wrapping DexieSyncStore). */
function traceSync(): BenchTraceEntry[] {
  if (trace) return trace;
  const log: BenchTraceEntry[] = (trace = []);
  const describe = (kind: 'send' | 'recv', data: string): BenchTraceEntry => {
    const entry: BenchTraceEntry = { t: wallNow(), kind, bytes: data.length };
    // Frames are JSON.stringify'd objects whose first keys are t (and id): no need to parse 300 KB pages here.
    const match = /^\{"t":"(\w+)"(?:,"id":"([^"]*)")?/.exec(data.slice(0, 120));
    if (match) {
      entry.type = match[1];
      if (match[2]) entry.id = match[2];
    }
    if (entry.type === 'page') entry.head = Number(/"head":(\d+)\}$/.exec(data.slice(-40))?.[1]);
    else if (entry.type === 'welcome' || entry.type === 'poke') entry.head = (JSON.parse(data) as { head: number }).head;
    return entry;
  };
  const Native = window.WebSocket;
  class TracedSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Registered before the engine sets onmessage: runs first, so the time is the frame's arrival.
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string') log.push(describe('recv', event.data));
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') log.push(describe('send', data));
      super.send(data);
    }
  }
  (window as unknown as { WebSocket: typeof WebSocket }).WebSocket = TracedSocket;
  for (const name of ['acknowledge', 'eventsBeyond', 'outbox', 'outboxSize', 'prepareOutgoing'] as const) {
    const method = DexieSyncStore.prototype[name] as (...args: unknown[]) => Promise<unknown>;
    (DexieSyncStore.prototype[name] as unknown) = async function (this: DexieSyncStore, ...args: unknown[]) {
      const t = wallNow();
      try {
        return await method.apply(this, args);
      } finally {
        log.push({ t, kind: 'call', type: name, ms: wallNow() - t });
      }
    };
  }
  const applyPage = DexieSyncStore.prototype.applyPage;
  DexieSyncStore.prototype.applyPage = async function (this: DexieSyncStore, events, cursor) {
    log.push({ t: wallNow(), kind: 'applyStart', events: events.length });
    try {
      return await applyPage.call(this, events, cursor);
    } finally {
      log.push({ t: wallNow(), kind: 'applyEnd', events: events.length });
    }
  };
  return log;
}

/** Resolves with the time `holds` first yields true over a liveQuery of `query`; NaN after `timeoutMs`. */
function whenHolds<T>(query: () => Promise<T>, holds: (value: T) => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (value: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => subscription.unsubscribe());
      resolve(value);
    };
    const timer = setTimeout(() => finish(Number.NaN), timeoutMs);
    const subscription = liveQuery(query).subscribe({
      next: (value) => holds(value) && finish(wallNow()),
      error: (error: unknown) => {
        done = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    });
  });
}

/** An event as another console would have written it: sequence `seq` of `deviceId`, `stepMs` apart from `startMs`. */
function benchEvent(deviceId: string, incidentId: string, actor: string, startMs: number, stepMs: number) {
  return (seq: number, type: string, payload: unknown) => ({
    id: `${deviceId}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type as keyof typeof CURRENT_VERSION],
    hlc: encodeHlc({ ms: startMs + seq * stepMs, counter: 0 }),
    deviceId,
    deviceSeq: seq,
    actor,
    occurredAt: new Date(startMs + seq * stepMs).toISOString(),
    payload,
  });
}

export function installBenchHooks(db: WarroomDatabase): void {
  // When the last write committed: lets the benchmark split an interaction into the write and the repaint.
  Dexie.on('storagemutated', () => {
    (window as unknown as { __lastCommit: number }).__lastCommit = performance.now();
  });
  const hooks: BenchHooks = {
    ...searchBenchHooks(db),
    async seedIncident(entries) {
      const signer = await newSigner();
      const { deviceId } = signer;
      const start = Date.now() - entries * 1000 - 60_000;
      const incidentId = `${deviceId}:1`;
      const event = benchEvent(deviceId, incidentId, 'Bench Scribe', start, 1000);
      const events = [
        event(1, 'incident.declared', {
          title: `Benchmark incident with ${entries} entries`,
          kind: 'service',
          services: ['checkout', 'dns'],
          impact: 'organisation',
          urgency: 'missionCritical',
          priority: 'P1',
          tier: 'normal',
          declaredBy: 'Bench Scribe',
          drill: true,
        }),
      ];
      for (let i = 0; i < entries; i++) {
        events.push(
          event(i + 2, 'timeline.entryLogged', {
            kind: (['note', 'action', 'decision', 'observation'] as const)[i % 4],
            text: `Entry ${i + 1}: error rate on checkout-api at ${(i % 97) + 1}% after the config push; watching the p99.`,
          }),
        );
      }
      await ingestSigned(events, signer);
      return incidentId;
    },
    async seedWorkspace(incidentId, hypotheses, participants) {
      let seq = 0;
      const signer = await newSigner();
      const at = benchEvent(signer.deviceId, incidentId, 'Bench Commander', Date.now() - 3_600_000, 100);
      const event = (type: string, payload: unknown) => at(++seq, type, payload);
      const events = [];
      const statuses = ['testing', 'confirmed', 'refuted', 'parked'] as const;
      for (let i = 0; i < hypotheses; i++) {
        const statement = `Hypothesis ${i + 1}: the ${['config push', 'DNS change', 'cert rotation', 'kernel patch'][i % 4]} at 14:${String(i % 60).padStart(2, '0')} broke ${['checkout', 'login', 'search'][i % 3]}`;
        const proposed = event('hypothesis.proposed', {
          statement,
          owner: `Responder ${(i % participants) + 1}`,
          probe: { action: 'Roll back on one node', expectation: 'Errors stop on that node', timeBoxMinutes: 20 },
        });
        events.push(proposed);
        const status = i % 5 === 0 ? null : statuses[i % 4]!;
        if (status) {
          events.push(event('hypothesis.changed', { target: proposed.id, about: statement, field: 'status', value: status, prev: [proposed.id] }));
        }
      }
      for (let i = 0; i < participants; i++) {
        const person = `Responder ${i + 1}`;
        events.push(event('participant.engaged', { person, step: 'paged' }));
        if (i % 3 !== 0) events.push(event('participant.engaged', { person, step: 'acknowledged' }));
        if (i % 3 === 2) events.push(event('participant.engaged', { person, step: 'joined' }));
      }
      await ingestSigned(events, signer);
    },
    async seedPastIncidents(incidents, entriesPerIncident, seed = 1) {
      // Signed before the clock starts: what is timed is the ingest, as before signatures.
      const events = await signedPastIncidentEvents({ incidents, entriesPerIncident, seed }, await newSigner(), SEED_BATCH);
      const t0 = performance.now();
      await ingestBatches(events);
      return { events: events.length, ms: performance.now() - t0 };
    },
    async alertTotals() {
      const groups = await db.alertGroups.toArray();
      const alerts = groups.flatMap((group) => Object.values(group.alerts));
      return { groups: groups.length, alerts: alerts.length, notifications: alerts.reduce((sum, alert) => sum + alert.count, 0), events: await db.events.count() };
    },
    async rebuild() {
      const events = await db.events.count();
      const t0 = performance.now();
      await rebuildProjections(db);
      return { ms: performance.now() - t0, events };
    },
    async comms(incidentId, count, url) {
      const summary = (await db.incidents.get(incidentId))?.summary;
      if (!summary) throw new Error(`No incident ${incidentId}`);
      let { settings } = await getOrganisation(db);
      const webhook = { id: 'bench', name: 'bench relay', format: 'slack' as const, url, audiences: ['executives'] };
      await changeSetting(db, 'channels', { ...settings.channels, webhooks: [webhook] }, 'Bench Commander');
      ({ settings } = await getOrganisation(db));
      const audience = settings.audiences.find((a) => a.id === 'executives')!;
      const template = settings.templates.find((tpl) => tpl.audience === 'executives' && tpl.phase === 'update')!;
      const base = { incident: summary, audience, testing: ['the config push broke DNS'], commanders: ['Ada Lovelace'], standingBridges: settings.bridges };

      const t0 = performance.now();
      const drafts = [];
      for (let i = 0; i < count; i++) {
        const values = { ...placeholderValues({ ...base, now: Date.now() }), eta: `14:${String(i % 60).padStart(2, '0')} UTC` };
        const draft = renderTemplate(template, values);
        webhookRequest({ id: `x:${i}`, incidentId, incidentTitle: summary.title, audience: audience.id, audienceName: audience.name, phase: 'update', subject: draft.subject, text: draft.body, at: new Date().toISOString() }, 'slack');
        drafts.push(draft);
      }
      const t1 = performance.now();
      for (const draft of drafts) {
        await queueMessage(db, { incidentId, audience, phase: 'update', subject: draft.subject, text: draft.body, templateVersion: template.version, actor: 'Bench Commander', webhook });
      }
      const t2 = performance.now();
      let posted = 0;
      const post = (window as unknown as { __benchPost: WarroomBridge['deliverWebhook'] }).__benchPost;
      const worker = new WebhookDelivery({ db, bridge: { deliverWebhook: (request) => (posted++, post(request)) } });
      await worker.recoverInterrupted();
      while ((await db.messages.where('state').equals('queued').count()) > 0) await worker.runDue();
      const t3 = performance.now();
      const delivered = await db.messages.where('state').equals('delivered').count();
      return { renderMs: t1 - t0, queueMs: t2 - t1, deliverMs: t3 - t2, delivered, posted };
    },
    async setProfile(name) {
      await db.meta.put({ key: 'profile', name });
    },
    async signingTimes(count, run) {
      const signer = await newSigner();
      const event = benchEvent(signer.deviceId, 'benchroom0000a:1', 'Bench Scribe', Date.now() - count * 1000 - 60_000, 1000);
      const events = Array.from({ length: count }, (_, i) => event(i + 1, 'timeline.entryLogged', { kind: 'note', text: `Entry ${i + 1}: error rate on checkout-api at ${(i % 97) + 1}%.` }) as unknown as DomainEvent);
      const t0 = performance.now();
      const signed = await signEvents(events, signer, run);
      const t1 = performance.now();
      const verifier = new SealVerifier();
      let verified = 0;
      for (let from = 0; from < signed.length; from += run) {
        const verdicts = await judgeChains(signed.slice(from, from + run), new Map(), verifier);
        verified += verdicts.filter((v) => v.status === 'verified').length;
      }
      const t2 = performance.now();
      if (verified !== count) throw new Error(`${count - verified} of ${count} signed events were not verified`);
      return { events: count, seals: signed.filter((e) => e.seal).length, signMs: t1 - t0, verifyMs: t2 - t1 };
    },
    async joinHub(hubUrl, joinCode) {
      traceSync();
      await joinHub(db, hubUrl, joinCode);
    },
    waitSynced(head, timeoutMs = 60_000) {
      return whenHolds(
        async () => ({ cursor: (await getMembership(db))?.cursor?.seq ?? 0, outbox: await db.outbox.count() }),
        ({ cursor, outbox }) => cursor >= head && outbox === 0,
        timeoutMs,
      );
    },
    async joinAndSync(hubUrl, joinCode, head, incidentId, timeoutMs = 300_000) {
      const log = traceSync();
      log.length = 0;
      const startedAt = wallNow();
      await joinHub(db, hubUrl, joinCode);
      const joinedAt = wallNow();
      const syncedAt = await hooks.waitSynced(head, timeoutMs);
      return { startedAt, joinedAt, syncedAt, ...(await readBack(incidentId)), trace: log.splice(0) };
    },
    async pushOwn(hubUrl, joinCode, head, count, timeoutMs = 300_000) {
      const t0 = performance.now();
      const incidentId = await declareIncident(db, {
        title: 'Checkout failing in eu-west after the config push',
        kind: 'service',
        services: ['checkout-api'],
        impact: 'organisation',
        urgency: 'missionCritical',
        declaredBy: 'Bench Scribe',
        drill: true,
      });
      // One transaction around them all: the writes are the setup, not what is measured.
      await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
        for (let i = 1; i < count; i++) {
          await logEntry(db, { incidentId, kind: 'note', text: `Entry ${i}: checkout errors at ${(i % 97) + 1}% on node ${i % 40}.`, actor: 'Bench Scribe' });
        }
      });
      const writeMs = performance.now() - t0;
      const log = traceSync();
      log.length = 0;
      const startedAt = wallNow();
      await joinHub(db, hubUrl, joinCode);
      const syncedAt = await hooks.waitSynced(head + count, timeoutMs);
      return { writeMs, startedAt, syncedAt, trace: log.splice(0) };
    },
    async syncWithEngine(hubUrl, joinCode, head, incidentId, batch, timeoutMs = 300_000) {
      const log = traceSync();
      log.length = 0;
      const startedAt = wallNow();
      const { deviceId } = await db.device();
      const ws = new WebSocket(hubUrl);
      let settle!: { resolve: (at: number) => void; reject: (error: Error) => void };
      const synced = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
      const timer = setTimeout(() => settle.reject(new Error(`Not synced within ${timeoutMs} ms`)), timeoutMs);
      const conn = new SyncConnection(new DexieSyncStore(db), {
        deviceId,
        credentials: { kind: 'join', code: joinCode },
        app: 'warroom-bench',
        send: (frame) => ws.readyState === WebSocket.OPEN && ws.send(frame),
        close: () => ws.close(),
        now: Date.now,
        schedule: (fn, ms) => void setTimeout(fn, ms),
        batch,
        onStatus: (status) => {
          if (status.phase === 'synced') settle.resolve(wallNow());
          else if (status.phase === 'refused') settle.reject(new Error(`Refused: ${status.message}`));
        },
      });
      ws.onopen = () => conn.open();
      ws.onmessage = (event: MessageEvent) => void conn.receive(String(event.data));
      try {
        const syncedAt = await synced;
        if (head > 0 && (await db.events.count()) < head) throw new Error(`Synced with ${await db.events.count()} of ${head} events`);
        return { startedAt, joinedAt: startedAt, syncedAt, ...(await readBack(incidentId)), trace: log.splice(0) };
      } finally {
        clearTimeout(timer);
        conn.closed();
        ws.close();
      }
    },
    async nextEventId() {
      const device = await db.device();
      return `${device.deviceId}:${device.seq + 1}`;
    },
    async logEntry(incidentId, text) {
      const startedAt = wallNow();
      const id = await logEntry(db, { incidentId, kind: 'note', text, actor: 'Bench Scribe' });
      return { id, startedAt, committedAt: wallNow() };
    },
    waitForEvent(id, timeoutMs = 5000) {
      return whenHolds(() => db.events.get(id), (event) => event !== undefined, timeoutMs);
    },
    syncTrace() {
      return traceSync().splice(0);
    },
    async ingestSplit(incidentId, count, page) {
      const stored = await db.events
        .where('[incidentId+tl]')
        .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
        .limit(count)
        .toArray();
      const raws = stored.map(stripDerived);
      const eventsSchema = [...SCHEMA_VERSIONS].reverse().find((v) => v.stores.events)!.stores.events!;
      const name = (what: string) => `warroom-bench-scratch-${what}-${Date.now()}`;
      const logOnly = (what: string, schema: string, durability: 'strict' | 'relaxed') => {
        const scratch = new Dexie(name(what), { chromeTransactionDurability: durability });
        scratch.version(1).stores({ events: schema });
        return scratch;
      };
      const strict = logOnly('strict', eventsSchema, 'strict');
      const relaxed = logOnly('relaxed', eventsSchema, 'relaxed');
      const noType = logOnly('notype', eventsSchema.replace(/,\s*type(?=,|$)/, ''), 'strict');
      const keyOnly = logOnly('key', '&id', 'strict');
      const projectOnly = new WarroomDatabase(name('project'));
      const whole = new WarroomDatabase(name('ingest'));
      const scratches = [strict, relaxed, noType, keyOnly, projectOnly, whole];
      const split: BenchIngestSplit = {
        pages: 0,
        validateMs: 0,
        existsMs: 0,
        existsByRangeMs: 0,
        logWriteMs: 0,
        logWriteRelaxedMs: 0,
        logWriteNoTypeMs: 0,
        logWriteKeyOnlyMs: 0,
        projectMs: 0,
        ingestMs: 0,
      };
      const time = async (key: Exclude<keyof BenchIngestSplit, 'pages'>, work: () => unknown) => {
        const t = performance.now();
        await work();
        split[key] += performance.now() - t;
      };
      try {
        await Promise.all(scratches.map((scratch) => scratch.open()));
        for (let from = 0; from < raws.length; from += page) {
          const chunk = raws.slice(from, from + page);
          split.pages++;
          const events: DomainEvent[] = [];
          await time('validateMs', () => {
            for (const raw of chunk) {
              const parsed = parseEvent(raw);
              if (parsed.status === 'valid') events.push(parsed.event);
            }
          });
          const rows = events.map(toStored);
          await time('existsMs', () => db.events.bulkGet(rows.map((row) => row.id)));
          await time('existsByRangeMs', () => {
            const ranges = new Map<string, [number, number]>();
            for (const { deviceId, deviceSeq } of rows) {
              const [low, high] = ranges.get(deviceId) ?? [deviceSeq, deviceSeq];
              ranges.set(deviceId, [Math.min(low, deviceSeq), Math.max(high, deviceSeq)]);
            }
            const index = db.events.where('[deviceId+deviceSeq]');
            return Promise.all([...ranges].map(([device, [low, high]]) => index.between([device, low], [device, high], true, true).primaryKeys()));
          });
          const writes = [['logWriteMs', strict], ['logWriteRelaxedMs', relaxed], ['logWriteNoTypeMs', noType], ['logWriteKeyOnlyMs', keyOnly]] as const;
          for (const [key, scratch] of writes) {
            await time(key, () => scratch.transaction('rw', scratch.table('events'), () => scratch.table('events').bulkAdd(rows)));
          }
          await time('projectMs', () => projectOnly.transaction('rw', projectionTables(projectOnly), () => projectEvents(projectOnly, events)));
          await time('ingestMs', () => ingestEvents(whole, chunk));
        }
      } finally {
        await Promise.all(scratches.map((scratch) => scratch.delete()));
      }
      return split;
    },
    async wallQueryTimes(incidentId, runs) {
      const timed = async (read: () => Promise<unknown>) => {
        const times = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await read();
          times.push(performance.now() - t0);
        }
        return times;
      };
      return {
        overview: await timed(() => getWallOverview(db)),
        incident: await timed(() => getWallIncident(db, incidentId, WALL_ENTRIES)),
      };
    },
    traceWallReads(incidentId) {
      const read = () => (incidentId === null ? getWallOverview(db) : getWallIncident(db, incidentId, WALL_ENTRIES));
      liveQuery(async () => {
        const startedAt = wallNow();
        const result = await read();
        wallReads.push({ startedAt, endedAt: wallNow() });
        return result;
      }).subscribe({});
    },
    wallReadTrace() {
      return wallReads.splice(0);
    },
    async metricsTimes(runs) {
      const times: BenchMetricsTimes = { incidents: 0, total: [], read: [], compute: [] };
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const dashboard = await readDashboard(db, NO_FILTER, Date.now());
        const t1 = performance.now();
        const [rows, { settings }] = await Promise.all([db.incidentFacts.toArray(), getOrganisation(db)]);
        const t2 = performance.now();
        const all = rows.flatMap((row) => incidentMetrics(row.facts, settings, Date.now()) ?? []);
        aggregateMetrics(all, NO_FILTER);
        const t3 = performance.now();
        times.incidents = dashboard.incidents + dashboard.drillsLeftOut;
        times.total.push(t1 - t0);
        times.read.push(t2 - t1);
        times.compute.push(t3 - t2);
      }
      return times;
    },
  };

  /** Ingests events in batches of SEED_BATCH, each ending at a seal, as a sync would bring them. */
  async function ingestBatches(events: readonly unknown[]) {
    for (let from = 0; from < events.length; from += SEED_BATCH) {
      const result = await ingestEvents(db, events.slice(from, from + SEED_BATCH));
      if (result.rejected.length) throw new Error(`Seeding rejected events: ${result.rejected[0]!.error}`);
    }
  }

  /** Signs one new device's events (seq 1, 2… in order) and ingests them. */
  async function ingestSigned(events: readonly unknown[], signer: Signer) {
    await ingestBatches(await signEvents(events as DomainEvent[], signer, SEED_BATCH));
  }

  /** What a person would see first: the incident list and the timeline's length, read from the projections. */
  async function readBack(incidentId: string) {
    // As the incident list reads it: the open incidents and the first page of past ones.
    const incidents = [...(await listOpenIncidents(db)), ...(await listPastIncidents(db, PAST_PAGE)).incidents];
    const length = await timelineLength(db, incidentId);
    return { readableAt: wallNow(), incidentListed: incidents.some((i) => i.id === incidentId), timelineLength: length, events: await db.events.count() };
  }
  (window as unknown as { warroomBench: BenchHooks }).warroomBench = hooks;
}
