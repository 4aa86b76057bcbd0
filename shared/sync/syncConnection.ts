/**
 * One console's side of one connection to a hub, independent of sockets and
 * storage: the console (over WebSocket and Dexie) and the simulation (over
 * in-memory links and stores) run this same code.
 *
 * Every step that changes what the console holds is one durable call on the
 * store, so a crash between any two leaves it consistent: unacknowledged
 * events stay in the outbox and are pushed again (the hub answers
 * "duplicate"), and a page is applied together with the cursor that follows it.
 */
import {
  LIMIT_ERROR_CODES,
  PROTOCOL,
  SYNC_LIMITS,
  fitBatch,
  parseHubFrame,
  type Ack,
  type ClientMessage,
  type Cursor,
  type HubMessage,
  type SequencedEvent,
  type SyncErrorCode,
  type WelcomeMessage,
} from './protocol';
import { EVENT_ID_REGEX, parseEventId } from '../domain/ids';
import { addOwnRuns, stepOverOwnRuns, type OwnRun } from './ownRuns';
import { mergeVectors, type VersionVector } from './versionVector';

/** `device`: the device the token was issued to, when that is no longer this console's identity. */
export type Credentials = { kind: 'join'; code: string } | { kind: 'token'; space: string; token: string; device?: string };

export interface ConsoleSyncStore {
  cursor(): Promise<Cursor | null>;
  /** Events written here that no hub has acknowledged, oldest first. */
  outbox(limit: number): Promise<unknown[]>;
  outboxSize(): Promise<number>;
  /** Events held here that the vector does not cover, in each device's order. */
  eventsBeyond(vector: VersionVector, limit: number): Promise<unknown[]>;
  /** The events as they leave: runs named and sealed (shared/sync/outgoing.ts); some may stay for a later batch. */
  prepareOutgoing(events: readonly unknown[]): Promise<unknown[]>;
  /**
   * The hub holds events of this console's own device beyond what it holds
   * itself: its data was restored from an older copy. It must write under a
   * new identity from now on (and this connection ends, to say hello as that).
   */
  ownHistoryAhead(vector: VersionVector): Promise<boolean>;
  /**
   * Durable: acknowledged events leave the outbox; refused ones are kept aside
   * for the user; and, when given, the cursor moves past this console's own
   * events the acknowledgements place right after it, in the same step.
   */
  acknowledge(acks: readonly Ack[], cursor?: Cursor): Promise<void>;
  /** Durable: the page's events are ingested and the cursor advanced, together. */
  applyPage(events: readonly unknown[], cursor: Cursor): Promise<void>;
  /** Durable: the hub says the cursor does not name a place in its log (it was restored): start again from nothing. */
  forgetCursor(): Promise<void>;
  /** Durable: what a join returned (the device's token, the bundle key). */
  saveWelcome(welcome: WelcomeMessage): Promise<void>;
}

export type ConnectionStatus =
  | { phase: 'connecting' }
  /** `paging`: whether the hub sends pages (its welcome says, from protocol 3). */
  | { phase: 'syncing'; toSend: number; toReceive: number; paging: boolean }
  | { phase: 'synced'; paging: boolean }
  /** `retryAfterMs`: how long the hub asked the console to wait before it tries again (its limits). */
  | { phase: 'refused'; code: SyncErrorCode; message: string; retryAfterMs?: number };

/** Errors after which trying again on a new connection will not help until something changes. */
const FINAL_ERRORS: ReadonlySet<SyncErrorCode> = new Set(['unauthorized', 'upgradeRequired', 'hubTooOld', 'malformed', 'tooLarge']);

export type SyncConnectionOptions = {
  deviceId: string;
  credentials: Credentials;
  app: string;
  send: (frame: string) => void;
  close: () => void;
  now: () => number;
  /** Runs `fn` after `ms`; the simulation controls time through it. */
  schedule: (fn: () => void, ms: number) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** The hub's clock minus ours, learnt from the welcome (half the round trip corrected). */
  onClockOffset?: (offsetMs: number) => void;
  batch?: number;
  protocol?: { min: number; max: number };
};

/** How often the outbox is counted for the status while pushes follow one another. */
const STATUS_COUNT_EVERY_MS = 1000;

export class SyncConnection {
  private chain: Promise<void> = Promise.resolve();
  private welcome: WelcomeMessage | null = null;
  private helloAt = 0;
  private cursor: Cursor | null = null;
  private head = 0;
  /** What the hub holds, as far as this connection knows: its vector plus what it acknowledged since. */
  private hubHolds: VersionVector = {};
  private pushing: { id: string } | null = null;
  private pulling: { id: string; after: number } | null = null;
  /**
   * Runs of this console's own events beyond the cursor, where the hub's
   * acknowledgements placed them in its log, lowest first: the cursor steps
   * over them instead of pulling back what the console already holds.
   */
  private ownRuns: OwnRun[] = [];
  private requests = 0;
  private ended = false;
  private lastStatus = '';
  private counted = { size: 0, at: -Infinity };
  /**
   * Frames received and not yet handled, oldest first. Feeds that wait here
   * behind one being applied are applied with the next in one write: a
   * console's database commits (and syncs to disk) once for them all, so a
   * busy room does not queue up behind one commit a feed.
   */
  private inbox: string[] = [];
  /** A frame read ahead while gathering feeds, handled next. */
  private readAhead: ReturnType<typeof parseHubFrame> | null = null;

  constructor(
    private readonly store: ConsoleSyncStore,
    private readonly options: SyncConnectionOptions,
  ) {}

  /** The transport is open: introduce ourselves. */
  open(): Promise<void> {
    this.report({ phase: 'connecting' });
    return this.enqueue(async () => {
      const cursor = await this.store.cursor();
      this.helloAt = this.options.now();
      this.send({
        t: 'hello',
        protocol: this.options.protocol ?? PROTOCOL,
        deviceId: this.options.deviceId,
        auth: this.options.credentials,
        app: this.options.app,
        ...(cursor ? { cursor } : {}),
      });
    });
  }

  receive(frame: string): Promise<void> {
    this.inbox.push(frame);
    return this.enqueue(() => this.handleNext());
  }

  /** Something was written locally: push it when the connection is ready. */
  changed(): Promise<void> {
    return this.enqueue(() => this.pushNext());
  }

  /** The transport closed: nothing more is sent; in-flight requests are abandoned (the outbox keeps their events). */
  closed(): void {
    this.ended = true;
  }

  get ready(): boolean {
    return this.welcome !== null && !this.ended;
  }

  /** Steps run one at a time; the status is worked out once after each that did something, not after every request it sends. */
  private enqueue(step: () => Promise<boolean | void>): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.ended) return;
      if ((await step()) === false) return;
      await this.refresh();
    });
    return this.chain;
  }

  /** Handles the oldest frame not yet handled (one gathered into an earlier feed leaves nothing to do). */
  private async handleNext(): Promise<boolean> {
    let parsed = this.readAhead;
    this.readAhead = null;
    if (!parsed) {
      const frame = this.inbox.shift();
      if (frame === undefined) return false;
      parsed = parseHubFrame(frame);
    }
    if (parsed.ok && parsed.message.t === 'feed') await this.onFeed(this.gatherFeeds(parsed.message));
    else await this.handle(parsed);
    return true;
  }

  /** The feed with every feed waiting behind it that continues it, as one, up to a batch. */
  private gatherFeeds(first: Extract<HubMessage, { t: 'feed' }>): Extract<HubMessage, { t: 'feed' }> {
    // One array grown in place: a copy a feed would copy every event gathered so far again.
    const events = [...first.events];
    let head = first.head;
    while (this.inbox.length && events.length < SYNC_LIMITS.batchEvents) {
      const next = parseHubFrame(this.inbox.shift()!);
      const lastSeq = events[events.length - 1]!.seq;
      if (!next.ok || next.message.t !== 'feed' || next.message.epoch !== first.epoch || next.message.after !== lastSeq || events.length + next.message.events.length > SYNC_LIMITS.batchEvents) {
        // Every frame has a step of its own still to come: the next one handles this frame.
        this.readAhead = next;
        break;
      }
      events.push(...next.message.events);
      head = Math.max(head, next.message.head);
    }
    return events.length === first.events.length ? first : { ...first, events, head };
  }

  private async handle(parsed: ReturnType<typeof parseHubFrame>): Promise<void> {
    if (!parsed.ok) {
      // A hub that speaks nonsense is not trusted with anything further on this connection.
      this.report({ phase: 'refused', code: 'malformed', message: `The hub sent a malformed message: ${parsed.error}` });
      return this.end();
    }
    const message = parsed.message;
    switch (message.t) {
      case 'welcome':
        return this.onWelcome(message);
      case 'acks':
        return this.onAcks(message.id, message.acks);
      case 'page':
        return this.onPage(message.id, message.epoch, message.events, message.head);
      case 'poke':
        // A poke can overtake the welcome: keep its head for when the welcome comes.
        this.head = Math.max(this.head, message.head);
        if (!this.welcome) return;
        return this.pullNext();
      case 'feed':
        return this.onFeed(message);
      case 'pong':
        return;
      case 'error':
        return this.onError(message);
    }
  }

  private async onWelcome(welcome: WelcomeMessage): Promise<void> {
    if (this.welcome) return;
    const arrived = this.options.now();
    this.options.onClockOffset?.(welcome.serverTime - (this.helloAt + arrived) / 2);
    if (welcome.token) await this.store.saveWelcome(welcome);
    if (welcome.rewind) await this.store.forgetCursor();
    if (await this.store.ownHistoryAhead(welcome.vector)) {
      this.report({ phase: 'connecting' });
      return this.end();
    }
    const stored = await this.store.cursor();
    // Another epoch, or a cursor the hub says is not in its log (restored from a backup), means the log was
    // replaced: read it again from the start (ingest drops what is already here).
    this.cursor = stored && stored.epoch === welcome.epoch && !welcome.rewind ? stored : { epoch: welcome.epoch, seq: 0 };
    this.head = Math.max(this.head, welcome.head);
    this.hubHolds = { ...welcome.vector };
    this.welcome = welcome;
    await this.pullNext();
    await this.pushNext();
  }

  private async pushNext(): Promise<void> {
    if (!this.ready || this.pushing) return;
    const limit = this.options.batch ?? SYNC_LIMITS.batchEvents;
    let events = await this.store.eventsBeyond(this.hubHolds, limit);
    // Events the hub holds but whose acknowledgement never arrived: pushing again clears them ("duplicate").
    if (events.length === 0) events = await this.store.outbox(limit);
    if (events.length === 0) return;
    events = await this.store.prepareOutgoing(fitBatch(events));
    if (events.length === 0) return;
    const id = this.nextId();
    this.pushing = { id };
    this.send({ t: 'push', id, events });
  }

  private async onAcks(id: string, acks: readonly Ack[]): Promise<void> {
    // Acknowledgements are facts whichever request they answer: apply late or repeated ones too.
    if (this.cursor) this.ownRuns = addOwnRuns(this.ownRuns, acks, this.cursor.seq);
    // A page in flight moves the cursor itself when it comes; until then the cursor stays where that pull began.
    const past = this.pulling ? null : this.pastOwnRuns(this.cursor);
    await (past ? this.store.acknowledge(acks, past) : this.store.acknowledge(acks));
    if (past) {
      this.cursor = past;
      this.head = Math.max(this.head, past.seq);
    }
    const held: VersionVector = {};
    for (const ack of acks) {
      // "Later" is not held: it goes again with the next push, sealed.
      if (ack.status === 'later') continue;
      const named = parseEventId(ack.id);
      if (named) held[named.deviceId] = Math.max(held[named.deviceId] ?? 0, named.deviceSeq);
    }
    this.hubHolds = mergeVectors(this.hubHolds, held);
    if (this.pushing?.id !== id) return;
    this.pushing = null;
    // The pull goes first: the hub answers in order, so its page cannot hold the events of the push that follows.
    await this.pullNext();
    await this.pushNext();
  }

  /**
   * Never while a push is unanswered: the page could hold that push's events,
   * which the console already has. The acknowledgements say where they are,
   * and the pull follows them.
   */
  private async pullNext(): Promise<void> {
    if (!this.ready || this.pulling || this.pushing || !this.cursor) return;
    if (this.cursor.seq >= this.head) return;
    const id = this.nextId();
    this.pulling = { id, after: this.cursor.seq };
    // The page ends before the console's own next run: there is no need to read that back.
    const gap = this.ownRuns.length ? this.ownRuns[0]!.from - this.cursor.seq - 1 : Infinity;
    const limit = Math.max(1, Math.min(this.options.batch ?? SYNC_LIMITS.batchEvents, gap));
    this.send({ t: 'pull', id, after: this.cursor.seq, limit });
  }

  private async onPage(id: string, epoch: string, events: readonly SequencedEvent[], head: number): Promise<void> {
    // A repeated or stale page is ignored: only the answer to the pull in flight may move the cursor.
    if (!this.pulling || this.pulling.id !== id || !this.cursor) return;
    const after = this.pulling.after;
    this.pulling = null;
    return this.applyFrom(after, epoch, events, head);
  }

  /**
   * What another console pushed, sent without a pull (protocol 2). Taken only
   * where it starts at the cursor and no page is on its way (that page will
   * move the cursor itself); otherwise it says only that there is more, as a
   * poke does.
   */
  private async onFeed(feed: Extract<HubMessage, { t: 'feed' }>): Promise<void> {
    this.head = Math.max(this.head, feed.head);
    if (!this.welcome) return;
    if (this.pulling || !this.cursor || feed.epoch !== this.cursor.epoch || feed.after !== this.cursor.seq) return this.pullNext();
    return this.applyFrom(feed.after, feed.epoch, feed.events, feed.head);
  }

  /** Applies events that follow `after` in the hub's log (a page, a feed) and moves the cursor past them. */
  private async applyFrom(after: number, epoch: string, events: readonly SequencedEvent[], head: number): Promise<void> {
    if (!this.cursor) return;
    if (epoch !== this.cursor.epoch) {
      this.report({ phase: 'connecting' });
      return this.end();
    }
    let last = after;
    for (const { seq } of events) {
      if (seq <= last) {
        this.report({ phase: 'refused', code: 'malformed', message: 'The hub sent its log out of order.' });
        return this.end();
      }
      last = seq;
    }
    if (events.length) {
      const lastId = (events[events.length - 1]!.event as { id?: unknown } | null)?.id;
      const paged: Cursor = { epoch, seq: last, ...(typeof lastId === 'string' && EVENT_ID_REGEX.test(lastId) ? { id: lastId } : {}) };
      const next = this.pastOwnRuns(paged) ?? paged;
      await this.store.applyPage(
        events.map((e) => e.event),
        next,
      );
      this.cursor = next;
    }
    // A page shorter than the head says is the whole log for now; never ask again for an empty range.
    this.head = events.length ? Math.max(head, this.head) : Math.min(this.head, last);
    await this.pullNext();
  }

  /** The cursor moved on over the console's own runs that start at or before its next place, or null when none do. */
  private pastOwnRuns(from: Cursor | null): Cursor | null {
    if (!from) return null;
    const { seq, id, ahead } = stepOverOwnRuns(this.ownRuns, from.seq);
    this.ownRuns = ahead;
    return id === null ? null : { epoch: from.epoch, seq, id };
  }

  private async onError(error: Extract<HubMessage, { t: 'error' }>): Promise<void> {
    if (error.code === 'rateLimited' && error.id) {
      // The refused request is forgotten and asked again after the wait.
      if (this.pushing?.id === error.id) this.pushing = null;
      if (this.pulling?.id === error.id) this.pulling = null;
      this.options.schedule(() => {
        void this.enqueue(async () => {
          await this.pushNext();
          await this.pullNext();
        });
      }, error.retryAfterMs ?? 1000);
      return;
    }
    if (LIMIT_ERROR_CODES.has(error.code)) {
      this.report({ phase: 'refused', code: error.code, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) });
    } else if (FINAL_ERRORS.has(error.code)) this.report({ phase: 'refused', code: error.code, message: error.message });
    else this.report({ phase: 'connecting' });
    return this.end();
  }

  private async refresh(): Promise<void> {
    if (!this.welcome || this.ended || !this.options.onStatus) return;
    const toSend = await this.toSend();
    const toReceive = Math.max(0, this.head - (this.cursor?.seq ?? 0));
    const paging = this.welcome.paging ?? false;
    if (toSend === 0 && toReceive === 0 && !this.pushing && !this.pulling) this.report({ phase: 'synced', paging });
    else this.report({ phase: 'syncing', toSend, toReceive, paging });
  }

  /**
   * What is left to send. Counting a large outbox costs as much as preparing
   * a push, so while pushes follow one another it is counted at most once
   * every STATUS_COUNT_EVERY_MS; with no push out it is always counted afresh.
   */
  private async toSend(): Promise<number> {
    const now = this.options.now();
    if (!this.pushing || now - this.counted.at >= STATUS_COUNT_EVERY_MS) this.counted = { size: await this.store.outboxSize(), at: now };
    return this.counted.size;
  }

  private report(status: ConnectionStatus): void {
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.onStatus?.(status);
  }

  private send(message: ClientMessage): void {
    if (!this.ended) this.options.send(JSON.stringify(message));
  }

  private nextId(): string {
    this.requests += 1;
    return `r${this.requests}`;
  }

  private end(): void {
    this.ended = true;
    this.options.close();
  }
}
