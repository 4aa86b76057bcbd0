/**
 * The hub's embedded store: one SQLite file, no setup, holding the log and the
 * ledger of message delivery attempts. Written against the
 * small synchronous surface that both better-sqlite3 (headless hub on Node 20)
 * and node:sqlite's DatabaseSync (the LAN hub inside Electron, no native
 * rebuild) offer, so neither is imported here.
 */
import { chmodSync, existsSync } from 'node:fs';

import type { Envelope } from '../../shared/domain/events';
import { FINISHED_AT, type DeliveryLedger } from '../../shared/sync/hubDelivery';
import type { DeviceRecord, HubStore, NewDevice, SpaceRecord, StoredAck } from '../../shared/sync/hubStore';
import type { SequencedEvent } from '../../shared/sync/protocol';
import type { VersionVector } from '../../shared/sync/versionVector';
import { DEVICE_COLUMNS, toDevice, type DeviceRow } from './deviceRows';

// No null: none is bound, and without it better-sqlite3's generic Statement type fits this interface.
export type SqlValue = string | number | bigint;

export interface SqliteStatement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
}

export interface SqliteDriver {
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  close?(): unknown;
}

/**
 * WAL with synchronous=FULL: a commit is fsynced before append() returns, so an
 * acknowledged event survives a power cut as well as a crash (consoles drop
 * acknowledged events from their outbox). With 1,000-event batches that is one
 * fsync per batch; NORMAL would only protect against a process crash.
 */
const PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = FULL;
  PRAGMA busy_timeout = 5000;
  PRAGMA foreign_keys = ON;
`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS spaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    epoch TEXT NOT NULL,
    head INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS events (
    space TEXT NOT NULL REFERENCES spaces(id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (space, seq),
    UNIQUE (space, id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS device_heads (
    space TEXT NOT NULL REFERENCES spaces(id),
    device_id TEXT NOT NULL,
    contiguous INTEGER NOT NULL,
    PRIMARY KEY (space, device_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS devices (
    space TEXT NOT NULL REFERENCES spaces(id),
    device_id TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    removed_at INTEGER,
    stored_bytes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (space, device_id)
  );
  CREATE TABLE IF NOT EXISTS deliveries (
    space TEXT NOT NULL,
    message_id TEXT NOT NULL,
    run TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    in_flight INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (space, message_id)
  ) WITHOUT ROWID;
`;

/**
 * One statement, so one transaction: a claim wins when there is no row, when
 * the row is of another run (the message was queued again: start over), or
 * when the same run is neither on the wire nor waiting for its next attempt.
 * Every expression in SET reads the row as it was.
 */
const CLAIM = `
  INSERT INTO deliveries (space, message_id, run, attempts, in_flight, next_at, claimed_at) VALUES (?, ?, ?, 1, 1, 0, ?)
  ON CONFLICT (space, message_id) DO UPDATE SET
    attempts = CASE WHEN deliveries.run = excluded.run THEN deliveries.attempts + 1 ELSE 1 END,
    run = excluded.run,
    in_flight = 1,
    next_at = 0,
    claimed_at = excluded.claimed_at
  WHERE deliveries.run <> excluded.run OR (deliveries.in_flight = 0 AND deliveries.next_at <= ?)
  RETURNING attempts
`;

/** A device joining again gets a new token; a removed one stays removed (no row comes back). */
const REGISTER = `
  INSERT INTO devices (space, device_id, name, token_hash, joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (space, device_id) DO UPDATE SET
    name = excluded.name,
    token_hash = excluded.token_hash,
    last_seen_at = excluded.last_seen_at
  WHERE devices.removed_at IS NULL
  RETURNING device_id
`;

type SpaceRow = { id: string; name: string; secret: string; join_code: string; epoch: string };

export class SqliteHubStore implements HubStore, DeliveryLedger {
  private readonly sql;
  private closed = false;

  constructor(private readonly db: SqliteDriver) {
    makePrivate(db);
    db.exec(PRAGMAS);
    db.exec(SCHEMA);
    const p = (text: string) => db.prepare(text);
    this.sql = {
      insertSpace: p('INSERT INTO spaces (id, name, secret, join_code, epoch, head) VALUES (?, ?, ?, ?, ?, 0)'),
      spaceById: p('SELECT id, name, secret, join_code, epoch FROM spaces WHERE id = ?'),
      spaceByCode: p('SELECT id, name, secret, join_code, epoch FROM spaces WHERE join_code = ?'),
      spaces: p('SELECT id, name, secret, join_code, epoch FROM spaces ORDER BY rowid'),
      head: p('SELECT head FROM spaces WHERE id = ?'),
      setHead: p('UPDATE spaces SET head = ? WHERE id = ?'),
      seqOf: p('SELECT seq FROM events WHERE space = ? AND id = ?'),
      bodyOf: p('SELECT body FROM events WHERE space = ? AND id = ?'),
      // An id held already inserts nothing (changes = 0): one statement an event instead of a lookup and an insert.
      insertEvent: p('INSERT INTO events (space, seq, id, device_id, device_seq, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (space, id) DO NOTHING'),
      page: p('SELECT seq, body FROM events WHERE space = ? AND seq > ? ORDER BY seq LIMIT ?'),
      deviceHead: p('SELECT contiguous FROM device_heads WHERE space = ? AND device_id = ?'),
      setDeviceHead: p(
        'INSERT INTO device_heads (space, device_id, contiguous) VALUES (?, ?, ?) ON CONFLICT (space, device_id) DO UPDATE SET contiguous = excluded.contiguous',
      ),
      vector: p('SELECT device_id, contiguous FROM device_heads WHERE space = ?'),
      register: p(REGISTER),
      device: p(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE space = ? AND device_id = ?`),
      devices: p(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE space = ? ORDER BY joined_at, rowid`),
      seen: p('UPDATE devices SET last_seen_at = max(last_seen_at, ?) WHERE space = ? AND device_id = ?'),
      remove: p('UPDATE devices SET removed_at = ? WHERE space = ? AND device_id = ? AND removed_at IS NULL'),
      addBytes: p('UPDATE devices SET stored_bytes = stored_bytes + ? WHERE space = ? AND device_id = ?'),
      setJoinCode: p('UPDATE spaces SET join_code = ? WHERE id = ?'),
      claim: p(CLAIM),
      settle: p('UPDATE deliveries SET in_flight = 0, next_at = ? WHERE space = ? AND message_id = ?'),
      inFlight: p('SELECT message_id, attempts FROM deliveries WHERE space = ? AND in_flight = 1 AND claimed_at <= ? ORDER BY message_id'),
    };
  }

  async createSpace(space: SpaceRecord): Promise<void> {
    this.sql.insertSpace.run(space.id, space.name, space.secret, space.joinCode, space.epoch);
  }

  async space(id: string): Promise<SpaceRecord | null> {
    return toSpace(this.sql.spaceById.get(id) as SpaceRow | undefined);
  }

  async spaceByJoinCode(code: string): Promise<SpaceRecord | null> {
    return toSpace(this.sql.spaceByCode.get(code) as SpaceRow | undefined);
  }

  async listSpaces(): Promise<SpaceRecord[]> {
    return (this.sql.spaces.all() as SpaceRow[]).map((row) => toSpace(row)!);
  }

  async append(spaceId: string, events: readonly Envelope[], storedBy?: string): Promise<{ acks: StoredAck[]; head: number }> {
    // Synchronous from BEGIN to COMMIT: nothing else in this process runs in between, and
    // IMMEDIATE takes the write lock up front so another process cannot interleave either.
    return this.transaction('BEGIN IMMEDIATE', () => {
      let head = this.headOf(spaceId);
      const acks: StoredAck[] = [];
      const batch = new Map<string, number>();
      const touched = new Set<string>();
      let bytes = 0;
      for (const event of events) {
        const inBatch = batch.get(event.id);
        if (inBatch !== undefined) {
          acks.push({ id: event.id, status: 'duplicate', seq: inBatch });
          continue;
        }
        const body = JSON.stringify(event);
        if (Number(this.sql.insertEvent.run(spaceId, head + 1, event.id, event.deviceId, event.deviceSeq, body).changes) === 0) {
          acks.push({ id: event.id, status: 'duplicate', seq: (this.sql.seqOf.get(spaceId, event.id) as { seq: number }).seq });
          continue;
        }
        head += 1;
        bytes += body.length;
        batch.set(event.id, head);
        touched.add(event.deviceId);
        acks.push({ id: event.id, status: 'accepted', seq: head });
      }
      if (touched.size) {
        this.sql.setHead.run(head, spaceId);
        for (const deviceId of touched) this.advanceDevice(spaceId, deviceId, batch);
        if (storedBy !== undefined) this.sql.addBytes.run(bytes, spaceId, storedBy);
      }
      return { acks, head };
    });
  }

  async page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
    // One read transaction: the head and the page come from the same snapshot.
    return this.transaction('BEGIN', () => {
      const head = this.headOf(spaceId);
      const rows = this.sql.page.all(spaceId, after, limit) as { seq: number; body: string }[];
      return { events: rows.map((row) => ({ seq: row.seq, event: JSON.parse(row.body) as unknown })), head };
    });
  }

  async head(spaceId: string): Promise<number> {
    return this.headOf(spaceId);
  }

  async bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const id of ids) {
      const row = this.sql.bodyOf.get(spaceId, id) as { body: string } | undefined;
      if (row) found.set(id, JSON.parse(row.body) as unknown);
    }
    return found;
  }

  async vector(spaceId: string): Promise<VersionVector> {
    const vector: VersionVector = {};
    for (const row of this.sql.vector.all(spaceId) as { device_id: string; contiguous: number }[]) vector[row.device_id] = row.contiguous;
    return vector;
  }

  async registerDevice(spaceId: string, { deviceId, name, tokenHash, at }: NewDevice): Promise<boolean> {
    this.headOf(spaceId);
    return this.sql.register.get(spaceId, deviceId, name, tokenHash, at, at) !== undefined;
  }

  async device(spaceId: string, deviceId: string): Promise<DeviceRecord | null> {
    const row = this.sql.device.get(spaceId, deviceId) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async devices(spaceId: string): Promise<DeviceRecord[]> {
    return (this.sql.devices.all(spaceId) as DeviceRow[]).map(toDevice);
  }

  async deviceSeen(spaceId: string, deviceId: string, at: number): Promise<void> {
    this.sql.seen.run(at, spaceId, deviceId);
  }

  async removeDevice(spaceId: string, deviceId: string, at: number): Promise<boolean> {
    return changes(this.sql.remove.run(at, spaceId, deviceId)) > 0;
  }

  async setJoinCode(spaceId: string, joinCode: string): Promise<void> {
    if (changes(this.sql.setJoinCode.run(joinCode, spaceId)) === 0) throw new Error(`No space ${spaceId}`);
  }

  async claim(spaceId: string, messageId: string, run: string, now: number): Promise<number | null> {
    const row = this.sql.claim.get(spaceId, messageId, run, now, now) as { attempts: number } | undefined;
    return row ? Number(row.attempts) : null;
  }

  async retryAt(spaceId: string, messageId: string, nextAt: number): Promise<void> {
    this.sql.settle.run(nextAt, spaceId, messageId);
  }

  async finish(spaceId: string, messageId: string): Promise<void> {
    this.sql.settle.run(FINISHED_AT, spaceId, messageId);
  }

  async inFlight(spaceId: string, claimedBefore = Number.MAX_SAFE_INTEGER): Promise<{ messageId: string; attempts: number }[]> {
    return (this.sql.inFlight.all(spaceId, claimedBefore) as { message_id: string; attempts: number }[]).map((row) => ({
      messageId: row.message_id,
      attempts: Number(row.attempts),
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close?.();
  }

  private headOf(spaceId: string): number {
    const row = this.sql.head.get(spaceId) as { head: number } | undefined;
    if (!row) throw new Error(`No space ${spaceId}`);
    return row.head;
  }

  /**
   * Moves the device's contiguous head over the events now held. Event ids are
   * `deviceId:deviceSeq`, so "is the next one held" is a lookup in the unique
   * (space, id) index rather than another index on every insert.
   */
  private advanceDevice(spaceId: string, deviceId: string, batch: ReadonlyMap<string, number>): void {
    const start = (this.sql.deviceHead.get(spaceId, deviceId) as { contiguous: number } | undefined)?.contiguous ?? 0;
    let next = start;
    for (;;) {
      const id = `${deviceId}:${next + 1}`;
      if (!batch.has(id) && this.sql.seqOf.get(spaceId, id) === undefined) break;
      next += 1;
    }
    if (next > start) this.sql.setDeviceHead.run(spaceId, deviceId, next);
  }

  private transaction<T>(begin: string, work: () => T): T {
    this.db.exec(begin);
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      // A failed COMMIT may already have ended the transaction; the first error is the one to report.
      try {
        this.db.exec('ROLLBACK');
      } catch {
        /* nothing left to roll back */
      }
      throw error;
    }
  }
}

/**
 * The file holds the spaces' secrets and join codes: readable by the hub's
 * owner only, whatever the umask it was created under. SQLite creates the WAL
 * and shared-memory files with the main file's permissions; those an older
 * hub left behind are made private too.
 */
function makePrivate(db: SqliteDriver): void {
  const main = (db.prepare('PRAGMA database_list').all() as { name: string; file: string }[]).find((row) => row.name === 'main');
  if (!main?.file) return; // in memory
  for (const path of [main.file, `${main.file}-wal`, `${main.file}-shm`, `${main.file}-journal`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/** Rows changed by a statement: better-sqlite3 and node:sqlite both report `changes`. */
function changes(result: unknown): number {
  return Number((result as { changes?: number | bigint } | null)?.changes ?? 0);
}

function toSpace(row: SpaceRow | undefined): SpaceRecord | null {
  if (!row) return null;
  return { id: row.id, name: row.name, secret: row.secret, joinCode: row.join_code, epoch: row.epoch };
}
