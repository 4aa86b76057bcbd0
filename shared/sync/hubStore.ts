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

/** A device that joined a space. Times are milliseconds since the epoch. */
export type DeviceRecord = {
  deviceId: string;
  /** What the hub operator sees in the list of devices. */
  name: string;
  /** SHA-256 of the device's token, hex: the token itself is shown to the device once and kept nowhere else. */
  tokenHash: string;
  joinedAt: number;
  lastSeenAt: number;
  /** Set when the operator removed it: its token is refused from then on; its events stay. */
  removedAt: number | null;
  /** Bytes of events stored under this device's token, for its storage quota. */
  storedBytes: number;
};

export type NewDevice = { deviceId: string; name: string; tokenHash: string; at: number };

/** Who may sync with a space: every token the hub issued, hashed, and who holds it. */
export interface DeviceRegistry {
  /**
   * Registers a device that joined, or gives one that joins again a new token
   * (its old one stops working). A removed device is not registered again: false.
   */
  registerDevice(spaceId: string, device: NewDevice): Promise<boolean>;
  device(spaceId: string, deviceId: string): Promise<DeviceRecord | null>;
  /** Every device that ever joined the space, removed ones included, in the order they joined. */
  devices(spaceId: string): Promise<DeviceRecord[]>;
  deviceSeen(spaceId: string, deviceId: string, at: number): Promise<void>;
  /** False when the space has no such device, or it was removed already. */
  removeDevice(spaceId: string, deviceId: string, at: number): Promise<boolean>;
  /** Replaces the space's join code: the old one is refused from then on; issued tokens keep working. */
  setJoinCode(spaceId: string, joinCode: string): Promise<void>;
}

export interface HubStore extends DeviceRegistry {
  createSpace(space: SpaceRecord): Promise<void>;
  space(id: string): Promise<SpaceRecord | null>;
  spaceByJoinCode(code: string): Promise<SpaceRecord | null>;
  listSpaces(): Promise<SpaceRecord[]>;
  /**
   * One transaction: events not yet held are numbered after the space's head,
   * in the order given, and stored; held ones are reported with their number.
   * Numbers are allocated under a lock, so no reader ever sees a number
   * before every lower one is visible. With `storedBy`, the JSON length of
   * the events stored is added to that device's stored bytes, in the same transaction.
   */
  append(spaceId: string, events: readonly Envelope[], storedBy?: string): Promise<{ acks: StoredAck[]; head: number }>;
  /** Events numbered above `after`, in number order. */
  page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }>;
  head(spaceId: string): Promise<number>;
  /** The events held under these ids, as stored (for the ids held). */
  bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>>;
  /** Per device, the highest sequence up to which every event is held. */
  vector(spaceId: string): Promise<VersionVector>;
  close(): Promise<void>;
}
