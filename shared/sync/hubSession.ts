/**
 * How a hub answers one console's connection, independent of sockets and
 * storage: the headless hub, the LAN hub inside the desktop app and the
 * simulation all run this. Frames are handled one at a time, in order.
 */
import { parseEvent, type Envelope } from '../domain/events';
import { hlcTime } from '../domain/hlc';
import { bundleKey, deviceToken, tokenMatches } from './membership';
import type { HubStore, SpaceRecord } from './hubStore';
import {
  PROTOCOL,
  SYNC_LIMITS,
  fitBatch,
  negotiate,
  parseClientFrame,
  type Ack,
  type ClientMessage,
  type SequencedEvent,
  type HubMessage,
  type SyncErrorCode,
} from './protocol';
import type { RateLimiter } from './rateLimiter';
import { SealVerifier, ZERO_LINK, sealedPrefix, contentHash, contentOf, idsToLookUp, isLink, judgeChains, nextLink, type TravellingEvent } from './chain';

/** Largest single event a hub keeps, as JSON. */
export const MAX_EVENT_CHARS = 256 * 1024;

export type HubSessionDeps = {
  store: HubStore;
  hubId: string;
  now: () => number;
  send: (message: HubMessage) => void;
  /** Ends the connection after an error the console cannot recover from on this connection. */
  close: () => void;
  /** Called after a push made the space's log longer, so every connection to it can be poked. */
  advanced: (spaceId: string, head: number) => void;
  limiter?: RateLimiter;
  protocol?: { min: number; max: number };
  /** Shared by a hub's sessions, so each author's key is imported once. */
  verifier?: SealVerifier;
};

export type SessionMember = { space: SpaceRecord; deviceId: string };

export class HubSession {
  private member: SessionMember | null = null;
  private readonly verifier: SealVerifier;
  private closed = false;

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
      const wait = this.deps.limiter.take(this.member.deviceId, message.t === 'push' ? message.events.length : 0, this.deps.now());
      if (wait > 0) {
        this.deps.send({ t: 'error', code: 'rateLimited', message: 'Too many requests from this console; slowing down.', retryAfterMs: wait, ...('id' in message ? { id: message.id } : {}) });
        return;
      }
    }
    switch (message.t) {
      case 'push':
        return this.push(message.id, message.events);
      case 'pull': {
        const { events, head } = await this.readPage(this.member.space.id, message.after, message.limit);
        this.deps.send({ t: 'page', id: message.id, epoch: this.member.space.epoch, events, head });
        return;
      }
      case 'ping':
        this.deps.send({ t: 'pong', id: message.id, serverTime: this.deps.now() });
        return;
    }
  }

  /** The space advanced: tell the console there is something to pull. */
  poke(head: number): void {
    if (this.member && !this.closed) this.deps.send({ t: 'poke', head });
  }

  private async hello(message: Extract<ClientMessage, { t: 'hello' }>): Promise<void> {
    if (this.member) return this.fail('malformed', 'This connection has already said hello.');
    const agreed = negotiate(this.deps.protocol ?? PROTOCOL, message.protocol);
    if (!agreed.ok) {
      return agreed.upgrade === 'them'
        ? this.fail('upgradeRequired', 'This console is too old for this hub. Update Warroom to sync; nothing recorded here is lost meanwhile.')
        : this.fail('hubTooOld', 'This hub is older than this console. Update the hub to sync; nothing recorded here is lost meanwhile.');
    }
    const { store } = this.deps;
    let space: SpaceRecord | null;
    let joined = false;
    if (message.auth.kind === 'join') {
      space = await store.spaceByJoinCode(message.auth.code);
      if (!space) return this.fail('unauthorized', 'This hub does not know that join code. Check it with whoever runs the hub.');
      joined = true;
    } else {
      space = await store.space(message.auth.space);
      if (!space || !tokenMatches(space.secret, message.deviceId, message.auth.token)) {
        return this.fail('unauthorized', 'This hub no longer recognises this console. Join again with the room’s join code.');
      }
    }
    this.member = { space, deviceId: message.deviceId };
    const [head, vector] = await Promise.all([store.head(space.id), store.vector(space.id)]);
    this.deps.send({
      t: 'welcome',
      protocol: agreed.protocol,
      hubId: this.deps.hubId,
      space: space.id,
      spaceName: space.name,
      ...(joined ? { token: deviceToken(space.secret, message.deviceId), bundleKey: bundleKey(space.secret) } : {}),
      epoch: space.epoch,
      head,
      serverTime: this.deps.now(),
      vector,
    });
  }

  private async push(id: string, raws: readonly unknown[]): Promise<void> {
    const member = this.member!;
    const { store } = this.deps;
    const acks: (Ack | null)[] = new Array(raws.length).fill(null);
    const candidates: TravellingEvent[] = [];
    const slots: number[] = [];
    const now = this.deps.now();
    raws.forEach((raw, index) => {
      const judged = this.judge(raw, now);
      if (typeof judged === 'string') acks[index] = { id: idOf(raw), status: 'rejected', reason: judged };
      else {
        candidates.push(judged);
        slots.push(index);
      }
    });
    if (candidates.length) {
      const held = linksOf(await store.bodies(member.space.id, idsToLookUp(candidates)));
      const verdicts = await judgeChains(candidates, held, this.verifier);
      const toStore: Envelope[] = [];
      const storeSlots: number[] = [];
      const fresh = new Map<string, string>();
      for (const verdict of verdicts) {
        const slot = slots[verdict.index]!;
        const event = candidates[verdict.index]!;
        if (verdict.status === 'refused' || verdict.status === 'conflict') {
          acks[slot] = { id: event.id, status: 'rejected', reason: verdict.reason.slice(0, SYNC_LIMITS.reasonChars) };
          continue;
        }
        // What is held is passed on too: the store answers "duplicate" with its number.
        storeSlots.push(slot);
        if (verdict.status === 'held') toStore.push(event);
        else {
          // Kept with the link before it, so any page can start with it, and with its seal only when checked.
          toStore.push({ ...(contentOf(event) as Envelope), chain: verdict.chain, ...(verdict.seal ? { seal: verdict.seal } : {}) } as Envelope);
          fresh.set(event.id, verdict.link);
        }
      }
      const stored = toStore.length ? await store.append(member.space.id, toStore) : { acks: [], head: 0 };
      // Another connection stored one of these ids meanwhile: the same content is a duplicate, other content is not.
      const raced = stored.acks.filter((ack) => ack.status === 'duplicate' && fresh.has(ack.id)).map((ack) => ack.id);
      const racedLinks = raced.length ? linksOf(await store.bodies(member.space.id, raced)) : new Map<string, string>();
      stored.acks.forEach((ack, i) => {
        const otherLink = racedLinks.get(ack.id);
        acks[storeSlots[i]!] =
          otherLink !== undefined && otherLink !== fresh.get(ack.id)
            ? { id: ack.id, status: 'rejected', reason: 'an event with this id and different content is already held' }
            : ack;
      });
      if (stored.acks.some((ack) => ack.status === 'accepted')) this.deps.advanced(member.space.id, stored.head);
    }
    this.deps.send({ t: 'acks', id, acks: acks as Ack[] });
  }

  /**
   * A page that ends where every author's events in it are covered by a seal,
   * so a console can check all of it; each author's first event in it names
   * the link before it, and the rest leave it out (the console works it out).
   */
  private async readPage(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
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

  /** The event as it will be kept, or why it is refused. Nothing refused is stored. */
  private judge(raw: unknown, now: number): TravellingEvent | string {
    const size = JSON.stringify(raw)?.length ?? 0;
    if (size > MAX_EVENT_CHARS) return `event of ${size} characters is over the ${MAX_EVENT_CHARS}-character limit`;
    const parsed = parseEvent(raw);
    if (parsed.status === 'invalid') return `invalid event: ${parsed.error}`.slice(0, SYNC_LIMITS.reasonChars);
    // Kept as it was sent: parseEvent checked it against the envelope schema (which transforms nothing) and upcast only its own copy.
    const envelope = parsed.status === 'unknown' ? parsed.envelope : (raw as TravellingEvent);
    const ahead = hlcTime(envelope.hlc) - now;
    if (ahead > SYNC_LIMITS.futureSkewMs) {
      return `stamped ${Math.round(ahead / 60000)} min ahead of the hub's clock: check the clock of the console that wrote it`;
    }
    return envelope;
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
