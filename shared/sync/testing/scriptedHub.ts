/**
 * A hub for unit tests of SyncConnection: the real HubSession over the real
 * MemoryHubStore, with the frames of each connection held in two queues the
 * test moves by hand (or pumps until quiet). Pokes are fanned out as
 * electron/hub/server.ts does: to connections already welcomed.
 */
import { HubSession } from '../hubSession';
import { MemoryHubStore } from '../memoryHubStore';
import { parseClientFrame, type ClientMessage, type HubMessage } from '../protocol';
import type { RateLimiter } from '../rateLimiter';
import { SyncConnection, type ConnectionStatus, type ConsoleSyncStore, type SyncConnectionOptions } from '../syncConnection';
import { ConsoleModel, T0, type ConsoleEnv } from './consoleModel';
import { SPACE } from './simulation';
import { simCrypto, simVerifier } from './simCrypto';

export { SPACE };

/** A console for unit tests: the simulation's console model, with a fixed clock and failures thrown at once. */
export function testConsole(index: number, hub: { now: number }): ConsoleModel {
  const crypto = simCrypto();
  const env: ConsoleEnv = {
    now: () => hub.now,
    crypto,
    verifier: simVerifier(crypto),
    bugs: new Set(),
    violation: (message) => {
      throw new Error(message);
    },
    rejected: () => {},
    trace: () => {},
  };
  return new ConsoleModel(index, 0, 0, env);
}

export type StoreCall = { method: keyof ConsoleSyncStore; args: unknown[] };

export class Wire {
  toHub: string[] = [];
  toConsole: string[] = [];
  readonly statuses: ConnectionStatus[] = [];
  /** Every frame the console sent, in order. */
  readonly sent: ClientMessage[] = [];
  /** Every frame the hub sent, in order. */
  readonly fromHub: string[] = [];
  readonly calls: StoreCall[] = [];
  readonly timers: { fn: () => void; ms: number }[] = [];
  consoleClosed = false;
  hubClosed = false;
  welcomed = false;
  conn!: SyncConnection;
  /** Settles once the console has said hello (it reads its cursor first). */
  opened: Promise<void> = Promise.resolve();
  session!: HubSession;

  get status(): ConnectionStatus | undefined {
    return this.statuses.at(-1);
  }

  /** The last frame the console sent of one kind. */
  last<T extends ClientMessage['t']>(t: T): Extract<ClientMessage, { t: T }> | undefined {
    return this.sent.filter((m): m is Extract<ClientMessage, { t: T }> => m.t === t).at(-1);
  }

  /** Store calls of one method. */
  callsOf(method: keyof ConsoleSyncStore): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** The hub handles every frame in flight towards it, in order. */
  async flushToHub(): Promise<void> {
    await this.opened;
    while (this.toHub.length && !this.hubClosed) await this.session.receive(this.toHub.shift()!);
  }

  /** The console handles every frame in flight towards it, in order. */
  async flushToConsole(): Promise<void> {
    while (this.toConsole.length && !this.consoleClosed) await this.conn.receive(this.toConsole.shift()!);
  }

  /** Frames go both ways until nothing is in flight. */
  async pump(): Promise<void> {
    await this.opened;
    for (let i = 0; i < 1000 && (this.toHub.length || this.toConsole.length); i++) {
      await this.flushToHub();
      await this.flushToConsole();
    }
  }

  /** A frame the test writes itself, as if the hub had sent it. */
  async feed(message: HubMessage): Promise<void> {
    await this.conn.receive(JSON.stringify(message));
  }

  /** Frames that arrive together: each is received before the first is handled. */
  async feedAll(messages: readonly HubMessage[]): Promise<void> {
    await Promise.all(messages.map((message) => this.conn.receive(JSON.stringify(message))));
  }

  close(): void {
    this.consoleClosed = true;
    this.conn.closed();
  }
}

export type ScriptedHubOptions = { limiter?: RateLimiter; protocol?: { min: number; max: number } };

export class ScriptedHub {
  readonly store = new MemoryHubStore();
  now = T0;
  private readonly wires = new Set<Wire>();

  private constructor(private readonly options: ScriptedHubOptions) {}

  static async start(options: ScriptedHubOptions = {}): Promise<ScriptedHub> {
    const hub = new ScriptedHub(options);
    await hub.store.createSpace(SPACE);
    return hub;
  }

  /** Opens a connection for the console: its hello is in flight towards the hub. */
  connect(model: ConsoleModel, options: Partial<SyncConnectionOptions> = {}): Wire {
    const wire = new Wire();
    const store = model.storeFor(model.gen);
    const spy = new Proxy(store, {
      get: (target, method: keyof ConsoleSyncStore) => {
        const fn = target[method] as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          wire.calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] });
          return fn.apply(target, args);
        };
      },
    });
    wire.session = new HubSession({
      store: this.store,
      hubId: 'hub-test',
      now: () => this.now,
      send: (message) => {
        if (wire.hubClosed) return;
        const frame = JSON.stringify(message);
        wire.toConsole.push(frame);
        wire.fromHub.push(frame);
        if (message.t === 'welcome') wire.welcomed = true;
      },
      close: () => {
        wire.hubClosed = true;
      },
      advanced: (_space, head) => {
        for (const other of this.wires) if (other.welcomed && !other.hubClosed && !other.consoleClosed) other.session.poke(head);
      },
      ...(this.options.limiter ? { limiter: this.options.limiter } : {}),
      ...(this.options.protocol ? { protocol: this.options.protocol } : {}),
    });
    wire.conn = new SyncConnection(spy, {
      deviceId: model.deviceId,
      credentials: model.token ? { kind: 'token', space: SPACE.id, token: model.token } : { kind: 'join', code: SPACE.joinCode },
      app: 'warroom-test',
      send: (frame) => {
        if (wire.consoleClosed) return;
        const parsed = parseClientFrame(frame);
        if (!parsed.ok) throw new Error(`The console sent a malformed frame: ${parsed.error}`);
        wire.sent.push(parsed.message);
        wire.toHub.push(frame);
      },
      close: () => {
        wire.consoleClosed = true;
      },
      now: () => model.rawClock(),
      schedule: (fn, ms) => wire.timers.push({ fn, ms }),
      onStatus: (status) => wire.statuses.push(status),
      onClockOffset: (offset) => {
        model.offset = offset;
      },
      ...options,
    });
    this.wires.add(wire);
    wire.opened = wire.conn.open();
    return wire;
  }

  /** Connects, lets the console and the hub talk until quiet, and closes. */
  async sync(model: ConsoleModel): Promise<Wire> {
    const wire = this.connect(model);
    await wire.pump();
    wire.close();
    return wire;
  }

  async ids(): Promise<string[]> {
    const { events } = await this.store.page(SPACE.id, 0, Number.MAX_SAFE_INTEGER);
    return events.map((e) => (e.event as { id: string }).id);
  }
}
