/**
 * Hub stores for the simulation: a gate in front of the real MemoryHubStore
 * that lets the schedule decide when each call's answer comes back (so hub
 * sessions interleave as they do over a real database), and a planted-bug
 * store that numbers events without de-duplicating them.
 */
import type { Envelope } from '../../domain/events';
import type { DeviceRecord, HubStore, NewDevice, SpaceRecord, StoredAck } from '../hubStore';
import { MemoryHubStore } from '../memoryHubStore';
import type { SequencedEvent } from '../protocol';
import { VectorTracker, type VersionVector } from '../versionVector';

/** What the simulation needs of the store behind the gate. */
export type RestorableHubStore = HubStore & Pick<MemoryHubStore, 'restoreTo'>;

/**
 * Each call takes effect when it is made (atomically, as one transaction) and
 * its answer is held until the schedule releases it: meanwhile other sessions
 * go on reading and writing. With `gated` false, answers come back at once.
 */
export class GatedHubStore implements HubStore {
  pending: { label: string; session: number; release: () => void }[] = [];

  constructor(
    readonly inner: RestorableHubStore,
    private readonly gated: boolean,
    /** Which session the calls are for (the view `forSession` made), so the simulation can tell whose answers are outstanding. */
    private readonly session = 0,
    private readonly shared: { pending: GatedHubStore['pending'] } | null = null,
  ) {}

  /** The same store and gate, with calls tagged as one session's. */
  forSession(session: number): GatedHubStore {
    return new GatedHubStore(this.inner, this.gated, session, this.shared ?? this);
  }

  private get queue(): GatedHubStore['pending'] {
    return (this.shared ?? this).pending;
  }

  /** Whether a call made for `session` has not been answered yet. */
  waitingFor(session: number): boolean {
    return this.queue.some((call) => call.session === session);
  }

  private hold<T>(label: string, answer: Promise<T>): Promise<T> {
    if (!this.gated) return answer;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ label, session: this.session, release: () => void answer.then(resolve, reject) });
    });
  }

  /** Completes the `pick`-th call in flight, counting from the oldest (0, 1, …) or the newest (-1, -2, …), modulo how many there are. */
  release(pick: number): string | null {
    const n = this.pending.length;
    if (n === 0) return null;
    const index = pick >= 0 ? pick % n : n - 1 - ((-pick - 1) % n);
    const [call] = this.pending.splice(index, 1);
    call!.release();
    return call!.label;
  }

  /** A hub restart: answers in flight are lost with the process (what they did stays done). */
  dropPending(): void {
    this.pending = [];
  }

  createSpace(space: SpaceRecord): Promise<void> {
    return this.inner.createSpace(space);
  }
  space(id: string): Promise<SpaceRecord | null> {
    return this.hold('space', this.inner.space(id));
  }
  spaceByJoinCode(code: string): Promise<SpaceRecord | null> {
    return this.hold('spaceByJoinCode', this.inner.spaceByJoinCode(code));
  }
  listSpaces(): Promise<SpaceRecord[]> {
    return this.inner.listSpaces();
  }
  append(spaceId: string, events: readonly Envelope[], storedBy?: string): Promise<{ acks: StoredAck[]; head: number }> {
    return this.hold(`append ${events.map((e) => e.id).join(',')}`, this.inner.append(spaceId, events, storedBy));
  }
  page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
    return this.hold(`page after ${after}`, this.inner.page(spaceId, after, limit));
  }
  head(spaceId: string): Promise<number> {
    return this.hold('head', this.inner.head(spaceId));
  }
  bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    return this.hold('bodies', this.inner.bodies(spaceId, ids));
  }
  vector(spaceId: string): Promise<VersionVector> {
    return this.hold('vector', this.inner.vector(spaceId));
  }
  registerDevice(spaceId: string, device: NewDevice): Promise<boolean> {
    return this.hold('registerDevice', this.inner.registerDevice(spaceId, device));
  }
  device(spaceId: string, deviceId: string): Promise<DeviceRecord | null> {
    return this.hold('device', this.inner.device(spaceId, deviceId));
  }
  devices(spaceId: string): Promise<DeviceRecord[]> {
    return this.inner.devices(spaceId);
  }
  deviceSeen(spaceId: string, deviceId: string, at: number): Promise<void> {
    return this.inner.deviceSeen(spaceId, deviceId, at);
  }
  removeDevice(spaceId: string, deviceId: string, at: number): Promise<boolean> {
    return this.inner.removeDevice(spaceId, deviceId, at);
  }
  setJoinCode(spaceId: string, joinCode: string): Promise<void> {
    return this.inner.setJoinCode(spaceId, joinCode);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Planted bug "hubNoDedup": MemoryHubStore's numbering without its "already held" check. */
export class NoDedupHubStore extends MemoryHubStore {
  private readonly unchecked = new Map<string, SequencedEvent[]>();

  override async createSpace(space: SpaceRecord): Promise<void> {
    await super.createSpace(space);
    this.unchecked.set(space.id, []);
  }
  override async append(spaceId: string, events: readonly Envelope[]): Promise<{ acks: StoredAck[]; head: number }> {
    const log = this.unchecked.get(spaceId)!;
    const acks = events.map((event) => {
      log.push({ seq: log.length + 1, event: JSON.parse(JSON.stringify(event)) as Envelope });
      return { id: event.id, status: 'accepted' as const, seq: log.length };
    });
    return { acks, head: log.length };
  }
  override async page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
    const log = this.unchecked.get(spaceId)!;
    return { events: JSON.parse(JSON.stringify(log.slice(after, after + limit))) as SequencedEvent[], head: log.length };
  }
  override async head(spaceId: string): Promise<number> {
    return this.unchecked.get(spaceId)!.length;
  }
  override async bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    const wanted = new Set(ids);
    return new Map(this.unchecked.get(spaceId)!.filter(({ event }) => wanted.has((event as Envelope).id)).map(({ event }) => [(event as Envelope).id, event]));
  }
  override async vector(spaceId: string): Promise<VersionVector> {
    const tracker = new VectorTracker();
    for (const { event } of this.unchecked.get(spaceId)!) tracker.add((event as Envelope).deviceId, (event as Envelope).deviceSeq);
    return tracker.vector();
  }
  override restoreTo(spaceId: string, head: number, epoch: string): void {
    this.unchecked.set(spaceId, this.unchecked.get(spaceId)!.slice(0, head));
    // The parent keeps the space (and its epoch) and the device registry; its own log stays empty.
    super.restoreTo(spaceId, 0, epoch);
  }
}
