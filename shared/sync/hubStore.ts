/**
 * What a hub keeps, whatever it keeps it in (SQLite, PostgreSQL, memory for
 * the simulation). Every implementation passes the same contract tests.
 */
import type { Envelope } from '../domain/events';
import type { SequencedEvent } from './protocol';
import type { VersionVector } from './versionVector';

export type SpaceRecord = {
  id: string;
  name: string;
  /** Hex; never leaves the hub. */
  secret: string;
  joinCode: string;
  /** Changes when the log is replaced; consoles then read it again from the start. */
  epoch: string;
};

export type StoredAck = { id: string; status: 'accepted' | 'duplicate'; seq: number };

export interface HubStore {
  createSpace(space: SpaceRecord): Promise<void>;
  space(id: string): Promise<SpaceRecord | null>;
  spaceByJoinCode(code: string): Promise<SpaceRecord | null>;
  listSpaces(): Promise<SpaceRecord[]>;
  /**
   * One transaction: events not yet held are numbered after the space's head,
   * in the order given, and stored; held ones are reported with their number.
   * Numbers are allocated under a lock, so no reader ever sees a number
   * before every lower one is visible.
   */
  append(spaceId: string, events: readonly Envelope[]): Promise<{ acks: StoredAck[]; head: number }>;
  /** Events numbered above `after`, in number order. */
  page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }>;
  head(spaceId: string): Promise<number>;
  /** The events held under these ids, as stored (for the ids held). */
  bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>>;
  /** Per device, the highest sequence up to which every event is held. */
  vector(spaceId: string): Promise<VersionVector>;
  close(): Promise<void>;
}
