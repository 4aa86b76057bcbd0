/**
 * The hub's store when one hub process is not enough: several stateless hub
 * processes share one PostgreSQL database, and a push to any of them pokes the
 * consoles connected to all of them (LISTEN/NOTIFY). The ledger of message
 * delivery attempts lives here too, so only one of them ever sends a message.
 *
 * Sequence numbers are allocated under the space row's lock inside the push
 * transaction, never from a SEQUENCE: a sequence hands out numbers at once and
 * the transactions commit in any order, so a reader could see 8 before 7 and
 * move its cursor past 7 for good.
 */
import pg from 'pg';

import type { Envelope } from '../../shared/domain/events';
import { FINISHED_AT, type DeliveryLedger } from '../../shared/sync/hubDelivery';
import type { DeviceRecord, HubStore, NewDevice, SpaceRecord, StoredAck } from '../../shared/sync/hubStore';
import type { SequencedEvent } from '../../shared/sync/protocol';
import type { VersionVector } from '../../shared/sync/versionVector';
import { DEVICE_COLUMNS, toDevice, type DeviceRow } from './deviceRows';

export const NOTIFY_CHANNEL = 'warroom_space';

/** Serialises schema creation between hub processes starting together. */
const SCHEMA_LOCK = 0x77617272;
const LISTEN_RETRY_MS = 1000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS spaces (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    secret text NOT NULL,
    join_code text NOT NULL UNIQUE,
    epoch text NOT NULL,
    head bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS events (
    space text NOT NULL REFERENCES spaces(id),
    seq bigint NOT NULL,
    id text NOT NULL,
    device_id text NOT NULL,
    device_seq bigint NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (space, seq),
    UNIQUE (space, id)
  );
  CREATE INDEX IF NOT EXISTS events_device ON events (space, device_id, device_seq);
  CREATE TABLE IF NOT EXISTS device_heads (
    space text NOT NULL REFERENCES spaces(id),
    device_id text NOT NULL,
    contiguous bigint NOT NULL,
    PRIMARY KEY (space, device_id)
  );
  CREATE TABLE IF NOT EXISTS devices (
    space text NOT NULL REFERENCES spaces(id),
    device_id text NOT NULL,
    name text NOT NULL,
    token_hash text NOT NULL,
    joined_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    removed_at bigint,
    stored_bytes bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (space, device_id)
  );
  CREATE TABLE IF NOT EXISTS deliveries (
    space text NOT NULL,
    message_id text NOT NULL,
    run text NOT NULL,
    attempts integer NOT NULL,
    in_flight boolean NOT NULL,
    next_at bigint NOT NULL,
    claimed_at bigint NOT NULL,
    PRIMARY KEY (space, message_id)
  );
  CREATE INDEX IF NOT EXISTS deliveries_in_flight ON deliveries (space) WHERE in_flight;
`;

/**
 * A claim in one statement. Two hub processes claiming at once: one inserts
 * (or updates) the row, the other waits on its lock and then finds it in
 * flight, so exactly one gets a number back. It wins when there is no row,
 * when the row is of another run (queued again: start over), or when the same
 * run is neither on the wire nor waiting for its next attempt.
 */
const CLAIM = `
  INSERT INTO deliveries AS d (space, message_id, run, attempts, in_flight, next_at, claimed_at) VALUES ($1, $2, $3, 1, true, 0, $4)
  ON CONFLICT (space, message_id) DO UPDATE SET
    attempts = CASE WHEN d.run = EXCLUDED.run THEN d.attempts + 1 ELSE 1 END,
    run = EXCLUDED.run,
    in_flight = true,
    next_at = 0,
    claimed_at = EXCLUDED.claimed_at
  WHERE d.run <> EXCLUDED.run OR (NOT d.in_flight AND d.next_at <= $4)
  RETURNING attempts
`;

/**
 * For each device touched by a push, the end of the gap-free run above its
 * current head: rows where device_seq - head equals the row's rank are exactly
 * that run (device sequences are unique per device).
 */
const ADVANCE_HEADS = `
  WITH cur AS (
    SELECT t.device_id, COALESCE(h.contiguous, 0) AS c
    FROM unnest($2::text[]) AS t(device_id)
    LEFT JOIN device_heads h ON h.space = $1 AND h.device_id = t.device_id
  ), ranked AS (
    SELECT cur.device_id, e.device_seq,
           e.device_seq - cur.c - row_number() OVER (PARTITION BY cur.device_id ORDER BY e.device_seq) AS off
    FROM cur JOIN events e ON e.space = $1 AND e.device_id = cur.device_id AND e.device_seq > cur.c
  ), run AS (
    SELECT device_id, max(device_seq) AS contiguous FROM ranked WHERE off = 0 GROUP BY device_id
  )
  INSERT INTO device_heads (space, device_id, contiguous)
  SELECT $1, device_id, contiguous FROM run
  ON CONFLICT (space, device_id) DO UPDATE SET contiguous = EXCLUDED.contiguous
`;

/** A device joining again gets a new token; a removed one stays removed (no row comes back). */
const REGISTER = `
  INSERT INTO devices AS d (space, device_id, name, token_hash, joined_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $5)
  ON CONFLICT (space, device_id) DO UPDATE SET
    name = EXCLUDED.name,
    token_hash = EXCLUDED.token_hash,
    last_seen_at = EXCLUDED.last_seen_at
  WHERE d.removed_at IS NULL
  RETURNING device_id
`;

type SpaceRow = { id: string; name: string; secret: string; join_code: string; epoch: string };
const SPACE_COLUMNS = 'id, name, secret, join_code, epoch';

export type PostgresHubStoreOptions = {
  /** Reports connection trouble that is retried rather than thrown (the listener, idle pool clients). */
  log?: (line: string) => void;
};

export class PostgresHubStore implements HubStore, DeliveryLedger {
  private readonly listeners = new Set<{ stop: () => Promise<void> }>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
    private readonly log: (line: string) => void,
  ) {
    // An idle client losing its server must not crash the hub; the pool replaces it.
    pool.on('error', (error) => log(`PostgreSQL connection lost: ${error.message}`));
  }

  /** Connects and creates the schema if it is not there yet. */
  static async open(config: pg.PoolConfig | string, options: PostgresHubStoreOptions = {}): Promise<PostgresHubStore> {
    const poolConfig = typeof config === 'string' ? { connectionString: config } : config;
    const store = new PostgresHubStore(new pg.Pool(poolConfig), poolConfig, options.log ?? (() => {}));
    try {
      await store.migrate();
    } catch (error) {
      await store.pool.end();
      throw error;
    }
    return store;
  }

  async createSpace(space: SpaceRecord): Promise<void> {
    await this.pool.query('INSERT INTO spaces (id, name, secret, join_code, epoch) VALUES ($1, $2, $3, $4, $5)', [
      space.id,
      space.name,
      space.secret,
      space.joinCode,
      space.epoch,
    ]);
  }

  async space(id: string): Promise<SpaceRecord | null> {
    const { rows } = await this.pool.query<SpaceRow>(`SELECT ${SPACE_COLUMNS} FROM spaces WHERE id = $1`, [id]);
    return toSpace(rows[0]);
  }

  async spaceByJoinCode(code: string): Promise<SpaceRecord | null> {
    const { rows } = await this.pool.query<SpaceRow>(`SELECT ${SPACE_COLUMNS} FROM spaces WHERE join_code = $1`, [code]);
    return toSpace(rows[0]);
  }

  async listSpaces(): Promise<SpaceRecord[]> {
    const { rows } = await this.pool.query<SpaceRow>(`SELECT ${SPACE_COLUMNS} FROM spaces ORDER BY created_at, id`);
    return rows.map((row) => toSpace(row)!);
  }

  async append(spaceId: string, events: readonly Envelope[], storedBy?: string): Promise<{ acks: StoredAck[]; head: number }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The row lock serialises pushes to one space across every hub process; the
      // next push reads the head only after this one committed.
      const locked = await client.query<{ head: string }>('SELECT head FROM spaces WHERE id = $1 FOR UPDATE', [spaceId]);
      if (!locked.rows[0]) throw new Error(`No space ${spaceId}`);
      let head = Number(locked.rows[0].head);

      const ids = [...new Set(events.map((e) => e.id))];
      const heldRows = await client.query<{ id: string; seq: string }>('SELECT id, seq FROM events WHERE space = $1 AND id = ANY($2::text[])', [
        spaceId,
        ids,
      ]);
      const held = new Map(heldRows.rows.map((row) => [row.id, Number(row.seq)]));

      const acks: StoredAck[] = [];
      const fresh = { seq: [] as number[], id: [] as string[], device: [] as string[], deviceSeq: [] as number[], body: [] as string[] };
      for (const event of events) {
        const seq = held.get(event.id);
        if (seq !== undefined) {
          acks.push({ id: event.id, status: 'duplicate', seq });
          continue;
        }
        head += 1;
        held.set(event.id, head);
        fresh.seq.push(head);
        fresh.id.push(event.id);
        fresh.device.push(event.deviceId);
        fresh.deviceSeq.push(event.deviceSeq);
        fresh.body.push(JSON.stringify(event));
        acks.push({ id: event.id, status: 'accepted', seq: head });
      }

      if (fresh.seq.length) {
        await client.query(
          `INSERT INTO events (space, seq, id, device_id, device_seq, body)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[])`,
          [spaceId, fresh.seq, fresh.id, fresh.device, fresh.deviceSeq, fresh.body],
        );
        await client.query(ADVANCE_HEADS, [spaceId, [...new Set(fresh.device)]]);
        await client.query('UPDATE spaces SET head = $2 WHERE id = $1', [spaceId, head]);
        if (storedBy !== undefined) {
          const bytes = fresh.body.reduce((sum, body) => sum + body.length, 0);
          await client.query('UPDATE devices SET stored_bytes = stored_bytes + $3 WHERE space = $1 AND device_id = $2', [spaceId, storedBy, bytes]);
        }
        // Queued now, delivered by PostgreSQL only when (and if) this transaction commits.
        await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, `${spaceId}:${head}`]);
      }
      await client.query('COMMIT');
      return { acks, head };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async page(spaceId: string, after: number, limit: number): Promise<{ events: SequencedEvent[]; head: number }> {
    // One statement, one snapshot: the head and the page agree.
    const { rows } = await this.pool.query<{ head: string; seq: string | null; body: string | null }>(
      `SELECT s.head, e.seq, e.body FROM spaces s
       LEFT JOIN LATERAL (SELECT seq, body FROM events WHERE space = s.id AND seq > $2 ORDER BY seq LIMIT $3) e ON true
       WHERE s.id = $1 ORDER BY e.seq`,
      [spaceId, after, limit],
    );
    if (!rows[0]) throw new Error(`No space ${spaceId}`);
    const events = rows.filter((row) => row.seq !== null).map((row) => ({ seq: Number(row.seq), event: JSON.parse(row.body!) as unknown }));
    return { events, head: Number(rows[0].head) };
  }

  async bodies(spaceId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; body: string }>('SELECT id, body FROM events WHERE space = $1 AND id = ANY($2::text[])', [spaceId, [...ids]]);
    return new Map(rows.map((row) => [row.id, JSON.parse(row.body) as unknown]));
  }

  async head(spaceId: string): Promise<number> {
    const { rows } = await this.pool.query<{ head: string }>('SELECT head FROM spaces WHERE id = $1', [spaceId]);
    if (!rows[0]) throw new Error(`No space ${spaceId}`);
    return Number(rows[0].head);
  }

  async vector(spaceId: string): Promise<VersionVector> {
    const { rows } = await this.pool.query<{ device_id: string; contiguous: string }>(
      'SELECT device_id, contiguous FROM device_heads WHERE space = $1',
      [spaceId],
    );
    const vector: VersionVector = {};
    for (const row of rows) vector[row.device_id] = Number(row.contiguous);
    return vector;
  }

  async registerDevice(spaceId: string, { deviceId, name, tokenHash, at }: NewDevice): Promise<boolean> {
    const { rowCount } = await this.pool.query(REGISTER, [spaceId, deviceId, name, tokenHash, Math.floor(at)]);
    return (rowCount ?? 0) > 0;
  }

  async device(spaceId: string, deviceId: string): Promise<DeviceRecord | null> {
    const { rows } = await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE space = $1 AND device_id = $2`, [spaceId, deviceId]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async devices(spaceId: string): Promise<DeviceRecord[]> {
    const { rows } = await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE space = $1 ORDER BY joined_at, device_id`, [spaceId]);
    return rows.map(toDevice);
  }

  async deviceSeen(spaceId: string, deviceId: string, at: number): Promise<void> {
    await this.pool.query('UPDATE devices SET last_seen_at = greatest(last_seen_at, $3) WHERE space = $1 AND device_id = $2', [
      spaceId,
      deviceId,
      Math.floor(at),
    ]);
  }

  async removeDevice(spaceId: string, deviceId: string, at: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE devices SET removed_at = $3 WHERE space = $1 AND device_id = $2 AND removed_at IS NULL', [
      spaceId,
      deviceId,
      Math.floor(at),
    ]);
    return (rowCount ?? 0) > 0;
  }

  async setJoinCode(spaceId: string, joinCode: string): Promise<void> {
    const { rowCount } = await this.pool.query('UPDATE spaces SET join_code = $2 WHERE id = $1', [spaceId, joinCode]);
    if (!rowCount) throw new Error(`No space ${spaceId}`);
  }

  async claim(spaceId: string, messageId: string, run: string, now: number): Promise<number | null> {
    const { rows } = await this.pool.query<{ attempts: number }>(CLAIM, [spaceId, messageId, run, Math.floor(now)]);
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async retryAt(spaceId: string, messageId: string, nextAt: number): Promise<void> {
    await this.settle(spaceId, messageId, nextAt);
  }

  async finish(spaceId: string, messageId: string): Promise<void> {
    await this.settle(spaceId, messageId, FINISHED_AT);
  }

  async inFlight(spaceId: string, claimedBefore = Number.MAX_SAFE_INTEGER): Promise<{ messageId: string; attempts: number }[]> {
    const { rows } = await this.pool.query<{ message_id: string; attempts: number }>(
      'SELECT message_id, attempts FROM deliveries WHERE space = $1 AND in_flight AND claimed_at <= $2 ORDER BY message_id',
      [spaceId, Math.floor(claimedBefore)],
    );
    return rows.map((row) => ({ messageId: row.message_id, attempts: Number(row.attempts) }));
  }

  private async settle(spaceId: string, messageId: string, nextAt: number): Promise<void> {
    await this.pool.query('UPDATE deliveries SET in_flight = false, next_at = $3 WHERE space = $1 AND message_id = $2', [spaceId, messageId, Math.ceil(nextAt)]);
  }

  /**
   * Calls `onAdvance` whenever any process commits a push, on a dedicated
   * connection. If that connection drops it is re-established, and every
   * space's head is then reported once, since notifications sent meanwhile are lost.
   */
  async listen(onAdvance: (spaceId: string, head: number) => void): Promise<{ stop: () => Promise<void> }> {
    let client: pg.Client | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const connect = async (catchUp: boolean): Promise<void> => {
      const next = new pg.Client(this.config);
      next.on('notification', (message) => {
        if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
        const at = message.payload.lastIndexOf(':');
        const head = Number(message.payload.slice(at + 1));
        if (at > 0 && Number.isSafeInteger(head)) onAdvance(message.payload.slice(0, at), head);
      });
      next.on('error', (error) => {
        this.log(`PostgreSQL listener lost: ${error.message}; reconnecting`);
        lost(next);
      });
      next.on('end', () => lost(next));
      await next.connect();
      await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (stopped) {
        await next.end().catch(() => {});
        return;
      }
      client = next;
      if (catchUp) {
        const { rows } = await this.pool.query<{ id: string; head: string }>('SELECT id, head FROM spaces');
        for (const row of rows) onAdvance(row.id, Number(row.head));
      }
    };

    const lost = (which: pg.Client) => {
      if (client !== which || stopped) return;
      client = null;
      which.end().catch(() => {});
      schedule();
    };

    const schedule = () => {
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = null;
        connect(true).catch((error: Error) => {
          this.log(`PostgreSQL listener could not reconnect: ${error.message}`);
          schedule();
        });
      }, LISTEN_RETRY_MS);
    };

    await connect(false);
    const handle = {
      stop: async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        this.listeners.delete(handle);
        const current = client;
        client = null;
        await current?.end().catch(() => {});
      },
    };
    this.listeners.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.listeners].map((l) => l.stop()));
    await this.pool.end();
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

function toSpace(row: SpaceRow | undefined): SpaceRecord | null {
  if (!row) return null;
  return { id: row.id, name: row.name, secret: row.secret, joinCode: row.join_code, epoch: row.epoch };
}
