/** A device registry row as SQLite and PostgreSQL both return it (PostgreSQL gives bigints as text). */
import type { DeviceRecord } from '../../shared/sync/hubStore';

export const DEVICE_COLUMNS = 'device_id, name, token_hash, joined_at, last_seen_at, removed_at, stored_bytes';

export type DeviceRow = {
  device_id: string;
  name: string;
  token_hash: string;
  joined_at: number | string;
  last_seen_at: number | string;
  removed_at: number | string | null;
  stored_bytes: number | string;
};

export function toDevice(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    name: row.name,
    tokenHash: row.token_hash,
    joinedAt: Number(row.joined_at),
    lastSeenAt: Number(row.last_seen_at),
    removedAt: row.removed_at === null ? null : Number(row.removed_at),
    storedBytes: Number(row.stored_bytes),
  };
}
