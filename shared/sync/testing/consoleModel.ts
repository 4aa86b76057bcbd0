/**
 * One console in the simulation: what it keeps durably (its event log, outbox,
 * cursor, rejected events, token, clock), a `ConsoleSyncStore` over it whose
 * every call is atomic, and the local actions a person takes, written the way
 * the real console writes them (its own skewed clock through the HLC, its own
 * device sequence, `prev` naming the heads it has seen).
 *
 * A crash throws away whatever is volatile (the connection, its timers, calls
 * in flight): a store call from a crashed connection never completes and
 * changes nothing. A crash can be armed to happen at the n-th durable call
 * from now, before or after that call takes effect, so the schedule can stop a
 * console between the hub acknowledging and the ack being recorded, or between
 * a page arriving and it being applied.
 */
import { DEFAULT_ROLES } from '../../domain/catalogues';
import { CURRENT_VERSION, ENTRY_KINDS, HYPOTHESIS_STATUSES, ORGANISATION_STREAM, STATUSES, parseEvent, type DomainEvent, type EventType } from '../../domain/events';
import { receiveHlc, tickHlc, type Hlc } from '../../domain/hlc';
import { viewMessage } from '../../domain/messages';
import { viewOrganisation } from '../../domain/organisation';
import { buildTimeline } from '../../domain/timeline';
import { ZERO_LINK, contentHash, contentOf, idsToLookUp, judgeChains, nextLink, type ChainVerdict, type Seal, type SealVerifier, type Signer } from '../chain';
import { sealOutgoing, type HeldEvent } from '../outgoing';
import type { Ack, Cursor, WelcomeMessage } from '../protocol';
import type { ConsoleSyncStore } from '../syncConnection';
import { covers, type VersionVector } from '../versionVector';
import { deviceIdForKey } from '../chain';
import { emptyProjection, hypothesisSummaries, incidentSummary, project, rosterView, type Projection } from './projections';

/** Bugs the harness can plant, one at a time, to show that it catches them. Never on in the convergence run. */
export const PLANTED_BUGS = [
  /** applyPage moves the cursor and forgets to ingest the page's events. */
  'pageSkipsIngest',
  /** applyPage in two durable steps (cursor, then events) instead of one: a crash between loses the page. */
  'splitApplyPage',
  /** Outbox rows are deleted when read for a push, before the hub acknowledges them. */
  'outboxDropsBeforeAck',
  /** What the hub lacks (the welcome's vector) is never looked at: only the outbox is pushed. */
  'ignoreWelcomeVector',
  /** Ingest stores an event it already holds again instead of ignoring it. */
  'ingestKeepsDuplicates',
  /** The hub numbers and stores every pushed event, even one it holds. */
  'hubNoDedup',
  /** The title shown is the last title write to arrive (last-writer-wins by arrival), not the register's. */
  'lwwTitleByArrival',
  /** The hub host pokes every session that said hello, before its welcome, with no catch-up (server.ts does not). */
  'hubPokesBeforeWelcome',
  /** The hub takes every seal for good without checking it (nor whose key made it). */
  'hubTrustsSeals',
  /** A console takes every seal for good without checking it (nor whose key made it). */
  'consoleTrustsSeals',
] as const;
export type PlantedBug = (typeof PLANTED_BUGS)[number];

export const ACTS = [
  'declare',
  'title',
  'status',
  'entry',
  'correct',
  'strike',
  'propose',
  'hypStatus',
  'evidence',
  'assign',
  'engage',
  'message',
  'outcome',
  'setting',
] as const;
export type Act = (typeof ACTS)[number];

/** The simulated epoch: 1 March 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const HOUR = 3_600_000;

/** Ed25519 without waiting on another thread, so schedules replay exactly: keys come from seeds. */
export type SimCrypto = {
  keyPair(seed: Uint8Array): { publicKey: string; sign(message: Uint8Array): string };
  verify(publicKey: string, sig: string, message: Uint8Array): boolean;
};

export type ConsoleEnv = {
  /** The true time (the hub's clock). */
  now(): number;
  crypto: SimCrypto;
  verifier: SealVerifier;
  bugs: ReadonlySet<PlantedBug>;
  /** An invariant broke inside a store call: recorded, and the run fails after the step. */
  violation(message: string): void;
  /** The hub refused an event this console pushed. */
  rejected(console: number, id: string, reason: string): void;
  trace(line: string): void;
};

type Crash = { calls: number; applied: boolean };

const NEVER = new Promise<never>(() => {});
const TITLES = ['Checkout errors', 'Payments slow', 'Login fails', 'DNS down'];
const PEOPLE = ['Ada', 'Grace', 'Linus', 'Barbara'];
const ENGAGEMENT = ['paged', 'acknowledged', 'joined', 'released'] as const;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class ConsoleModel {
  deviceId: string;
  private signer: Signer;
  /** How many identities this console has had (a restore takes a new one). */
  private identity = 0;

  // ---- durable -------------------------------------------------------------
  /** Every event held, in arrival order. */
  readonly log: DomainEvent[] = [];
  readonly byId = new Map<string, DomainEvent>();
  /** Ids of events written here that no hub has acknowledged, oldest first. */
  outboxIds: string[] = [];
  /** Events the hub refused, kept for the user with the reason. */
  readonly aside = new Map<string, string>();
  cursor: Cursor | null = null;
  token: string | null = null;
  bundleKey: string | null = null;
  seq = 0;
  hlc: Hlc | null = null;
  /** The hub's clock minus ours, once learnt: the HLC then runs on the corrected clock. */
  offset: number | null = null;
  projection: Projection;
  /** Events received with a clock far ahead of ours: stored anyway, flagged. */
  readonly suspect = new Set<string>();
  /** Every cursor ever written, in order: within an epoch it must only move forward. */
  readonly cursorWrites: Cursor[] = [];
  /** Ids a hub acknowledged or refused to this console: the only way an event may leave the outbox. */
  readonly answered = new Set<string>();
  /** Authorship of what is held (shared/sync/chain.ts): the link after each event, seals, and links before run starts. */
  readonly links = new Map<string, string>();
  readonly seals = new Map<string, Seal>();
  readonly chains = new Map<string, string>();
  ownLink = ZERO_LINK;

  // ---- volatile ------------------------------------------------------------
  /** Bumped by a crash: calls from connections of an older generation never complete. */
  gen = 0;
  private armed: Crash | null = null;
  /** Set by the simulation: what a crash does to the rest of the world (the link breaks). */
  onCrash: (why: string) => void = () => {};

  constructor(
    readonly index: number,
    private readonly skewMs: number,
    private readonly driftMsPerHour: number,
    private readonly env: ConsoleEnv,
  ) {
    this.signer = this.newSigner();
    this.deviceId = this.signer.deviceId;
    this.projection = emptyProjection(env.bugs.has('lwwTitleByArrival'));
  }

  private newSigner(): Signer {
    const seed = new Uint8Array(32);
    seed[0] = this.index;
    seed[1] = this.identity;
    seed[2] = 0x5a;
    const pair = this.env.crypto.keyPair(seed);
    return { deviceId: deviceIdForKey(pair.publicKey), publicKey: pair.publicKey, sign: (message) => Promise.resolve(pair.sign(message)) };
  }

  /** Events as this console holds them, with what travels beside their content. */
  private held(id: string): HeldEvent {
    const event = clone(this.byId.get(id)!) as HeldEvent;
    const link = this.links.get(id);
    const seal = this.seals.get(id);
    const chain = this.chains.get(id);
    return { ...event, ...(link ? { link } : {}), ...(seal ? { seal } : {}), ...(chain ? { chain } : {}) };
  }

  /** This console's own wall clock: skewed and drifting. */
  rawClock(): number {
    const t = this.env.now();
    return Math.round(t + this.skewMs + (this.driftMsPerHour * (t - T0)) / HOUR);
  }

  /**
   * The clock the HLC runs on: corrected by the hub's offset once one is
   * known, as renderer/src/db/eventStore.ts does (offsets under a second are
   * network noise, not a wrong clock).
   */
  wall(): number {
    const offset = this.offset !== null && Math.abs(this.offset) >= 1000 ? Math.round(this.offset) : 0;
    return this.rawClock() + offset;
  }

  // ---- crashes ---------------------------------------------------------------

  /** Crash at the `calls`-th durable store call from now (0: now), before or after it takes effect. */
  armCrash(calls: number, applied: boolean): void {
    if (calls <= 0) this.crash('at a step boundary');
    else this.armed = { calls, applied };
  }

  disarm(): void {
    this.armed = null;
  }

  crash(why: string): void {
    this.armed = null;
    this.gen += 1;
    this.env.trace(`c${this.index} CRASH ${why}`);
    this.onCrash(why);
  }

  private read<T>(gen: number, fn: () => T): Promise<T> {
    if (gen !== this.gen) return NEVER;
    return Promise.resolve(fn());
  }

  /** One atomic durable call: all of it happens, or (crashed before it) none of it. */
  private durable(gen: number, name: string, apply: () => void): Promise<void> {
    if (gen !== this.gen) return NEVER;
    const armed = this.armed;
    if (armed && --armed.calls <= 0) {
      if (armed.applied) apply();
      this.crash(`${armed.applied ? 'after' : 'before'} ${name} took effect`);
      return NEVER;
    }
    apply();
    return Promise.resolve();
  }

  /** The store a connection of the current generation talks to. */
  storeFor(gen: number): ConsoleSyncStore {
    const bugs = this.env.bugs;
    return {
      cursor: () => this.read(gen, () => (this.cursor ? { ...this.cursor } : null)),
      outbox: (limit) =>
        this.read(gen, () => {
          const ids = this.outboxIds.slice(0, limit);
          if (bugs.has('outboxDropsBeforeAck')) this.outboxIds = this.outboxIds.slice(ids.length);
          return ids.map((id) => this.held(id));
        }),
      outboxSize: () => this.read(gen, () => this.outboxIds.length),
      eventsBeyond: (vector, limit) => this.read(gen, () => (bugs.has('ignoreWelcomeVector') ? [] : this.eventsBeyond(vector, limit))),
      acknowledge: (acks, cursor) =>
        this.durable(gen, 'acknowledge', () => {
          this.acknowledge(acks);
          if (cursor) this.writeCursor(cursor);
        }),
      applyPage: async (events, cursor) => {
        const judged = await this.read(gen, () => this.judge(events)).then((verdicts) => verdicts);
        if (bugs.has('splitApplyPage')) {
          return this.durable(gen, 'applyPage (cursor)', () => this.writeCursor(cursor)).then(() =>
            this.durable(gen, 'applyPage (events)', () => this.ingest(events, judged, 'page')),
          );
        }
        return this.durable(gen, 'applyPage', () => {
          if (!bugs.has('pageSkipsIngest')) this.ingest(events, judged, 'page');
          this.writeCursor(cursor);
        });
      },
      saveWelcome: (welcome) => this.durable(gen, 'saveWelcome', () => this.saveWelcome(welcome)),
      prepareOutgoing: (events) => this.read(gen, () => this.seal(events as HeldEvent[])).then((sealed) => sealed),
      ownHistoryAhead: (vector) =>
        this.read(gen, () => {
          if ((vector[this.deviceId] ?? 0) <= this.seq) return false;
          this.takeNewIdentity();
          return true;
        }),
      forgetCursor: () =>
        this.durable(gen, 'forgetCursor', () => {
          // Told by the hub: its log is not the one the cursor was in. The cursor's history starts again.
          this.cursor = null;
          this.cursorWrites.length = 0;
        }),
    };
  }

  /** A restore was found: write under a new identity from now on. */
  takeNewIdentity(): void {
    this.identity += 1;
    this.signer = this.newSigner();
    this.env.trace(`c${this.index} takes a new identity ${this.signer.deviceId} (was ${this.deviceId})`);
    this.deviceId = this.signer.deviceId;
    this.seq = 0;
    this.ownLink = ZERO_LINK;
  }

  /** Own events sealed, others' cut back to their seals (shared/sync/outgoing.ts). */
  seal(events: readonly HeldEvent[]): Promise<unknown[]> {
    return sealOutgoing(events, {
      ownDeviceId: this.deviceId,
      signer: () => Promise.resolve(this.signer),
      linksOf: (ids) => Promise.resolve(new Map(ids.flatMap((id) => (this.links.has(id) ? [[id, this.links.get(id)!] as const] : [])))),
      saveSeals: (made) => {
        for (const { id, seal } of made) this.seals.set(id, seal);
        return Promise.resolve();
      },
    });
  }

  /** Checks events from elsewhere against their authors' seals (nothing changes here). */
  judge(raws: readonly unknown[]): Promise<(ChainVerdict | { index: number; status: 'invalid'; reason: string })[]> {
    const valid: { raw: unknown; index: number }[] = [];
    const out: (ChainVerdict | { index: number; status: 'invalid'; reason: string })[] = new Array(raws.length);
    raws.forEach((raw, index) => {
      const parsed = parseEvent(clone(raw));
      if (parsed.status === 'valid') valid.push({ raw, index });
      else out[index] = { index, status: 'invalid', reason: parsed.status === 'invalid' ? parsed.error : 'unknown type' };
    });
    const events = valid.map(({ raw }) => clone(raw) as HeldEvent);
    const held = new Map(idsToLookUp(events).flatMap((id) => (this.links.has(id) ? [[id, this.links.get(id)!] as const] : [])));
    return judgeChains(events, held, this.env.verifier).then((verdicts) => {
      for (const verdict of verdicts) out[valid[verdict.index]!.index] = { ...verdict, index: valid[verdict.index]!.index };
      return out;
    });
  }

  // ---- the store's operations (each runs whole, inside one durable call) -----

  eventsBeyond(vector: VersionVector, limit: number): HeldEvent[] {
    const sorted = this.log
      .filter((e) => !covers(vector, e.deviceId, e.deviceSeq))
      .sort((a, b) => (a.deviceId !== b.deviceId ? (a.deviceId < b.deviceId ? -1 : 1) : a.deviceSeq - b.deviceSeq));
    // Another author's run goes on to its next seal, as the real store reads it: a window without one could never leave.
    let end = Math.min(limit, sorted.length);
    while (end < sorted.length && end > 0 && sorted[end - 1]!.deviceId !== this.deviceId && !this.seals.has(sorted[end - 1]!.id) && sorted[end]!.deviceId === sorted[end - 1]!.deviceId) end++;
    return sorted.slice(0, end).map((e) => this.held(e.id));
  }

  private acknowledge(acks: readonly Ack[]): void {
    for (const ack of acks) {
      this.answered.add(ack.id);
      const held = this.byId.has(ack.id);
      if (!held) this.env.violation(`c${this.index} was acknowledged ${ack.id} (${ack.status}), which it does not hold`);
      if (ack.status === 'later') continue;
      if (ack.status === 'rejected') {
        this.env.rejected(this.index, ack.id, ack.reason);
        if (this.outboxIds.includes(ack.id)) {
          this.outboxIds = this.outboxIds.filter((id) => id !== ack.id);
          this.aside.set(ack.id, ack.reason);
        }
      } else {
        if (this.outboxIds.includes(ack.id)) this.outboxIds = this.outboxIds.filter((id) => id !== ack.id);
        // Refused once (its clock was ahead), taken since: it is no longer the user's problem.
        this.aside.delete(ack.id);
      }
    }
  }

  private writeCursor(cursor: Cursor): void {
    const before = [...this.cursorWrites].reverse().find((c) => c.epoch === cursor.epoch);
    if (before && cursor.seq <= before.seq) {
      this.env.violation(`c${this.index} cursor went from ${before.seq} back to ${cursor.seq} in epoch ${cursor.epoch}`);
    }
    this.cursorWrites.push({ ...cursor });
    this.cursor = { ...cursor };
  }

  private saveWelcome(welcome: WelcomeMessage): void {
    if (welcome.token) this.token = welcome.token;
    if (welcome.bundleKey) this.bundleKey = welcome.bundleKey;
  }

  /** Takes events from elsewhere (a page, a bundle), as judged: covered ones stored, clocks received; nothing else. */
  /** `hostile`: a bundle from the adversary, which may hold anything; only what its authors signed is taken. */
  ingest(raws: readonly unknown[], judged: Awaited<ReturnType<ConsoleModel['judge']>>, source: 'page' | 'bundle' | 'hostile'): number {
    let added = 0;
    raws.forEach((raw, index) => {
      const verdict = judged[index]!;
      const id = (raw as { id?: unknown }).id;
      if (typeof id === 'string' && this.byId.has(id) && !this.env.bugs.has('ingestKeepsDuplicates')) {
        if (source === 'page') this.aside.delete(id); // the hub holds it after all
        const other = verdict.status === 'conflict' || (verdict.status === 'verified' && verdict.link !== this.links.get(id));
        if (other && this.links.get(id) !== undefined && source !== 'hostile') this.env.violation(`c${this.index} was given other content under ${id} (${source})`);
        return;
      }
      if (verdict.status !== 'verified') {
        if (verdict.status !== 'held' && source !== 'hostile') this.env.violation(`c${this.index} was given an event it cannot accept (${source}): ${verdict.reason}`);
        return;
      }
      const parsed = parseEvent(contentOf(clone(raw) as object));
      if (parsed.status !== 'valid') return;
      const event = parsed.event;
      const received = receiveHlc(this.hlc, event.hlc, this.wall());
      this.hlc = received.hlc;
      if (received.suspect) this.suspect.add(event.id);
      if (source === 'page') this.aside.delete(event.id);
      this.log.push(event);
      this.byId.set(event.id, event);
      this.links.set(event.id, verdict.link);
      if (verdict.seal) this.seals.set(event.id, verdict.seal);
      if (!this.links.has(`${event.deviceId}:${event.deviceSeq - 1}`) && event.deviceSeq > 1) this.chains.set(event.id, verdict.chain);
      project(this.projection, event);
      added += 1;
    });
    return added;
  }

  /** Own events no longer in the outbox that no hub ever acknowledged or refused: an outbox that forgot them. */
  forgotten(): string[] {
    const queued = new Set(this.outboxIds);
    return this.log.filter((e) => e.deviceId === this.deviceId && !queued.has(e.id) && !this.answered.has(e.id)).map((e) => e.id);
  }

  // ---- bundles ---------------------------------------------------------------

  exportBundle(): Promise<unknown[]> {
    return this.seal(this.log.map((event) => this.held(event.id)));
  }

  async importBundle(events: readonly unknown[], hostile = false): Promise<number> {
    return this.ingest(events, await this.judge(events), hostile ? 'hostile' : 'bundle');
  }

  // ---- local actions ---------------------------------------------------------

  private append(type: EventType, incidentId: string | null, payload: unknown, occurredMs?: number): DomainEvent {
    const wall = this.wall();
    // What a person sees stays on the local clock; only the HLC follows the hub's.
    const local = this.rawClock();
    this.seq += 1;
    this.hlc = tickHlc(this.hlc, wall);
    const id = `${this.deviceId}:${this.seq}`;
    const parsed = parseEvent({
      id,
      incidentId: incidentId ?? id,
      type,
      v: CURRENT_VERSION[type],
      hlc: this.hlc,
      deviceId: this.deviceId,
      deviceSeq: this.seq,
      actor: PEOPLE[this.index % PEOPLE.length]!,
      occurredAt: new Date(occurredMs ?? local).toISOString(),
      payload,
    });
    if (parsed.status !== 'valid') throw new Error(`The harness wrote an invalid ${type}: ${parsed.status === 'invalid' ? parsed.error : 'unknown'}`);
    const event = parsed.event;
    this.ownLink = nextLink(this.ownLink, contentHash(event));
    this.links.set(id, this.ownLink);
    this.log.push(event);
    this.byId.set(id, event);
    this.outboxIds.push(id);
    project(this.projection, event);
    return event;
  }

  /** Incidents whose declaration this console has seen, by id. */
  private incidents(): string[] {
    return [...this.projection.incidents.values()]
      .filter((state) => state.declared)
      .map((state) => state.id)
      .sort();
  }

  /**
   * A person acts on what this console shows. An act that needs an incident
   * when none has been seen declares one instead. Returns the event written.
   */
  write(act: Act, n: number): DomainEvent {
    const p = this.projection;
    const incidents = this.incidents();
    const incidentId = incidents[n % Math.max(1, incidents.length)];
    if (act === 'setting') {
      const heads = viewOrganisation(p.organisation).heads.services;
      const value = [{ name: `service ${n % 3}`, criticality: 'supporting', owner: 'Ops', continuity: 'warm' }];
      return this.append('organisation.settingChanged', ORGANISATION_STREAM, { setting: 'services', value, prev: heads });
    }
    if (act === 'declare' || !incidentId) {
      return this.append('incident.declared', null, {
        title: TITLES[n % TITLES.length],
        kind: 'service',
        services: ['checkout'],
        impact: 'organisation',
        urgency: 'missionCritical',
        priority: 'P1',
        tier: 'normal',
        declaredBy: PEOPLE[this.index % PEOPLE.length],
        drill: false,
      });
    }
    const summary = incidentSummary(p, incidentId)!;
    const entry = () =>
      this.append('timeline.entryLogged', incidentId, { kind: ENTRY_KINDS[n % ENTRY_KINDS.length], text: `entry ${this.seq + 1} from c${this.index}` }, this.rawClock() - (n % 4) * 600_000);
    switch (act) {
      case 'title':
        return this.append('incident.fieldChanged', incidentId, { field: 'title', value: TITLES[n % TITLES.length], prev: summary.heads.title });
      case 'status':
        return this.append('incident.fieldChanged', incidentId, { field: 'status', value: STATUSES[n % STATUSES.length], prev: summary.heads.status });
      case 'entry':
        return entry();
      case 'correct':
      case 'strike': {
        const entries = buildTimeline(incidentId, p.streams.get(incidentId) ?? []).filter((item) => item.entry);
        const target = entries[n % Math.max(1, entries.length)];
        if (!target?.entry) return entry();
        if (act === 'strike') return this.append('timeline.entryStruck', incidentId, { target: target.event.id, reason: 'logged in error' });
        return this.append('timeline.entryCorrected', incidentId, {
          target: target.event.id,
          kind: target.entry.kind,
          text: `${target.entry.text} (corrected by c${this.index})`,
          prev: target.entry.headIds,
        });
      }
      case 'propose':
        return this.append('hypothesis.proposed', incidentId, {
          statement: `hypothesis ${n % 5}`,
          owner: PEOPLE[n % PEOPLE.length],
          probe: { action: 'look at the graphs', expectation: 'a spike', timeBoxMinutes: 15 },
        });
      case 'hypStatus':
      case 'evidence': {
        const hypotheses = hypothesisSummaries(p, incidentId);
        const h = hypotheses[n % Math.max(1, hypotheses.length)];
        if (!h) return this.write('propose', n);
        if (act === 'evidence') {
          return this.append('hypothesis.evidenceAdded', incidentId, { target: h.id, about: h.statement, stance: n % 2 ? 'for' : 'against', text: `evidence ${n}` });
        }
        return this.append('hypothesis.changed', incidentId, {
          target: h.id,
          about: h.statement,
          field: 'status',
          value: HYPOTHESIS_STATUSES[n % HYPOTHESIS_STATUSES.length],
          prev: h.heads.status,
        });
      }
      case 'assign': {
        const role = DEFAULT_ROLES[n % 3]!;
        const view = rosterView(p, incidentId).roles.find((r) => r.id === role.id);
        return this.append('role.assigned', incidentId, {
          role: role.id,
          roleName: role.name,
          holders: [PEOPLE[n % PEOPLE.length]],
          previousHolders: view?.holders.map((h) => h.name) ?? [],
          prev: view?.heads ?? [],
        });
      }
      case 'engage': {
        const step = ENGAGEMENT[Math.floor(n / PEOPLE.length) % ENGAGEMENT.length]!;
        const person = PEOPLE[n % PEOPLE.length];
        return this.append('participant.engaged', incidentId, step === 'released' ? { person, step, reason: 'no longer needed' } : { person, step });
      }
      case 'message': {
        const record = { audience: 'technical', audienceName: 'Technical bridge', phase: 'update', subject: 'Update', text: `update ${n}` };
        if (n % 2) return this.append('message.sent', incidentId, { ...record, channel: 'clipboard' });
        return this.append('message.queued', incidentId, { ...record, channel: 'webhook', webhook: { id: 'ops-slack', name: 'Ops Slack', format: 'slack' } });
      }
      case 'outcome': {
        const messages = [...p.messages.values()].map(viewMessage).filter((m) => m !== null && m.incidentId === incidentId);
        const m = messages[n % Math.max(1, messages.length)];
        if (!m) return this.write('message', n);
        const target = { target: m.id, audienceName: m.audienceName, phase: m.phase };
        switch (n % 4) {
          case 0:
            return this.append('message.delivered', incidentId, { ...target, attempts: 1, status: 200 });
          case 1:
            return this.append('message.deliveryFailed', incidentId, { ...target, attempts: 2, reason: 'timed out', status: null });
          case 2:
            return this.append('message.requeued', incidentId, target);
          default:
            return this.append('message.cancelled', incidentId, { ...target, reason: 'superseded' });
        }
      }
    }
  }
}
