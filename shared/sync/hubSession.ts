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
  type Cursor,
  type HubMessage,
  type SyncErrorCode,
} from './protocol';
import type { RateLimiter } from './rateLimiter';

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
};

export type SessionMember = { space: SpaceRecord; deviceId: string };

export class HubSession {
  private member: SessionMember | null = null;
  private closed = false;

  constructor(private readonly deps: HubSessionDeps) {}

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
        const { events, head } = await this.deps.store.page(this.member.space.id, message.after, message.limit);
        this.deps.send({ t: 'page', id: message.id, epoch: this.member.space.epoch, events: fitBatch(events), head });
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
    const [head, vector, rewind] = await Promise.all([store.head(space.id), store.vector(space.id), this.cursorLost(space, message.cursor)]);
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
      ...(rewind ? { rewind: true as const } : {}),
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

  private async push(id: string, raws: readonly unknown[]): Promise<void> {
    const member = this.member!;
    const acks: (Ack | null)[] = [];
    const accepted: Envelope[] = [];
    const slots: number[] = [];
    const now = this.deps.now();
    raws.forEach((raw, index) => {
      const rejection = this.judge(raw, now);
      if (typeof rejection === 'string') {
        acks.push({ id: idOf(raw), status: 'rejected', reason: rejection });
        return;
      }
      acks.push(null);
      slots.push(index);
      accepted.push(rejection);
    });
    if (accepted.length) {
      const stored = await this.deps.store.append(member.space.id, accepted);
      stored.acks.forEach((ack, i) => (acks[slots[i]!] = ack));
      if (stored.acks.some((ack) => ack.status === 'accepted')) this.deps.advanced(member.space.id, stored.head);
    }
    this.deps.send({ t: 'acks', id, acks: acks as Ack[] });
  }

  /** The event as it will be kept, or why it is refused. Nothing refused is stored. */
  private judge(raw: unknown, now: number): Envelope | string {
    const size = JSON.stringify(raw)?.length ?? 0;
    if (size > MAX_EVENT_CHARS) return `event of ${size} characters is over the ${MAX_EVENT_CHARS}-character limit`;
    const parsed = parseEvent(raw);
    if (parsed.status === 'invalid') return `invalid event: ${parsed.error}`.slice(0, SYNC_LIMITS.reasonChars);
    // Kept as it was sent: parseEvent checked it against the envelope schema (which transforms nothing) and upcast only its own copy.
    const envelope = parsed.status === 'unknown' ? parsed.envelope : (raw as Envelope);
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
