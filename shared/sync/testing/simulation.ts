/**
 * The convergence simulation: several consoles, one hub, bundle files, and a
 * network the schedule controls. Consoles run the real SyncConnection against
 * in-memory stores; the hub runs the real HubSession over the real
 * MemoryHubStore (behind a gate, so sessions interleave). Each connection is
 * two queues of frames, one per direction; the schedule delivers, reorders,
 * duplicates and drops them, crashes consoles, restarts and restores the hub,
 * cuts consoles off, carries bundles, and lets time pass on skewed clocks.
 * A hostile member of the space (the adversary) pushes forged, altered,
 * unsigned, replayed and oversized events and hands consoles forged bundles:
 * none of it may reach a console, and no honest event may be lost for it.
 *
 * `run` plays a schedule, then heals the world (no more faults, everyone
 * connected) and checks that it converged. Any broken invariant throws a
 * SimulationFailure carrying the tail of the trace.
 */
import { parseEvent, type DomainEvent } from '../../domain/events';
import { hlcTime } from '../../domain/hlc';
import type { SpaceRecord } from '../hubStore';
import { HubSession } from '../hubSession';
import { MemoryHubStore } from '../memoryHubStore';
import { PROTOCOL, type Ack, type Cursor, type HubMessage } from '../protocol';
import { RateLimiter } from '../rateLimiter';
import { SharedPages, encodeHubFrame } from '../sharedPages';
import { SyncConnection, type ConnectionStatus } from '../syncConnection';
import { ZERO_LINK, SealVerifier, contentHash, contentOf, deviceIdForKey, nextLink, sealMessage, sealedPrefix, type Seal, type TravellingEvent } from '../chain';
import { ConsoleModel, T0, type PlantedBug, type SimCrypto } from './consoleModel';
import { simCrypto, simVerifier } from './simCrypto';
import { GatedHubStore, NoDedupHubStore } from './hubStores';
import { canonical, firstDifference, referenceViews, sameData, viewsOf } from './projections';
import { describeConfig, describeStep, type AttackKind, type Side, type SimConfig, type Step } from './schedule';

export const SPACE: SpaceRecord = {
  id: 'room',
  name: 'War room',
  secret: '5e'.repeat(32),
  joinCode: 'ABCD-EFGH-JKLM',
  epoch: 'epoch-1',
};

/** Tight limits for "rate-limited" runs: a console soon has to wait. */
const TIGHT_LIMITS = { requestsPerSecond: 2, requestBurst: 4, eventsPerSecond: 50, eventBurst: 1000 };

type Frame = { n: number; text: string };

class Link {
  up: Frame[] = [];
  down: Frame[] = [];
  /** hubClosing: the hub sent its last frame (an error) and reads nothing more; the link closes once that frame is through. */
  state: 'open' | 'hubClosing' | 'closed' = 'open';
  breakAt: number | null = null;
  hubChain: Promise<void> = Promise.resolve();
  status: ConnectionStatus | null = null;
  welcomed = false;
  conn!: SyncConnection;
  session!: HubSession;

  constructor(
    readonly id: number,
    readonly c: number,
    readonly gen: number,
  ) {}
}

export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
}

export type SimStats = {
  steps: number;
  written: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  crashes: number;
  hubRestarts: number;
  restores: number;
  rejected: number;
  rateLimited: number;
  epochResets: number;
  imports: number;
  healSteps: number;
  events: number;
  /** Pokes that reached a console before its welcome (what loses a wake-up). */
  pokesBeforeWelcome: number;
  /** Welcomes whose head was already behind (another session's push landed while the hello was answered). */
  staleWelcomes: number;
  /** Pages applied while the schedule ran (before healing). */
  pagesBeforeHeal: number;
  /** Tricks the adversary tried, and its events the hub or a console refused. */
  attacks: number;
  hostileRefused: number;
};

export type SimOptions = {
  bugs?: readonly PlantedBug[];
  /** How many trace lines a failure shows. */
  traceTail?: number;
  /** Steps allowed for each heal phase to settle. */
  quiesceLimit?: number;
  /**
   * Frames towards a console are reordered freely, except that nothing
   * overtakes its welcome (default true). SyncConnection drops a poke that
   * arrives before the welcome, and the hub's catch-up poke may carry the
   * only news of a push that landed while the hello was answered: see the
   * known-bug test in simulation.test.ts. Set false to reorder that too.
   */
  welcomeFirst?: boolean;
};

const setImmediateLike: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ??
  ((fn) => (globalThis as unknown as { setTimeout: (fn: () => void, ms: number) => void }).setTimeout(fn, 0));

/** Lets every promise continuation that can run, run (everything here is in memory: nothing waits on I/O). */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediateLike(resolve));
}

function short(text: string): string {
  return text.replace(/console(\d)/g, 'c$1');
}

/** One line per frame, for the trace. */
export function briefFrame(text: string): string {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text.slice(0, 80);
  }
  const ids = (list: unknown) => (list as { id: string }[]).map((e) => e.id).join(' ');
  switch (m.t) {
    case 'hello':
      return `hello (${(m.auth as { kind: string }).kind})`;
    case 'welcome':
      return `welcome ${m.epoch} head ${m.head} vector ${JSON.stringify(m.vector)}${m.token ? ' +token' : ''}`;
    case 'push':
      return `push ${m.id} [${ids(m.events)}]`;
    case 'acks':
      return `acks ${m.id} [${(m.acks as { id: string; status: string; seq?: number }[]).map((a) => `${a.id} ${a.status}${a.seq ? `@${a.seq}` : ''}`).join(', ')}]`;
    case 'pull':
      return `pull ${m.id} after ${m.after}`;
    case 'page':
      return `page ${m.id} ${m.epoch} [${(m.events as { seq: number; event: { id: string } }[]).map((e) => `${e.seq}=${e.event.id}`).join(' ')}] head ${m.head}`;
    case 'poke':
      return `poke ${m.head}`;
    case 'error':
      return `error ${m.code}${m.id ? ` (${m.id})` : ''}: ${m.message}`;
    default:
      return text.slice(0, 80);
  }
}

export class Simulation {
  now = T0;
  stepNo = 0;
  readonly consoles: ConsoleModel[];
  readonly hubStore: GatedHubStore;
  readonly stats: SimStats = {
    steps: 0,
    written: 0,
    delivered: 0,
    dropped: 0,
    duplicated: 0,
    crashes: 0,
    hubRestarts: 0,
    restores: 0,
    rejected: 0,
    rateLimited: 0,
    epochResets: 0,
    imports: 0,
    healSteps: 0,
    events: 0,
    pokesBeforeWelcome: 0,
    staleWelcomes: 0,
    pagesBeforeHeal: 0,
    attacks: 0,
    hostileRefused: 0,
  };
  /** Every event id the hub acknowledged as held (accepted or duplicate), ever / since the last restore. */
  readonly acked = new Set<string>();
  private ackedSinceRestore = new Set<string>();
  readonly rejections: { c: number; id: string; reason: string }[] = [];

  private readonly bugs: ReadonlySet<PlantedBug>;
  private readonly links = new Set<Link>();
  private readonly linkOf: (Link | null)[];
  private readonly cutOffUntil: number[];
  private readonly bundles: { from: number; events: unknown[] }[] = [];
  private timers: { due: number; c: number; gen: number; fn: () => void }[] = [];
  private limiter: RateLimiter | null;
  private epochs = 1;
  /** The hub's head as the sessions last announced it (exact whenever no store call is in flight). */
  private hubHead = 0;
  /** As server.ts: the connections welcomed into the space (they hear its pokes), and the highest head poked. */
  private readonly joined = new Set<Link>();
  private poked = 0;
  private frames = 0;
  private linkIds = 0;
  private readonly violations: string[] = [];
  private readonly trace: (string | (() => string))[] = [];
  private readonly traceTail: number;
  private readonly quiesceLimit: number;
  private readonly welcomeFirst: boolean;
  private ready: Promise<void>;
  private readonly crypto: SimCrypto;
  private readonly verifier: SealVerifier;
  /** What the hub's sessions check seals with (a planted bug may make it take any). */
  private readonly hubVerifier: SealVerifier;
  /** The hub process's shared pages (server.ts): a page read once is handed to every console asking for it until the log grows. */
  private hubPages = new SharedPages();
  /** The content hash of every event an honest console wrote, by id: the hub may hold nothing else. */
  private readonly honest = new Map<string, string>();
  private readonly adversary: { deviceId: string; publicKey: string; sign: (message: Uint8Array) => string; seq: number; link: string; token: string | null };

  constructor(
    readonly config: SimConfig,
    options: SimOptions = {},
  ) {
    this.bugs = new Set(options.bugs ?? []);
    this.crypto = simCrypto();
    this.verifier = simVerifier(this.crypto);
    this.hubVerifier = this.bugs.has('hubTrustsSeals') ? new TrustingVerifier() : this.verifier;
    const pair = this.crypto.keyPair(Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xad : i === 1 ? 0x66 : 0)));
    this.adversary = { deviceId: deviceIdForKey(pair.publicKey), publicKey: pair.publicKey, sign: pair.sign, seq: 0, link: ZERO_LINK, token: null };
    this.traceTail = options.traceTail ?? 80;
    this.quiesceLimit = options.quiesceLimit ?? 5000;
    this.welcomeFirst = options.welcomeFirst ?? false;
    const inner = this.bugs.has('hubNoDedup') ? new NoDedupHubStore() : new MemoryHubStore();
    this.hubStore = new GatedHubStore(inner, config.gated);
    this.ready = inner.createSpace(SPACE);
    this.limiter = config.limited ? new RateLimiter(TIGHT_LIMITS) : null;
    this.linkOf = Array.from({ length: config.consoles }, () => null);
    this.cutOffUntil = Array.from({ length: config.consoles }, () => 0);
    this.consoles = Array.from({ length: config.consoles }, (_, i) => {
      const model = new ConsoleModel(i, config.skewsMs[i] ?? 0, config.driftsMsPerHour[i] ?? 0, {
        now: () => this.now,
        crypto: this.crypto,
        verifier: this.bugs.has('consoleTrustsSeals') ? new TrustingVerifier() : this.verifier,
        bugs: this.bugs,
        violation: (message) => this.violations.push(message),
        rejected: (c, id, reason) => {
          this.stats.rejected += 1;
          this.rejections.push({ c, id, reason });
        },
        trace: (line) => this.log(line),
      });
      model.onCrash = () => {
        this.stats.crashes += 1;
        const link = this.linkOf[i];
        if (link) this.finalize(link, 'the console crashed');
        this.timers = this.timers.filter((t) => t.c !== i);
      };
      return model;
    });
  }

  /** Plays the schedule, heals, and checks convergence. Throws a SimulationFailure if anything is wrong. */
  async run(steps: readonly Step[]): Promise<SimStats> {
    await this.ready;
    this.log(describeConfig(this.config));
    // Everyone starts in the same incident, as a room does: c0 declared it, the others have it from a bundle.
    const declared = this.consoles[0]!.write('declare', 0);
    this.honest.set(declared.id, contentHash(declared));
    const opening = await this.consoles[0]!.exportBundle();
    for (const model of this.consoles.slice(1)) await model.importBundle(opening);
    this.log(`c0 declared ${declared.id}; every console has it`);
    for (const step of steps) {
      this.log(`#${this.stepNo} ${describeStep(step)}`);
      await this.apply(step);
      await this.settleStep();
    }
    this.stats.pagesBeforeHeal = this.consoles.reduce((n, m) => n + m.cursorWrites.length, 0);
    await this.heal();
    this.stats.steps = steps.length;
    return this.stats;
  }

  // ---- trace and failures ----------------------------------------------------

  private log(line: string | (() => string)): void {
    this.trace.push(line);
    if (this.trace.length > this.traceTail * 4) this.trace.splice(0, this.trace.length - this.traceTail);
  }

  private fail(message: string): never {
    const tail = this.trace.slice(-this.traceTail).map((l) => short(typeof l === 'string' ? l : l()));
    throw new SimulationFailure(`${message}\n--- trace (last ${tail.length} lines) ---\n${tail.join('\n')}`);
  }

  private checkViolations(): void {
    if (this.violations.length) this.fail(this.violations.join('\n'));
  }

  // ---- steps -------------------------------------------------------------------

  private console(c: number): number {
    return ((c % this.consoles.length) + this.consoles.length) % this.consoles.length;
  }

  async apply(step: Step): Promise<void> {
    switch (step.op) {
      case 'write': {
        const c = this.console(step.c);
        const event = this.consoles[c]!.write(step.act, step.n);
        this.honest.set(event.id, contentHash(event));
        this.stats.written += 1;
        this.log(() => `  c${c} wrote ${event.id} ${event.type} ${JSON.stringify(event.payload).slice(0, 100)} hlc ${event.hlc}`);
        void this.linkOf[c]?.conn.changed();
        return;
      }
      case 'connect':
        return this.connect(this.console(step.c));
      case 'deliver':
        return this.deliver(this.console(step.c), step.to, step.pick, false);
      case 'duplicate':
        return this.deliver(this.console(step.c), step.to, step.pick, true);
      case 'drop': {
        const target = this.target(this.console(step.c), step.to);
        if (!target) return;
        const queue = target.to === 'hub' ? target.link.up : target.link.down;
        const [frame] = queue.splice(target.index(step.pick), 1);
        this.stats.dropped += 1;
        target.link.breakAt = Math.min(target.link.breakAt ?? Infinity, this.stepNo + step.breakAfter);
        this.log(() => `  lost ${target.to === 'hub' ? `c${target.link.c} -> hub` : `hub -> c${target.link.c}`}: ${briefFrame(frame!.text)}`);
        return;
      }
      case 'hub': {
        const label = this.hubStore.release(step.pick);
        if (label) this.log(`  hub store answers ${label}`);
        return;
      }
      case 'crash':
        this.consoles[this.console(step.c)]!.armCrash(step.calls, step.applied);
        return;
      case 'restartHub':
        return this.restartHub();
      case 'restore':
        return this.restore(step.back, step.live ?? false);
      case 'partition': {
        const targets = step.c < 0 ? this.consoles.map((_, i) => i) : [this.console(step.c)];
        for (const c of targets) {
          this.cutOffUntil[c] = this.stepNo + step.steps;
          const link = this.linkOf[c];
          if (link) this.finalize(link, 'cut off');
        }
        return;
      }
      case 'export': {
        const c = this.console(step.c);
        this.bundles.push({ from: c, events: await this.consoles[c]!.exportBundle() });
        this.log(`  bundle ${this.bundles.length - 1}: ${this.bundles.at(-1)!.events.length} events from c${c}`);
        return;
      }
      case 'import': {
        if (this.bundles.length === 0) return;
        const c = this.console(step.c);
        const bundle = this.bundles[step.pick % this.bundles.length]!;
        const added = await this.consoles[c]!.importBundle(bundle.events);
        this.stats.imports += 1;
        this.log(`  c${c} imported ${added} new events from c${bundle.from}'s bundle`);
        void this.linkOf[c]?.conn.changed();
        return;
      }
      case 'wait':
        this.now += step.ms;
        this.fireTimers();
        return;
      case 'attack':
        return this.attack(step.kind, this.console(step.c), step.pick);
    }
  }

  // ---- the adversary ---------------------------------------------------------------

  /** One trick of a hostile member on console c's events (schedule.ts, ATTACKS). */
  private async attack(kind: AttackKind, c: number, pick: number): Promise<void> {
    const victim = this.consoles[c]!;
    this.stats.attacks += 1;
    // What the victim would hand anyone: its log as it leaves it, sealed by the authors.
    const pool = (await victim.exportBundle()) as TravellingEvent[];
    const some = pool.slice(pick % pool.length, (pick % pool.length) + 1 + (pick % 4));
    const squat = (): TravellingEvent => {
      const seq = victim.seq + 1 + (pick % 3);
      const content = { ...contentOf(some[0]!), id: `${victim.deviceId}:${seq}`, deviceId: victim.deviceId, deviceSeq: seq, actor: 'Mallory' };
      const link = nextLink(ZERO_LINK, contentHash(content));
      // Sealed with the adversary's own key: it has no other.
      return { ...content, chain: ZERO_LINK, seal: { key: this.adversary.publicKey, sig: this.adversary.sign(sealMessage(victim.deviceId, seq, link)) } } as TravellingEvent;
    };
    const altered = () => some.map((event) => ({ ...event, actor: 'Mallory' }));
    const stripped = () => some.map(({ seal: _seal, witness: _witness, ...event }) => ({ ...event, actor: 'Mallory' }) as TravellingEvent);
    let events: unknown[];
    switch (kind) {
      case 'squat':
        events = [squat()];
        break;
      case 'alter':
        events = altered();
        break;
      case 'strip':
        events = stripped();
        break;
      case 'replay':
        events = some;
        break;
      case 'nest': {
        let deep: unknown = 'bottom';
        for (let i = 0; i < 40 + pick * 500; i++) deep = { d: deep };
        events = [this.adversaryEvent(some[0]!, deep)];
        break;
      }
      case 'bloat':
        events = [this.adversaryEvent(some[0]!, { kind: 'note', text: 'x'.repeat(70_000 + pick) })];
        break;
      case 'bundle': {
        const hostile = [squat(), ...altered(), ...stripped()];
        const taken = await victim.importBundle(hostile, true);
        this.stats.hostileRefused += hostile.length - taken;
        this.log(`  c${c} took ${taken} of the adversary's bundle`);
        void this.linkOf[c]?.conn.changed();
        return;
      }
    }
    const acks = await this.adversaryPush(events);
    this.log(() => `  the adversary pushed ${events.length}: ${acks.map((a) => `${a.id} ${a.status}${a.status === 'rejected' || a.status === 'later' ? ` (${a.reason})` : ''}`).join('; ')}`);
    this.stats.hostileRefused += acks.filter((ack) => ack.status === 'rejected' || ack.status === 'later').length;
    if (kind !== 'replay') {
      const taken = acks.filter((ack) => ack.status === 'accepted');
      if (taken.length) this.violations.push(`the hub took ${taken.length} of the adversary's events (${kind}): ${taken.map((a) => a.id).join(' ')}`);
    }
  }

  /** An event under the adversary's own id, properly chained and sealed: what makes it hostile is its payload. */
  private adversaryEvent(template: TravellingEvent, payload: unknown): TravellingEvent {
    const a = this.adversary;
    a.seq += 1;
    const content = { ...contentOf(template), id: `${a.deviceId}:${a.seq}`, deviceId: a.deviceId, deviceSeq: a.seq, actor: 'Mallory', payload };
    const chain = a.link;
    a.link = nextLink(chain, contentHash(content));
    const seal: Seal = { key: a.publicKey, sig: a.sign(sealMessage(a.deviceId, a.seq, a.link)) };
    return { ...content, chain, seal } as TravellingEvent;
  }

  /** The adversary is a member: it joins once, then pushes over connections of its own, straight to the hub's store. */
  private async adversaryPush(events: readonly unknown[]): Promise<Ack[]> {
    const sent: HubMessage[] = [];
    const session = new HubSession({
      store: this.hubStore.inner,
      hubId: 'hub-1',
      now: () => this.now,
      send: (message) => sent.push(message),
      close: () => {},
      advanced: (spaceId, head) => this.advanced(spaceId, head),
      verifier: this.hubVerifier,
    });
    const a = this.adversary;
    const auth = a.token ? { kind: 'token', space: SPACE.id, token: a.token } : { kind: 'join', code: SPACE.joinCode };
    await session.receive(JSON.stringify({ t: 'hello', protocol: PROTOCOL, deviceId: a.deviceId, auth, app: 'adversary' }));
    const welcome = sent.find((m) => m.t === 'welcome');
    if (!welcome) return [];
    if (welcome.token) a.token = welcome.token;
    await session.receive(JSON.stringify({ t: 'push', id: 'mallory', events }));
    return sent.flatMap((m) => (m.t === 'acks' ? m.acks : []));
  }

  private async settleStep(): Promise<void> {
    await flush();
    this.stepNo += 1;
    for (const link of [...this.links]) {
      if (link.breakAt !== null && link.breakAt <= this.stepNo) this.finalize(link, 'broken (a frame was lost)');
      else if (link.state === 'hubClosing' && link.down.length === 0) this.finalize(link, 'closed by the hub');
    }
    this.checkStuck();
    for (const model of this.consoles) {
      const forgotten = model.forgotten();
      if (forgotten.length) this.violations.push(`c${model.index}'s outbox let go of ${forgotten.join(' ')} before any hub acknowledged it`);
    }
    this.checkViolations();
  }

  /**
   * Liveness, checked after every step: a connection that says "synced", with
   * no frame in flight either way and no hub call of its session outstanding,
   * has been sent every poke so far; it must then be at the head the hub has
   * announced (appends whose answer is still held are not announced yet).
   */
  private checkStuck(): void {
    for (const link of this.links) {
      if (link.state !== 'open' || link.breakAt !== null || link.up.length || link.down.length || link.status?.phase !== 'synced') continue;
      if (this.hubStore.waitingFor(link.id)) continue;
      // A feed waits on the page read shared by every console it goes to, which another console's call may have begun.
      if (this.hubStore.pending.some((call) => call.label.startsWith('page'))) continue;
      const seq = this.consoles[link.c]!.cursor?.seq ?? 0;
      if (seq < this.hubHead) this.violations.push(`c${link.c} says it is synced at ${seq} with nothing in flight, but the hub is at ${this.hubHead}: nothing will wake it up`);
    }
  }

  private connect(c: number): void {
    if (this.linkOf[c] || this.stepNo < this.cutOffUntil[c]!) return;
    const model = this.consoles[c]!;
    const link = new Link(++this.linkIds, c, model.gen);
    link.session = new HubSession({
      store: this.hubStore.forSession(link.id),
      hubId: 'hub-1',
      now: () => this.now,
      send: (message) => this.hubSend(link, message),
      close: () => this.hubClose(link),
      advanced: (spaceId, head) => this.advanced(spaceId, head),
      ...(this.limiter ? { limiter: this.limiter } : {}),
      verifier: this.hubVerifier,
      pages: this.hubPages,
    });
    link.conn = new SyncConnection(model.storeFor(link.gen), {
      deviceId: model.deviceId,
      credentials: model.token ? { kind: 'token', space: SPACE.id, token: model.token } : { kind: 'join', code: SPACE.joinCode },
      app: 'warroom-simulation',
      send: (frame) => {
        if (link.state === 'open' && model.gen === link.gen) link.up.push({ n: ++this.frames, text: frame });
      },
      close: () => this.finalize(link, 'closed by the console'),
      now: () => model.rawClock(),
      schedule: (fn, ms) => this.timers.push({ due: this.now + ms, c, gen: link.gen, fn }),
      onStatus: (status) => {
        link.status = status;
        this.log(() => `  c${c} status ${JSON.stringify(status)}`);
      },
      onClockOffset: (offset) => {
        model.offset = offset;
      },
      batch: this.config.batch,
    });
    this.links.add(link);
    this.linkOf[c] = link;
    this.log(`  c${c} opens link ${link.id} (${model.token ? 'token' : 'join code'})`);
    link.conn.open();
  }

  /**
   * The queue a deliver, duplicate or drop step acts on: console `c`'s, towards
   * `to`; if that one is empty, the queue holding the oldest frame in flight
   * (so few steps are wasted). Null when nothing at all is in flight.
   */
  private target(c: number, to: Side): { link: Link; to: Side; index: (pick: number) => number } | null {
    const usable = (link: Link | null | undefined, side: Side) =>
      !!link && (side === 'hub' ? link.state === 'open' && link.up.length > 0 : link.down.length > 0);
    let link = this.linkOf[c];
    let side = to;
    if (!usable(link, side)) {
      let oldest: { link: Link; to: Side; n: number } | null = null;
      for (const l of this.links) {
        const up = l.state === 'open' ? l.up[0] : undefined;
        if (up && (!oldest || up.n < oldest.n)) oldest = { link: l, to: 'hub', n: up.n };
        const down = l.down[0];
        if (down && (!oldest || down.n < oldest.n)) oldest = { link: l, to: 'console', n: down.n };
      }
      if (!oldest) return null;
      link = oldest.link;
      side = oldest.to;
    }
    const queue = side === 'hub' ? link!.up : link!.down;
    const pinned = this.welcomeFirst && side === 'console' && !link!.welcomed;
    return { link: link!, to: side, index: (pick) => (pinned ? 0 : pick % queue.length) };
  }

  private deliver(c: number, to: Side, pick: number, keep: boolean): void {
    const target = this.target(c, to);
    if (!target) return;
    const { link } = target;
    const queue = target.to === 'hub' ? link.up : link.down;
    const index = target.index(pick);
    const frame = keep ? queue[index]! : queue.splice(index, 1)[0]!;
    if (keep) this.stats.duplicated += 1;
    else this.stats.delivered += 1;
    this.log(() => `  ${keep ? 'copy ' : ''}${target.to === 'hub' ? `c${link.c} -> hub` : `hub -> c${link.c}`}: ${briefFrame(frame.text)}`);
    if (target.to === 'hub') {
      link.hubChain = link.hubChain.then(() => (link.state === 'open' ? link.session.receive(frame.text) : undefined));
    } else {
      if (frame.text.startsWith('{"t":"welcome"')) {
        const epoch = (JSON.parse(frame.text) as { epoch: string }).epoch;
        const cursor = this.consoles[link.c]!.cursor;
        if (!link.welcomed && cursor && cursor.epoch !== epoch) this.stats.epochResets += 1;
        link.welcomed = true;
      } else if (!link.welcomed && frame.text.startsWith('{"t":"poke"')) this.stats.pokesBeforeWelcome += 1;
      void link.conn.receive(frame.text);
    }
  }

  private hubSend(link: Link, message: HubMessage): void {
    // After a restart or a close, a session's late answers go nowhere.
    if (link.state !== 'open' || !this.links.has(link)) return;
    if (message.t === 'acks') {
      for (const ack of message.acks) {
        if (ack.status === 'rejected') continue;
        this.acked.add(ack.id);
        this.ackedSinceRestore.add(ack.id);
      }
    }
    if (message.t === 'error' && message.code === 'rateLimited') this.stats.rateLimited += 1;
    if (message.t === 'welcome' && message.head < this.hubHead) this.stats.staleWelcomes += 1;
    link.down.push({ n: ++this.frames, text: encodeHubFrame(message) });
    if (message.t === 'welcome') this.join(link, message.head);
  }

  private hubClose(link: Link): void {
    if (link.state !== 'open') return;
    link.state = 'hubClosing';
    link.up = [];
    if (link.down.length === 0) this.finalize(link, 'closed by the hub');
  }

  /**
   * A push made the space's log longer. Fanned out as electron/hub/server.ts
   * does: only to connections already welcomed, and never twice for one head.
   * (Planted bug "hubPokesBeforeWelcome": to every session that said hello.)
   */
  private advanced(spaceId: string, head: number): void {
    this.hubPages.advanced(spaceId);
    this.hubHead = Math.max(this.hubHead, head);
    if (spaceId !== SPACE.id || head <= this.poked) return;
    this.poked = head;
    if (this.bugs.has('hubPokesBeforeWelcome')) {
      for (const link of this.links) if (link.state === 'open' && link.session.membership) link.session.poke(head);
      return;
    }
    for (const link of this.joined) link.session.poke(head);
  }

  /** As server.ts: from its welcome on, a connection hears of pushes; one it missed meanwhile is caught up at once. */
  private join(link: Link, head: number): void {
    if (link.state !== 'open' || this.bugs.has('hubPokesBeforeWelcome')) return;
    this.joined.add(link);
    if (this.poked > head) link.down.push({ n: ++this.frames, text: JSON.stringify({ t: 'poke', head: this.poked }) });
  }

  /** The connection is gone for both sides; frames in flight are lost with it. */
  private finalize(link: Link, why: string): void {
    if (link.state === 'closed') return;
    link.state = 'closed';
    link.session?.ended();
    link.up = [];
    link.down = [];
    this.links.delete(link);
    this.joined.delete(link);
    if (this.linkOf[link.c] === link) this.linkOf[link.c] = null;
    if (this.consoles[link.c]!.gen === link.gen) link.conn.closed();
    this.log(`  link ${link.id} of c${link.c} closed: ${why}`);
  }

  private fireTimers(): void {
    const due = this.timers.filter((t) => t.due <= this.now).sort((a, b) => a.due - b.due);
    if (due.length === 0) return;
    this.timers = this.timers.filter((t) => t.due > this.now);
    for (const timer of due) if (this.consoles[timer.c]!.gen === timer.gen) timer.fn();
  }

  private restartHub(): void {
    for (const link of [...this.links]) this.finalize(link, 'the hub restarted');
    this.hubStore.dropPending();
    this.poked = 0; // a new process
    this.hubPages = new SharedPages();
    if (this.limiter) this.limiter = new RateLimiter(TIGHT_LIMITS);
    this.stats.hubRestarts += 1;
  }

  private async restore(back: number, live: boolean): Promise<void> {
    const held = new Set(await this.hubIds());
    const lost = [...this.ackedSinceRestore].filter((id) => !held.has(id));
    if (lost.length) this.violations.push(`the hub acknowledged ${lost.join(', ')} but no longer holds them (no restore since)`);
    if (!live) this.restartHub();
    const head = await this.hubStore.inner.head(SPACE.id);
    // A backup holds whole pushes (each is one transaction, ending at its seals): the newest one at or before `back`.
    const { events: kept } = await this.hubStore.inner.page(SPACE.id, 0, Math.max(0, head - back));
    const to = sealedPrefix(kept.map(({ event }) => event as TravellingEvent));
    // A backup brings back the epoch it was taken in: nothing tells the hub that its log went back in time.
    const epoch = (await this.hubStore.inner.space(SPACE.id))!.epoch;
    this.hubStore.inner.restoreTo(SPACE.id, to, epoch);
    this.hubHead = to;
    this.ackedSinceRestore = new Set();
    this.stats.restores += 1;
    this.log(`  hub log cut from ${head} to ${to}, still ${epoch}`);
  }

  private async hubIds(): Promise<string[]> {
    const { events } = await this.hubStore.inner.page(SPACE.id, 0, Number.MAX_SAFE_INTEGER);
    return events.map(({ event }) => (event as { id: string }).id);
  }

  private async hubEvents(): Promise<DomainEvent[]> {
    const { events } = await this.hubStore.inner.page(SPACE.id, 0, Number.MAX_SAFE_INTEGER);
    return events.map(({ event }) => {
      const parsed = parseEvent(event);
      if (parsed.status !== 'valid') this.fail(`the hub holds an event this build cannot read: ${JSON.stringify(event).slice(0, 200)}`);
      return parsed.event;
    });
  }

  // ---- healing -------------------------------------------------------------------

  /**
   * No more faults: crashes disarmed, partitions over, broken links closed,
   * every console connected, every frame delivered in order, every answer
   * given, timers run. First with the connections that survived the schedule
   * (a live connection must catch up by itself); then, with the hub's clock
   * past every event's stamp, everyone reconnects (events refused for being
   * stamped ahead are offered again, and now taken).
   */
  async heal(): Promise<void> {
    this.log('--- heal ---');
    for (const model of this.consoles) model.disarm();
    this.cutOffUntil.fill(0);
    for (const link of [...this.links]) if (link.breakAt !== null) this.finalize(link, 'broken (a frame was lost)');
    await this.quiesce('heal');
    await this.checkSettled('after healing');

    const latest = Math.max(0, ...this.consoles.flatMap((m) => m.log.map((e) => hlcTime(e.hlc))));
    if (latest > this.now) {
      this.log(`--- the hub's clock moves on ${Math.round((latest - this.now) / 60000)} min, everyone reconnects ---`);
      this.now = latest;
    } else this.log('--- everyone reconnects ---');
    for (const link of [...this.links]) this.finalize(link, 'reconnecting');
    await this.quiesce('reconnect');
    await this.checkSettled('after reconnecting');
    await this.checkConverged();
  }

  private async quiesce(phase: string): Promise<void> {
    for (let i = 0; i < this.quiesceLimit; i++) {
      if (!this.progress()) return;
      this.stats.healSteps += 1;
      await this.settleStep();
    }
    this.fail(`${phase}: still busy after ${this.quiesceLimit} steps (a livelock?)`);
  }

  /** Does the next thing a fault-free world would do; false when there is nothing left. */
  private progress(): boolean {
    let next: { link: Link; to: Side; n: number } | null = null;
    for (const link of this.links) {
      const up = link.state === 'open' ? link.up[0] : undefined;
      const down = link.down[0];
      if (up && (!next || up.n < next.n)) next = { link, to: 'hub', n: up.n };
      if (down && (!next || down.n < next.n)) next = { link, to: 'console', n: down.n };
    }
    if (next) {
      this.log(`#${this.stepNo} (heal) c${next.link.c} deliver ->${next.to}`);
      this.deliver(next.link.c, next.to, 0, false);
      return true;
    }
    if (this.hubStore.pending.length) {
      const label = this.hubStore.release(0);
      this.log(`#${this.stepNo} (heal) hub store answers ${label}`);
      return true;
    }
    const unconnected = this.consoles.findIndex((_, c) => !this.linkOf[c]);
    if (unconnected >= 0) {
      this.log(`#${this.stepNo} (heal) c${unconnected} connect`);
      this.connect(unconnected);
      return true;
    }
    if (this.timers.length) {
      const due = Math.min(...this.timers.map((t) => t.due));
      this.log(`#${this.stepNo} (heal) wait ${Math.max(0, due - this.now)} ms for a timer`);
      this.now = Math.max(this.now, due);
      this.fireTimers();
      return true;
    }
    return false;
  }

  // ---- invariants ------------------------------------------------------------------

  /** Every console connected, synced, holding all the hub holds; nothing left to send; nothing lost silently. */
  private async checkSettled(phase: string): Promise<void> {
    const hubIds = new Set(await this.hubIds());
    const space = (await this.hubStore.inner.space(SPACE.id))!;
    const head = await this.hubStore.inner.head(SPACE.id);
    const refused = new Set(this.rejections.map((r) => r.id));
    const problems: string[] = [];
    for (const model of this.consoles) {
      const c = `c${model.index}`;
      const status = this.linkOf[model.index]?.status;
      if (status?.phase !== 'synced') problems.push(`${c} is not synced: ${JSON.stringify(status ?? 'no connection')}`);
      const missing = [...hubIds].filter((id) => !model.byId.has(id));
      if (missing.length) problems.push(`${c} lacks ${missing.length} events the hub holds: ${missing.slice(0, 8).join(' ')}`);
      const stray = model.log.filter((e) => !hubIds.has(e.id) && !refused.has(e.id)).map((e) => e.id);
      if (stray.length) problems.push(`${c} holds events the hub neither holds nor refused: ${stray.slice(0, 8).join(' ')}`);
      if (model.outboxIds.length) problems.push(`${c} still has ${model.outboxIds.length} events in its outbox: ${model.outboxIds.slice(0, 8).join(' ')}`);
      const expected: Cursor = { epoch: space.epoch, seq: head };
      const at = model.cursor ? { epoch: model.cursor.epoch, seq: model.cursor.seq } : null;
      if (head > 0 && canonical(at) !== canonical(expected)) problems.push(`${c} cursor ${JSON.stringify(model.cursor)}, hub at ${JSON.stringify(expected)}`);
      for (const r of this.rejections) {
        if (r.c !== model.index || !r.id.startsWith(`${model.deviceId}:`) || hubIds.has(r.id)) continue;
        if (!model.byId.has(r.id) || !model.aside.has(r.id)) problems.push(`${c}'s ${r.id} was refused by the hub and is no longer kept aside for the user`);
      }
    }
    if (problems.length) this.fail(`${phase}:\n${problems.join('\n')}`);
  }

  /** The end state: one set of events everywhere, one picture on every console. */
  private async checkConverged(): Promise<void> {
    const hubEvents = await this.hubEvents();
    const hubIds = new Set(hubEvents.map((e) => e.id));
    const problems: string[] = [];
    if (hubIds.size !== hubEvents.length) {
      const seen = new Set<string>();
      const twice = hubEvents.filter((e) => (seen.has(e.id) ? true : (seen.add(e.id), false))).map((e) => e.id);
      problems.push(`the hub's log holds ${twice.length} events twice: ${twice.slice(0, 8).join(' ')}`);
    }
    const lost = [...this.acked].filter((id) => !hubIds.has(id));
    if (lost.length) problems.push(`the hub acknowledged ${lost.length} events it does not hold after healing: ${lost.slice(0, 8).join(' ')}`);
    const strange = this.rejections.filter((r) => !/ahead of the hub's clock/.test(r.reason));
    if (strange.length) problems.push(`the hub refused events for another reason than their clock: ${strange[0]!.id}: ${strange[0]!.reason}`);
    // Nothing but what honest consoles wrote, as they wrote it: no forgery, however it came, reached the log.
    const foreign = hubEvents.filter((event) => this.honest.get(event.id) !== contentHash(event));
    if (foreign.length) problems.push(`the hub holds ${foreign.length} events no honest console wrote so: ${foreign.slice(0, 4).map((e) => `${e.id} by ${e.actor}`).join(' ')}`);
    const reference = referenceViews(hubEvents);
    const shown = this.consoles.map((model) => viewsOf(model.projection));
    for (const model of this.consoles) {
      const c = `c${model.index}`;
      if (model.byId.size !== model.log.length) problems.push(`${c}'s log holds ${model.log.length - model.byId.size} events more than once`);
      const extra = [...model.byId.keys()].filter((id) => !hubIds.has(id));
      if (extra.length || model.byId.size !== hubIds.size) problems.push(`${c} holds ${model.byId.size} events, the hub ${hubIds.size} (extra: ${extra.slice(0, 8).join(' ')})`);
      if (model.aside.size) problems.push(`${c} still shows ${model.aside.size} events as refused: ${[...model.aside.keys()].slice(0, 8).join(' ')}`);
      if (!model.token) problems.push(`${c} never saved a device token`);
      if (!sameData(shown[model.index], reference)) {
        problems.push(`${c} shows something else than the events folded in clock order: ${firstDifference(shown[model.index], reference)}`);
      }
    }
    for (const model of this.consoles.slice(1)) {
      if (!sameData(shown[model.index], shown[0])) problems.push(`c0 and c${model.index} show different things: ${firstDifference(shown[0], shown[model.index])}`);
    }
    this.stats.events = hubIds.size;
    if (problems.length) this.fail(`after convergence:\n${problems.join('\n')}`);
  }
}

/** Plays one schedule; resolves with its statistics, or throws a SimulationFailure. */
export async function simulate(schedule: { config: SimConfig; steps: readonly Step[] }, options: SimOptions = {}): Promise<SimStats> {
  return new Simulation(schedule.config, options).run(schedule.steps);
}

/** A planted bug: takes every seal as good, whoever made it and whatever it covers. */
class TrustingVerifier extends SealVerifier {
  override verify(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
