import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MemoryDeliveryLedger } from '../../shared/sync/hubDelivery';
import { MemoryHubStore } from '../../shared/sync/memoryHubStore';
import { postgresAvailability, startPgCluster, type PgCluster } from './pgCluster';
import { NOTIFY_CHANNEL, PostgresHubStore } from './postgresStore';
import { SqliteHubStore } from './sqliteStore';
import { deliveryLedgerContract, hubStoreContract } from './storeContract';
import { entry } from './testEvents';

describe('MemoryHubStore', () => {
  hubStoreContract(async () => ({ store: new MemoryHubStore() }), { reopen: false });
});

describe('MemoryDeliveryLedger', () => {
  deliveryLedgerContract(async () => ({ ledger: new MemoryDeliveryLedger() }), { reopen: false });
});

describe('SqliteHubStore (better-sqlite3)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  hubStoreContract(
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'warroom-hub-'));
      dirs.push(dir);
      const file = join(dir, 'hub.sqlite');
      let store = new SqliteHubStore(new Database(file));
      return {
        store,
        another: async () => new SqliteHubStore(new Database(file)),
        reopen: async () => {
          await store.close();
          store = new SqliteHubStore(new Database(file));
          return store;
        },
      };
    },
    { reopen: true, ledger: true },
  );

  it('keeps its file, and the WAL beside it, readable by the hub\'s owner only, whatever the umask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-hub-'));
    dirs.push(dir);
    const before = process.umask(0o000);
    try {
      const file = join(dir, 'hub.sqlite');
      const db = new Database(file);
      const store = new SqliteHubStore(db);
      await store.createSpace({ id: 'space-p', name: 'P', secret: 'ab'.repeat(32), joinCode: 'PPPP-PPPP-PPPP', epoch: 'e' });
      await store.append('space-p', [entry('aaaaaaaa01', 1)]);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(path).mode & 0o777, path).toBe(0o600);
      await store.close();

      // A file an older hub left world-readable is made private when opened.
      const old = join(dir, 'old.sqlite');
      writeFileSync(old, '');
      chmodSync(old, 0o644);
      const again = new SqliteHubStore(new Database(old));
      expect(statSync(old).mode & 0o777).toBe(0o600);
      await again.close();
    } finally {
      process.umask(before);
    }
  });

  it('runs in WAL mode with full synchronous commits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-hub-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'hub.sqlite'));
    const store = new SqliteHubStore(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    return store.close();
  });
});

const postgres = postgresAvailability();
if (!postgres.ok) console.warn(`PostgreSQL store tests skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)(`PostgresHubStore${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  hubStoreContract(
    async () => {
      const url = await cluster.createDatabase();
      let store = await PostgresHubStore.open({ connectionString: url, max: 4 });
      return {
        store,
        // Its own pool, as a second hub process would have.
        another: () => PostgresHubStore.open({ connectionString: url, max: 4 }),
        reopen: async () => {
          await store.close();
          store = await PostgresHubStore.open(url);
          return store;
        },
      };
    },
    { reopen: true, ledger: true },
  );

  it('creates its schema once when several processes start together', async () => {
    const url = await cluster.createDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresHubStore.open(url)));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('announces a committed push on its channel, and nothing for a push of duplicates', async () => {
    const url = await cluster.createDatabase();
    const writer = await PostgresHubStore.open(url);
    const other = await PostgresHubStore.open(url);
    const heard: [string, number][] = [];
    const listening = await other.listen((space, head) => heard.push([space, head]));
    try {
      await writer.createSpace({ id: 'space-n', name: 'N', secret: 'ab'.repeat(32), joinCode: 'NNNN-NNNN-NNNN', epoch: 'e' });
      await writer.append('space-n', [entry('aaaaaaaa01', 1), entry('aaaaaaaa01', 2)]);
      await writer.append('space-n', [entry('aaaaaaaa01', 1)]);
      await writer.append('space-n', [entry('aaaaaaaa01', 3)]);
      await expect.poll(() => heard).toEqual([
        ['space-n', 2],
        ['space-n', 3],
      ]);
    } finally {
      await listening.stop();
      await Promise.all([writer.close(), other.close()]);
    }
  });

  it('a failed push stores nothing and announces nothing', async () => {
    const url = await cluster.createDatabase();
    const store = await PostgresHubStore.open(url);
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const heard: string[] = [];
    raw.on('notification', (n) => heard.push(n.payload ?? ''));
    await raw.query(`LISTEN ${NOTIFY_CHANNEL}`);
    try {
      await store.createSpace({ id: 'space-f', name: 'F', secret: 'ab'.repeat(32), joinCode: 'FFFF-FFFF-FFFF', epoch: 'e' });
      // The insert fails after numbers were allocated, as a full disk or a lost connection would.
      await raw.query(`CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.id = 'aaaaaaaa01:2' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
      await raw.query('CREATE TRIGGER refuse_second BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_second()');
      await expect(store.append('space-f', [entry('aaaaaaaa01', 1), entry('aaaaaaaa01', 2)])).rejects.toThrow(/refused by test/);
      await raw.query('DROP TRIGGER refuse_second ON events');
      expect(await store.head('space-f')).toBe(0);
      expect(await store.vector('space-f')).toEqual({});
      const next = await store.append('space-f', [entry('aaaaaaaa01', 1)]);
      expect(next.acks).toEqual([{ id: 'aaaaaaaa01:1', status: 'accepted', seq: 1 }]);
      await expect.poll(() => heard).toEqual(['space-f:1']);
    } finally {
      await raw.end();
      await store.close();
    }
  });
});
