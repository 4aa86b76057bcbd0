/**
 * How a hub answers one console's connection, independent of sockets and
 * storage: the headless hub, the LAN hub inside the desktop app and the
 * simulation all run this. Frames are handled one at a time, in order.
 */
import type { Envelope } from '../domain/events';
import { hlcTime } from '../domain/hlc';
import { MAX_WRITER_CLOCK_AHEAD_MS } from '../domain/occurredAt';
import { bundleKey, hashToken, legacyTokenMatches, newDeviceToken, tokenHashMatches } from './membership';
import type { DeviceRecord, HubStore, SpaceRecord } from './hubStore';
import {
  FEED_PROTOCOL,
  PAGING_PROTOCOL,
  PROTOCOL,
  SYNC_LIMITS,
  fitBatch,
  negotiate,
  parseClientFrame,
  type Ack,
  type ClientMessage,
  type Cursor,
  type HubMessage,
  type SequencedEvent,
  type SyncErrorCode,
} from './protocol';
import type { RateLimiter } from './rateLimiter';
import { SealVerifier, ZERO_LINK, contentHash, contentOf, idsToLookUp, isLink, isSealed, judgeChains, nextLink, sealedPrefix, type TravellingEvent } from './chain';
import { examineInThread, type Examine } from './examine';
import { addOwnRuns, stepOverOwnRuns, type OwnRun } from './ownRuns';
import type { Page, SharedPages } from './sharedPages';

export type HubSessionDeps = {
  store: HubStore;
  hubId: string;
  now: () => number;
  send: (message: HubMessage) => void;
  /** Ends the connection after an error the console cannot recover from on this connection. */
  close: () => void;
  /** Called after a push made the space's log longer, so every connection to it can be poked. */
  advanced: (spaceId: string, head: number) => void;
  /** Keyed by the device's registry entry, which only a token the hub issued opens. */
  limiter?: RateLimiter;
  quotas?: { storedBytesPerDevice: number };
  protocol?: { min: number; max: number };
  /** Whether this hub sends pages: told to consoles in the welcome. */
  paging?: boolean;
  /** Shared by a hub's sessions, so each author's key is imported once. */
  verifier?: SealVerifier;
  /** Checks and hashes each pushed event; on this thread unless the hub has a worker for it. */
  examine?: Examine;
  /** Pages shared by a hub's sessions (read, checked and encoded once for every console that asks). */
  pages?: SharedPages;
  /** Fills the bytes with random ones: tokens. WebCrypto's unless a test says otherwise. */
  random?: (bytes: Uint8Array) => Uint8Array;
};

export type SessionMember = { space: SpaceRecord; deviceId: string };

/** Stored bytes a device may push unless the hub's operator says otherwise. */
export const DEFAULT_STORED_BYTES_PER_DEVICE = 1024 * 1024 * 1024;
/** A device's "last seen" is written at most this often while it stays connected. */
const SEEN_EVERY_MS = 60_000;

const REFUSED = {
  unknownCode: 'This hub does not know that join code. Check it with whoever runs the hub.',
  unknownToken: 'This hub no longer recognises this console. Join again with the room’s join code.',
  removed: 'This console was removed from the space by whoever runs the hub. Ask them if it should sync again.',
} as const;

export class HubSession {
  private member: SessionMember | null = null;
  private protocol = 1;
  /**
   * Where the hub believes the console's cursor is: where its last page ended,
   * or where it stepped over its own pushed events. Only a hint for choosing a
   * feed over a poke; the console takes a feed only if it starts at its cursor.
   */
  private heldTo: number | null = null;
  /** This console's pushed events beyond `heldTo`: it steps its cursor over them, and so does `heldTo`. */
  private ownRuns: OwnRun[] = [];
  /**
   * A push of this console's being stored, and the newest head it was poked with meanwhile. Another hub
   * process may announce the push before it is acknowledged here: the poke waits for the acknowledgements,
   * so the console is never fed its own events back.
   */
  private pushing = false;
  private pokedWhilePushing: number | null = null;
  private readonly verifier: SealVerifier;
  private closed = false;
  private seenAt = 0;

  constructor(private readonly deps: HubSessionDeps) {
    this.verifier = deps.verifier ?? new SealVerifier();
  }

  /** The space and device once the hello was accepted. */
  get membership(): SessionMember | null {
    return this.member;
  }

  async receive(frame: string): Promise<void> {
    if (this.closed) return;
    const parsed = parseClientFrame(frame);
    if (!parsed.ok) return this.fail('malformed', `Refused a malformed message: ${parsed.error}`);
    const message = parsed.message;
    if (message.t === 'hello') return this.hello(message);
    if (!this.member) return this.fail('unauthorized', 'Say hello with a join code or a device token first.');
    if (this.deps.limiter) {
      const key = `${this.member.space.id}/${this.member.deviceId}`;
      const wait = this.deps.limiter.take(key, message.t === 'push' ? message.events.length : 0, this.deps.now());
      if (wait > 0) {
        this.deps.send({ t: 'error', code: 'rateLimited', message: 'Too many requests from this console; slowing down.', retryAfterMs: wait, ...('id' in message ? { id: message.id } : {}) });
        return;
      }
    }
    if (message.t === 'ping') {
      this.deps.send({ t: 'pong', id: message.id, serverTime: this.deps.now() });
      return;
    }
    const device = await this.stillMember();
    if (!device) return;
    switch (message.t) {
      case 'push':
        return this.push(message.id, frame, message.events, device.storedBytes);
      case 'pull': {
        const { events, head } = await this.sharedPage(this.member.space.id, message.after, message.limit);
        this.holdsUpTo(events.length ? events[events.length - 1]!.seq : message.after);
        this.deps.send({ t: 'page', id: message.id, epoch: this.member.space.epoch, events, head });
        return;
      }
    }
  }

  /**
   * The device's registry entry, read again before each request: a device
   * removed (here, or by another hub process or the command line) is refused
   * from its next request on, and the connection closed.
   */
  private async stillMember(): Promise<DeviceRecord | null> {
    const { space, deviceId } = this.member!;
    const device = await this.deps.store.device(space.id, deviceId);
    if (!device || device.removedAt !== null) {
      this.fail('unauthorized', REFUSED.removed);
      return null;
    }
    const now = this.deps.now();
    if (now - this.seenAt >= SEEN_EVERY_MS) {
      this.seenAt = now;
      await this.deps.store.deviceSeen(space.id, deviceId, now);
    }
    return device;
  }

  /** The device was removed from the space: say so and end the connection. */
  removed(): void {
    if (this.member && !this.closed) this.fail('unauthorized', REFUSED.removed);
  }

  /**
   * The connection is gone. A join still in progress on it registers
   * nothing: its token could reach no one, and registering it would replace
   * the token the same console, connected again, has just been given.
   */
  ended(): void {
    this.closed = true;
  }

  /**
   * The space advanced: tell the console. A console of protocol 2 the hub
   * believes holds everything up to where the new events begin is sent them
   * (a feed: the same page for every such console, read and encoded once);
   * any other is poked, and pulls.
   */
  poke(head: number): void {
    if (!this.member || this.closed) return;
    if (this.pushing) {
      this.pokedWhilePushing = Math.max(this.pokedWhilePushing ?? 0, head);
      return;
    }
    const after = this.heldTo;
    // A console of protocol 1 does not step over its own events: it is poked, as ever, and pulls them.
    if (this.protocol < FEED_PROTOCOL || after === null) return this.deps.send({ t: 'poke', head });
    // What it pushed itself: it holds all of it.
    if (after >= head) return;
    void this.sharedPage(this.member.space.id, after, SYNC_LIMITS.batchEvents).then(
      (page) => {
        if (this.closed || !this.member) return;
        // Moved meanwhile (a pull answered, a push acknowledged): the feed would not start where the console is.
        if (this.heldTo !== after || page.events.length === 0) {
          const newest = Math.max(head, page.head);
          if (this.heldTo === null || this.heldTo < newest) this.deps.send({ t: 'poke', head: newest });
          return;
        }
        this.holdsUpTo(page.events[page.events.length - 1]!.seq);
        this.deps.send({ t: 'feed', epoch: this.member.space.epoch, after, events: page.events, head: page.head });
      },
      () => this.deps.send({ t: 'poke', head }),
    );
  }

  /** The page after `after`, read once for every session asking for it when the hub shares pages. */
  private sharedPage(spaceId: string, after: number, limit: number): Promise<Page> {
    const read = () => this.readPage(spaceId, after, limit);
    return this.deps.pages ? this.deps.pages.read(spaceId, after, limit, read) : read();
  }

  /** The console will hold everything up to `seq`, and its own events right after. */
  private holdsUpTo(seq: number): void {
    const { seq: past, ahead } = stepOverOwnRuns(this.ownRuns, seq);
    this.heldTo = past;
    this.ownRuns = ahead;
  }

  private async hello(message: Extract<ClientMessage, { t: 'hello' }>): Promise<void> {
    if (this.member) return this.fail('malformed', 'This connection has already said hello.');
    const agreed = negotiate(this.deps.protocol ?? PROTOCOL, message.protocol);
    if (!agreed.ok) {
      return agreed.upgrade === 'them'
        ? this.fail('upgradeRequired', 'This console is too old for this hub. Update Warroom to sync; nothing recorded here is lost meanwhile.')
        : this.fail('hubTooOld', 'This hub is older than this console. Update the hub to sync; nothing recorded here is lost meanwhile.');
    }
    const admitted = message.auth.kind === 'join' ? await this.join(message.auth.code, message.deviceId) : await this.presentToken(message.auth, message.deviceId);
    if (this.closed) return;
    if (typeof admitted === 'string') return this.fail('unauthorized', admitted);
    const { space, token } = admitted;
    const { store } = this.deps;
    this.member = { space, deviceId: message.deviceId };
    this.protocol = agreed.protocol;
    this.seenAt = this.deps.now();
    const [head, vector, rewind] = await Promise.all([store.head(space.id), store.vector(space.id), this.cursorLost(space, message.cursor)]);
    this.heldTo = message.cursor && message.cursor.epoch === space.epoch && !rewind ? message.cursor.seq : 0;
    this.deps.send({
      t: 'welcome',
      protocol: agreed.protocol,
      hubId: this.deps.hubId,
      space: space.id,
      spaceName: space.name,
      ...(token ? { token } : {}),
      ...(message.auth.kind === 'join' ? { bundleKey: bundleKey(space.secret) } : {}),
      epoch: space.epoch,
      head,
      serverTime: this.deps.now(),
      vector,
      ...(rewind ? { rewind: true as const } : {}),
      ...(agreed.protocol >= PAGING_PROTOCOL ? { paging: this.deps.paging ?? false } : {}),
    });
  }

  /**
   * Whether the console's cursor names a place this log does not have: past
   * its head, or at an event other than the one the console read there. Both
   * happen when the hub's database was restored from a backup, which brings
   * back the epoch it was taken in.
   */
  private async cursorLost(space: SpaceRecord, cursor: Cursor | undefined): Promise<boolean> {
    if (!cursor || cursor.epoch !== space.epoch || cursor.seq === 0) return false;
    const { events } = await this.deps.store.page(space.id, cursor.seq - 1, 1);
    const at = events[0];
    if (!at || at.seq !== cursor.seq) return true;
    return cursor.id !== undefined && (at.event as { id?: unknown }).id !== cursor.id;
  }

  /** The join code admits a device: it is registered with a new token (shown once, in the welcome). */
  private async join(code: string, deviceId: string): Promise<{ space: SpaceRecord; token: string } | string> {
    const space = await this.deps.store.spaceByJoinCode(code);
    if (!space) return REFUSED.unknownCode;
    return (await this.issue(space, deviceId)) ?? REFUSED.removed;
  }

  private async presentToken(auth: { space: string; token: string; device?: string }, deviceId: string): Promise<{ space: SpaceRecord; token?: string } | string> {
    const { store } = this.deps;
    const space = await store.space(auth.space);
    if (!space) return REFUSED.unknownToken;
    if (auth.device !== undefined && auth.device !== deviceId) return this.moveDevice(space, auth.token, auth.device, deviceId);
    const device = await store.device(space.id, deviceId);
    if (device) {
      if (device.removedAt !== null) return REFUSED.removed;
      if (!tokenHashMatches(device.tokenHash, auth.token)) return REFUSED.unknownToken;
      await store.deviceSeen(space.id, deviceId, this.deps.now());
      return { space };
    }
    // A console that joined before the hub kept a registry: its derived token is honoured once and replaced.
    if (legacyTokenMatches(space.secret, deviceId, auth.token)) return (await this.issue(space, deviceId)) ?? REFUSED.removed;
    return REFUSED.unknownToken;
  }

  /**
   * A member restored from an older copy writes under a new identity (its
   * old device id has a history it no longer holds). Its token moves with it:
   * the new device is registered under the old one's name, and the old
   * registration is ended so the token serves one device, never two.
   */
  private async moveDevice(space: SpaceRecord, token: string, from: string, to: string): Promise<{ space: SpaceRecord; token: string } | string> {
    const { store } = this.deps;
    const [old, taken] = await Promise.all([store.device(space.id, from), store.device(space.id, to)]);
    if (!old || taken) return REFUSED.unknownToken;
    if (old.removedAt !== null) return REFUSED.removed;
    if (!tokenHashMatches(old.tokenHash, token)) return REFUSED.unknownToken;
    // Ended first: a second hello racing this one with the same token then finds it removed. Not for a connection
    // already gone: the console would lose its old membership and never hear of the new one.
    if (this.closed) return REFUSED.unknownToken;
    if (!(await store.removeDevice(space.id, from, this.deps.now()))) return REFUSED.removed;
    return (await this.issue(space, to, old.name)) ?? REFUSED.removed;
  }

  /** A fresh token for the device, its hash registered; null if the device was removed. */
  private async issue(space: SpaceRecord, deviceId: string, name = deviceId): Promise<{ space: SpaceRecord; token: string } | null> {
    if (this.closed) return null;
    const token = newDeviceToken(this.deps.random ?? ((bytes) => globalThis.crypto.getRandomValues(bytes)));
    const registered = await this.deps.store.registerDevice(space.id, { deviceId, name, tokenHash: hashToken(token), at: this.deps.now() });
    return registered ? { space, token } : null;
  }

  private async push(id: string, frame: string, raws: readonly unknown[], storedBytes: number): Promise<void> {
    this.pushing = true;
    let head: number | null;
    try {
      head = await this.storePushed(id, frame, raws, storedBytes);
    } finally {
      this.pushing = false;
      const poked = this.pokedWhilePushing;
      this.pokedWhilePushing = null;
      if (poked !== null) this.poke(poked);
    }
    // The pusher hears its acknowledgements before the poke its own push causes: they say where its events are in
    // the log, so a poke that names nothing else leaves it nothing to pull.
    if (head !== null) this.deps.advanced(this.member!.space.id, head);
  }

  /** Stores what a push holds that may be kept and acknowledges every event of it; the new head when the log grew. */
  private async storePushed(id: string, frame: string, raws: readonly unknown[], storedBytes: number): Promise<number | null> {
    let grewTo: number | null = null;
    const member = this.member!;
    const { store } = this.deps;
    const acks: (Ack | null)[] = new Array(raws.length).fill(null);
    const candidates: TravellingEvent[] = [];
    const hashes: (string | null)[] = [];
    const slots: number[] = [];
    let adding = 0;
    const examined = await (this.deps.examine ?? examineInThread)({ frame, events: raws });
    const now = this.deps.now();
    raws.forEach((raw, index) => {
      const verdict = examined[index]!;
      if ('problem' in verdict) acks[index] = { id: idOf(raw), status: 'rejected', reason: verdict.problem };
      else {
        // Kept as it was sent: a well-formed event's envelope is exactly what was sent.
        candidates.push(raw as TravellingEvent);
        hashes.push(verdict.hash);
        slots.push(index);
        adding += verdict.chars;
      }
    });
    const quota = this.deps.quotas?.storedBytesPerDevice ?? DEFAULT_STORED_BYTES_PER_DEVICE;
    if (storedBytes + adding > quota) {
      // Not acknowledged: the console keeps the events and says why they wait.
      const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
      this.deps.send({
        t: 'error',
        code: 'quotaExceeded',
        id,
        message: `This console has stored ${mb(storedBytes)} on this hub, and its storage limit is ${mb(quota)}. Its entries wait on this console until whoever runs the hub raises the limit.`,
      });
      return null;
    }
    if (candidates.length) {
      const held = linksOf(await store.bodies(member.space.id, idsToLookUp(candidates)));
      const verdicts = await judgeChains(candidates, held, this.verifier, hashes);
      const toStore: Envelope[] = [];
      const storeSlots: number[] = [];
      const fresh = new Map<string, string>();
      for (const verdict of verdicts) {
        const slot = slots[verdict.index]!;
        const event = candidates[verdict.index]!;
        if (verdict.status === 'uncovered') {
          acks[slot] = { id: event.id, status: 'later', reason: verdict.reason };
          continue;
        }
        if (verdict.status === 'refused' || verdict.status === 'conflict') {
          acks[slot] = { id: event.id, status: 'rejected', reason: verdict.reason.slice(0, SYNC_LIMITS.reasonChars) };
          continue;
        }
        const late = verdict.status === 'verified' ? (hubOnly(event) ?? this.untimely(event, now)) : null;
        if (late) {
          acks[slot] = { id: event.id, status: 'rejected', reason: late };
          continue;
        }
        // What is held is passed on too: the store answers "duplicate" with its number.
        storeSlots.push(slot);
        if (verdict.status === 'held') toStore.push(event);
        else {
          // Kept with the link before it, so any page can start with it, and with its seal (or witness) only when checked.
          const kept = contentOf(event) as TravellingEvent;
          kept.chain = verdict.chain;
          if (verdict.seal) kept.seal = verdict.seal;
          if (verdict.witness) kept.witness = verdict.witness;
          toStore.push(kept);
          fresh.set(event.id, verdict.link);
        }
      }
      // Each author's new events here must end at a seal the hub keeps, so every page can end at one: events after
      // the last kept seal (it was on an event refused for its clock) wait for the next push, which seals them.
      const sealedUpTo = new Map<string, number>();
      toStore.forEach((event, i) => {
        if (fresh.has(event.id) && isSealed(event as TravellingEvent)) sealedUpTo.set(event.deviceId, i);
      });
      const keep = toStore.map((event, i) => !fresh.has(event.id) || i <= (sealedUpTo.get(event.deviceId) ?? -1));
      keep.forEach((kept, i) => {
        if (!kept) acks[storeSlots[i]!] = { id: toStore[i]!.id, status: 'later', reason: 'not covered by a signature the hub keeps; send it again with a later signed event' };
      });
      const keptStore = toStore.filter((_, i) => keep[i]);
      const keptSlots = storeSlots.filter((_, i) => keep[i]);
      const stored = keptStore.length ? await store.append(member.space.id, keptStore, member.deviceId) : { acks: [], head: 0 };
      // Held already (sent before, or by another connection meanwhile): the same content is a duplicate, other content is not.
      const raced = stored.acks.filter((ack) => ack.status === 'duplicate' && fresh.has(ack.id)).map((ack) => ack.id);
      const racedLinks = raced.length ? linksOf(await store.bodies(member.space.id, raced)) : new Map<string, string>();
      stored.acks.forEach((ack, i) => {
        const otherLink = racedLinks.get(ack.id);
        acks[keptSlots[i]!] =
          otherLink !== undefined && otherLink !== fresh.get(ack.id)
            ? { id: ack.id, status: 'rejected', reason: 'an event with this id and different content is already held' }
            : ack;
      });
      if (stored.acks.some((ack) => ack.status === 'accepted')) grewTo = stored.head;
    }
    this.deps.send({ t: 'acks', id, acks: acks as Ack[] });
    if (this.heldTo !== null) {
      this.ownRuns = addOwnRuns(this.ownRuns, acks as Ack[], this.heldTo);
      this.holdsUpTo(this.heldTo);
    }
    return grewTo;
  }

  /**
   * A page that ends where every author's events in it are covered by a seal,
   * so a console can check all of it; each author's first event in it names
   * the link before it, and the rest leave it out (the console works it out).
   */
  private async readPage(spaceId: string, after: number, limit: number): Promise<Page> {
    let want = limit;
    for (;;) {
      const { events, head } = await this.deps.store.page(spaceId, after, want);
      const fitting = fitBatch(events);
      const end = sealedPrefix(fitting.map(({ event }) => event as TravellingEvent));
      // A page with no seal within it (large events, a long run): read on to the first seal rather than stall.
      if (end === 0 && fitting.length === events.length && events.length === want && want < SYNC_LIMITS.batchEvents * 4) {
        want *= 2;
        continue;
      }
      const page = end > 0 ? fitting.slice(0, end) : fitting;
      return { events: withRunStarts(page), head };
    }
  }

  /** The event as it will be kept and its length as JSON, or why it is refused. Nothing refused is stored. */
  /**
   * Why a well-formed event is not kept now (its clocks), or null. Such an
   * event still counts in its author's chain: the seal after it covers the
   * events before it, which are kept.
   */
  private untimely(envelope: TravellingEvent, now: number): string | null {
    const ahead = hlcTime(envelope.hlc) - now;
    if (ahead > SYNC_LIMITS.futureSkewMs) {
      return `stamped ${Math.round(ahead / 60000)} min ahead of the hub's clock: check the clock of the console that wrote it`;
    }
    const saidAhead = Date.parse(envelope.occurredAt) - now;
    if (saidAhead > MAX_WRITER_CLOCK_AHEAD_MS) {
      return `said to have happened ${Math.round(saidAhead / 60000)} min ahead of the hub's clock: check the time given and the clock of the console that wrote it`;
    }
    return null;
  }

  private fail(code: SyncErrorCode, message: string): void {
    this.deps.send({ t: 'error', code, message });
    this.closed = true;
    this.deps.close();
  }
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, SYNC_LIMITS.idChars) : '';
}

/** The links after held events, worked out from what the hub stores of each (its content and the link before it). */
function linksOf(bodies: ReadonlyMap<string, unknown>): Map<string, string> {
  const links = new Map<string, string>();
  for (const [id, body] of bodies) {
    const event = body as TravellingEvent;
    const before = event.deviceSeq === 1 ? ZERO_LINK : event.chain;
    if (isLink(before)) links.set(id, nextLink(before, contentHash(event)));
  }
  return links;
}

function withRunStarts(events: readonly SequencedEvent[]): SequencedEvent[] {
  const seen = new Map<string, number>();
  return events.map(({ seq, event }) => {
    const e = event as TravellingEvent;
    const previous = seen.get(e.deviceId);
    seen.set(e.deviceId, e.deviceSeq);
    if (previous === e.deviceSeq - 1 && e.chain !== undefined) {
      const { chain: _chain, ...rest } = e;
      return { seq, event: rest };
    }
    return { seq, event };
  });
}

/**
 * What only the hub writes, never a console: alerts come in through its own door (/alerts/<key>), pages are
 * sent, escalated and reported on by it, and subscribed calendars fetched by it. A member cannot forge one:
 * say a page went out that never did, or put someone else on call.
 */
const HUB_ONLY: Record<string, string> = {
  'alert.received': 'alerts are taken in by the hub from monitoring, not from consoles',
  'page.sent': 'pages are sent by the hub, and only it records them',
  'page.escalated': 'escalations are made by the hub, not by consoles',
  'page.delivered': 'delivery reports come to the hub from the gateway, not from consoles',
  'organisation.calendarFetched': 'subscribed calendars are fetched by the hub, not by consoles',
};

function hubOnly(event: TravellingEvent): string | null {
  return Object.hasOwn(HUB_ONLY, event.type) ? HUB_ONLY[event.type]! : null;
}
