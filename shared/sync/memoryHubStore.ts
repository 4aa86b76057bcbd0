/** A hub store in memory: the simulation's hub, and the reference the real stores are tested against. */
import type { Envelope } from '../domain/events';
import type { DeviceRecord, HubStore, NewDevice, SpaceRecord, StoredAck } from './hubStore';
import type { SequencedEvent } from './protocol';
import { VectorTracker, type VersionVector } from './versionVector';

type SpaceLog = { events: SequencedEvent[]; seqById: Map<string, number>; vector: VectorTracker };

export class MemoryHubStore implements HubStore {
  private readonly spaces = new Map<string, SpaceRecord>();
  private readonly logs = new Map<string, SpaceLog>();
  private readonly registry = new Map<string, Map<string, DeviceRecord>>();

  async createSpace(space: SpaceRecord): Promise<void> {
    if (this.spaces.has(space.id)) throw new Error(`Space ${space.id} exists`);
    this.spaces.set(space.id, { ...space });
    this.logs.set(space.id, { events: [], seqById: new Map(), vector: new VectorTracker() });
  }

  async space(id: string): Promise<SpaceRecord | null> {
    return this.spaces.get(id) ?? null;
  }

  async spaceByJoinCode(code: string): Promise<SpaceRecord | null> {
    return [...this.spaces.values()].find((s) => s.joinCode === code) ?? null;
  }

  async listSpaces(): Promise<SpaceRecord[]> {
    return [...this.spaces.values()];
  }

  async append(spaceId: string, events: readonly Envelope[], storedBy?: string): Promise<{ acks: StoredAck[]; head: number }> {
    const log = this.log(spaceId);
    const acks: StoredAck[] = [];
    const charged = storedBy === undefined ? undefined : this.registry.get(spaceId)?.get(storedBy);
    for (const event of events) {
      const held = log.seqById.get(event.id);
      if (held !== undefined) {
        acks.push({ id: event.id, status: 'duplicate', seq: held });
        continue;
      }
      const seq = log.events.length + 1;
      const body = JSON.stringify(event);
      log.events.push({ seq, event: JSON.parse(body) as Envelope });
      if (charged) charged.storedBytes += body.length;
      log.seqById.set(event.id, seq);
      log.vector.add(event.deviceId, event.deviceSeq);
      acks.push({ id: event.id, status: 'accepted', seq });
    }
    return { acks, head: log.events.length };
  }

  async page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
    const log = this.log(spaceId);
    return { events: log.events.slice(after, after + limit).map((e) => JSON.parse(JSON.stringify(e)) as SequencedEvent), head: log.events.length };
  }

  async bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    const log = this.log(spaceId);
    const found = new Map<string, unknown>();
    for (const id of ids) {
      const seq = log.seqById.get(id);
      if (seq !== undefined) found.set(id, JSON.parse(JSON.stringify(log.events[seq - 1]!.event)) as unknown);
    }
    return found;
  }

  async head(spaceId: string): Promise<number> {
    return this.log(spaceId).events.length;
  }

  async vector(spaceId: string): Promise<VersionVector> {
    return this.log(spaceId).vector.vector();
  }

  async registerDevice(spaceId: string, { deviceId, name, tokenHash, at }: NewDevice): Promise<boolean> {
    const devices = this.devicesOf(spaceId);
    const held = devices.get(deviceId);
    if (held?.removedAt != null) return false;
    devices.set(deviceId, held ? { ...held, name, tokenHash, lastSeenAt: at } : { deviceId, name, tokenHash, joinedAt: at, lastSeenAt: at, removedAt: null, storedBytes: 0 });
    return true;
  }

  async device(spaceId: string, deviceId: string): Promise<DeviceRecord | null> {
    const held = this.registry.get(spaceId)?.get(deviceId);
    return held ? { ...held } : null;
  }

  async devices(spaceId: string): Promise<DeviceRecord[]> {
    return [...(this.registry.get(spaceId)?.values() ?? [])].map((d) => ({ ...d }));
  }

  async deviceSeen(spaceId: string, deviceId: string, at: number): Promise<void> {
    const held = this.registry.get(spaceId)?.get(deviceId);
    if (held) held.lastSeenAt = Math.max(held.lastSeenAt, at);
  }

  async removeDevice(spaceId: string, deviceId: string, at: number): Promise<boolean> {
    const held = this.registry.get(spaceId)?.get(deviceId);
    if (!held || held.removedAt !== null) return false;
    held.removedAt = at;
    return true;
  }

  async setJoinCode(spaceId: string, joinCode: string): Promise<void> {
    const space = this.spaces.get(spaceId);
    if (!space) throw new Error(`No space ${spaceId}`);
    if ([...this.spaces.values()].some((s) => s.id !== spaceId && s.joinCode === joinCode)) throw new Error('That join code is taken');
    this.spaces.set(spaceId, { ...space, joinCode });
  }

  async close(): Promise<void> {}

  /** Replaces the log as a restore from an older backup would: what came after it is gone, and the epoch changes. */
  restoreTo(spaceId: string, head: number, epoch: string): void {
    const log = this.log(spaceId);
    const kept = log.events.slice(0, head);
    const vector = new VectorTracker();
    for (const { event } of kept) {
      const e = event as Envelope;
      vector.add(e.deviceId, e.deviceSeq);
    }
    this.logs.set(spaceId, { events: kept, seqById: new Map(kept.map(({ seq, event }) => [(event as Envelope).id, seq])), vector });
    this.spaces.set(spaceId, { ...this.spaces.get(spaceId)!, epoch });
  }

  private devicesOf(spaceId: string): Map<string, DeviceRecord> {
    if (!this.spaces.has(spaceId)) throw new Error(`No space ${spaceId}`);
    let devices = this.registry.get(spaceId);
    if (!devices) this.registry.set(spaceId, (devices = new Map()));
    return devices;
  }

  private log(spaceId: string): SpaceLog {
    const log = this.logs.get(spaceId);
    if (!log) throw new Error(`No space ${spaceId}`);
    return log;
  }
}
