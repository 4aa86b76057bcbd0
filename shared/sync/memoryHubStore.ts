/** A hub store in memory: the simulation's hub, and the reference the real stores are tested against. */
import type { Envelope } from '../domain/events';
import type { HubStore, SpaceRecord, StoredAck } from './hubStore';
import type { SequencedEvent } from './protocol';
import { VectorTracker, type VersionVector } from './versionVector';

type SpaceLog = { events: SequencedEvent[]; seqById: Map<string, number>; vector: VectorTracker };

export class MemoryHubStore implements HubStore {
  private readonly spaces = new Map<string, SpaceRecord>();
  private readonly logs = new Map<string, SpaceLog>();

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

  async append(spaceId: string, events: readonly Envelope[]): Promise<{ acks: StoredAck[]; head: number }> {
    const log = this.log(spaceId);
    const acks: StoredAck[] = [];
    for (const event of events) {
      const held = log.seqById.get(event.id);
      if (held !== undefined) {
        acks.push({ id: event.id, status: 'duplicate', seq: held });
        continue;
      }
      const seq = log.events.length + 1;
      log.events.push({ seq, event: JSON.parse(JSON.stringify(event)) as Envelope });
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

  private log(spaceId: string): SpaceLog {
    const log = this.logs.get(spaceId);
    if (!log) throw new Error(`No space ${spaceId}`);
    return log;
  }
}
