/**
 * How a hub answers one console's connection, independent of sockets and
 * storage: the headless hub, the LAN hub inside the desktop app and the
 * simulation all run this. Frames are handled one at a time, in order.
 */
import { parseEvent, type Envelope } from '../domain/events';
import { hlcTime } from '../domain/hlc';
import { MAX_WRITER_CLOCK_AHEAD_MS } from '../domain/occurredAt';
import { measureStorable } from '../domain/storable';
import { bundleKey, hashToken, legacyTokenMatches, newDeviceToken, tokenHashMatches } from './membership';
import type { DeviceRecord, HubStore, SpaceRecord } from './hubStore';
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
  private closed = false;
  private seenAt = 0;

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
        return this.push(message.id, message.events, device.storedBytes);
      case 'pull': {
        const { events, head } = await this.deps.store.page(this.member.space.id, message.after, message.limit);
        this.deps.send({ t: 'page', id: message.id, epoch: this.member.space.epoch, events: fitBatch(events), head });
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
    const admitted = message.auth.kind === 'join' ? await this.join(message.auth.code, message.deviceId) : await this.presentToken(message.auth, message.deviceId);
    if (typeof admitted === 'string') return this.fail('unauthorized', admitted);
    const { space, token } = admitted;
    const { store } = this.deps;
    this.member = { space, deviceId: message.deviceId };
    this.seenAt = this.deps.now();
    const [head, vector, rewind] = await Promise.all([store.head(space.id), store.vector(space.id), this.cursorLost(space, message.cursor)]);
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

  private async presentToken(auth: { space: string; token: string }, deviceId: string): Promise<{ space: SpaceRecord; token?: string } | string> {
    const { store } = this.deps;
    const space = await store.space(auth.space);
    if (!space) return REFUSED.unknownToken;
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

  /** A fresh token for the device, its hash registered; null if the device was removed. */
  private async issue(space: SpaceRecord, deviceId: string): Promise<{ space: SpaceRecord; token: string } | null> {
    const token = newDeviceToken(this.deps.random ?? ((bytes) => globalThis.crypto.getRandomValues(bytes)));
    const registered = await this.deps.store.registerDevice(space.id, { deviceId, name: deviceId, tokenHash: hashToken(token), at: this.deps.now() });
    return registered ? { space, token } : null;
  }

  private async push(id: string, raws: readonly unknown[], storedBytes: number): Promise<void> {
    const member = this.member!;
    const acks: (Ack | null)[] = [];
    const accepted: Envelope[] = [];
    const sizes: number[] = [];
    const slots: number[] = [];
    const now = this.deps.now();
    raws.forEach((raw, index) => {
      const judged = this.judge(raw, now);
      if (typeof judged === 'string') {
        acks.push({ id: idOf(raw), status: 'rejected', reason: judged });
        return;
      }
      acks.push(null);
      slots.push(index);
      accepted.push(judged.envelope);
      // Its length as JSON, measured by the limits' own walk: what the device's stored-bytes quota counts.
      sizes.push(judged.chars);
    });
    const quota = this.deps.quotas?.storedBytesPerDevice ?? DEFAULT_STORED_BYTES_PER_DEVICE;
    const adding = sizes.reduce((sum, size) => sum + size, 0);
    if (storedBytes + adding > quota) {
      // Not acknowledged: the console keeps the events and says why they wait.
      const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
      this.deps.send({
        t: 'error',
        code: 'quotaExceeded',
        id,
        message: `This console has stored ${mb(storedBytes)} on this hub, and its storage limit is ${mb(quota)}. Its entries wait on this console until whoever runs the hub raises the limit.`,
      });
      return;
    }
    if (accepted.length) {
      const stored = await this.deps.store.append(member.space.id, accepted, member.deviceId);
      stored.acks.forEach((ack, i) => (acks[slots[i]!] = ack));
      if (stored.acks.some((ack) => ack.status === 'accepted')) this.deps.advanced(member.space.id, stored.head);
    }
    this.deps.send({ t: 'acks', id, acks: acks as Ack[] });
  }

  /** The event as it will be kept and its length as JSON, or why it is refused. Nothing refused is stored. */
  private judge(raw: unknown, now: number): { envelope: Envelope; chars: number } | string {
    // Before anything else reads it: what every console could not store would stop every console's sync.
    const measured = measureStorable(raw);
    if ('problem' in measured) return measured.problem;
    const parsed = parseEvent(raw);
    if (parsed.status === 'invalid') return `invalid event: ${parsed.error}`.slice(0, SYNC_LIMITS.reasonChars);
    // Kept as it was sent: parseEvent checked it against the envelope schema (which transforms nothing) and upcast only its own copy.
    const envelope = parsed.status === 'unknown' ? parsed.envelope : (raw as Envelope);
    const ahead = hlcTime(envelope.hlc) - now;
    if (ahead > SYNC_LIMITS.futureSkewMs) {
      return `stamped ${Math.round(ahead / 60000)} min ahead of the hub's clock: check the clock of the console that wrote it`;
    }
    const saidAhead = Date.parse(envelope.occurredAt) - now;
    if (saidAhead > MAX_WRITER_CLOCK_AHEAD_MS) {
      return `said to have happened ${Math.round(saidAhead / 60000)} min ahead of the hub's clock: check the time given and the clock of the console that wrote it`;
    }
    return { envelope, chars: measured.chars };
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
