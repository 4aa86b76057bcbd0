import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { HubStore } from '../../shared/sync/hubStore';
import { hashToken } from '../../shared/sync/membership';
import { DEFAULT_DATA_FILE, DEFAULT_PORT, TEXT, describeDatabase, parseCliArgs, plainTextWarning } from './cli';
import { describePaging } from './paging/pagingConfig';
import { DEVICES_TEXT, runDevices } from './devicesCommand';
import { postgresAvailability, startPgCluster, type PgCluster } from './pgCluster';
import { PostgresHubStore } from './postgresStore';
import { DEFAULT_ALERT_LIMITS } from './alertRoute';
import { DEFAULT_QUOTAS } from './quotas';
import { DEFAULT_RATE_LIMITS } from '../../shared/sync/rateLimiter';
import { ensureSpace } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { TestClient as Client } from './testClient';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';

describe('parseCliArgs', () => {
  it('defaults to SQLite in the working directory on port 4848, all interfaces', () => {
    expect(parseCliArgs([], {}, '/srv/hub')).toEqual({
      help: false,
      port: DEFAULT_PORT,
      host: '0.0.0.0',
      spaceName: 'Warroom',
      storage: { kind: 'sqlite', file: `/srv/hub/${DEFAULT_DATA_FILE}` },
      tls: null,
      delivery: true,
      alerts: DEFAULT_ALERT_LIMITS,
      webhookAllow: [],
      quotas: DEFAULT_QUOTAS,
      limits: DEFAULT_RATE_LIMITS,
      logLevel: 'info',
      logFormat: 'text',
      metricsToken: null,
      paging: null,
    });
  });

  it('sends pages through what the operator configured, and refuses a configuration it could not use, naming the flag', () => {
    const config = parseCliArgs(
      ['--ntfy-url', 'https://ntfy.room.lan', '--sms-url', 'http://gsm.room.lan/send?to={phone}&text={text}', '--sms-method', 'get', '--page-link-url', 'http://10.0.0.5:4848'],
      { HUB_SMTP_URL: 'smtp://pager:secret@relay.room.lan:587', HUB_SMTP_FROM: 'Warroom <warroom@room.lan>' },
      '/',
    );
    expect(config.paging).toEqual({
      ntfy: { server: 'https://ntfy.room.lan' },
      sms: { url: 'http://gsm.room.lan/send?to={phone}&text={text}', method: 'GET' },
      smtp: { url: 'smtp://pager:secret@relay.room.lan:587', from: 'Warroom <warroom@room.lan>' },
      linkUrl: 'http://10.0.0.5:4848',
      replyKey: null,
    });
    // The banner names hosts, never a relay's password.
    expect(describePaging(config.paging)).toBe('push via ntfy.room.lan, SMS via gsm.room.lan, e-mail via relay.room.lan:587; acknowledged at http://10.0.0.5:4848/ack/…');
    expect(describePaging(parseCliArgs(['--ntfy-url', 'http://ntfy.lan'], {}, '/').paging)).toContain('no acknowledgement link (--page-link-url)');
    expect(() => parseCliArgs(['--ntfy-url', 'ftp://ntfy.lan'], {}, '/')).toThrow('--ntfy-url must be a http or https address, not "ftp://ntfy.lan".');
    expect(() => parseCliArgs(['--sms-url', 'http://gsm.lan/send', '--sms-method', 'GET'], {}, '/')).toThrow('{phone}');
    expect(() => parseCliArgs(['--sms-url', 'http://gsm.lan/send', '--sms-method', 'PUT'], {}, '/')).toThrow('--sms-method must be GET or POST');
    expect(() => parseCliArgs(['--smtp-url', 'smtp://relay.lan'], {}, '/')).toThrow('--smtp-url needs --smtp-from');
    expect(parseCliArgs(['--sms-url', 'http://gsm.lan/send', '--sms-reply-key', 'replies-0123456789'], {}, '/').paging?.replyKey).toBe('replies-0123456789');
    expect(() => parseCliArgs(['--sms-url', 'http://gsm.lan/send', '--sms-reply-key', 'short'], {}, '/')).toThrow('--sms-reply-key must be 16 or more');
    expect(() => parseCliArgs(['--ntfy-url', 'http://ntfy.lan', '--sms-reply-key', 'replies-0123456789'], {}, '/')).toThrow('--sms-reply-key needs --sms-url');
  });

  it('takes alerts in unless told not to, at the rate per key the operator sets', () => {
    expect(parseCliArgs(['--no-alerts'], {}, '/').alerts).toBeNull();
    expect(parseCliArgs([], { HUB_ALERTS: 'off' }, '/').alerts).toBeNull();
    expect(parseCliArgs(['--alert-requests-per-second', '500'], {}, '/').alerts).toMatchObject({ requestsPerSecond: 500, requestBurst: 5000 });
    expect(parseCliArgs([], { HUB_ALERT_REQUESTS_PER_SECOND: '7' }, '/').alerts).toMatchObject({ requestsPerSecond: 7 });
    expect(() => parseCliArgs(['--alert-requests-per-second', 'lots'], {}, '/')).toThrow(TEXT.badLimit('--alert-requests-per-second', 'lots'));
  });

  it('takes the log level and format and the metrics token from flags or the environment, and refuses what it cannot use', () => {
    expect(parseCliArgs(['--log-level', 'debug', '--log-format', 'json'], {}, '/')).toMatchObject({ logLevel: 'debug', logFormat: 'json' });
    expect(parseCliArgs([], { HUB_LOG_LEVEL: 'warn', HUB_LOG_FORMAT: 'json', HUB_METRICS_TOKEN: 'sixteen-chars-ok' }, '/')).toMatchObject({ logLevel: 'warn', logFormat: 'json', metricsToken: 'sixteen-chars-ok' });
    expect(() => parseCliArgs(['--log-level', 'loud'], {}, '/')).toThrow(TEXT.badLogLevel('loud'));
    expect(() => parseCliArgs(['--log-format', 'xml'], {}, '/')).toThrow(TEXT.badLogFormat('xml'));
    expect(() => parseCliArgs(['--metrics-token', 'short'], {}, '/')).toThrow(TEXT.shortToken);
  });

  it('takes the operator’s webhook destinations from --allow-webhook-to and WARROOM_WEBHOOK_ALLOW', () => {
    const env = { WARROOM_WEBHOOK_ALLOW: '10.0.0.0/8, hooks.internal:8443,' };
    expect(parseCliArgs(['--allow-webhook-to', '127.0.0.1:9000', '--allow-webhook-to', 'fd00::/8'], env, '/srv').webhookAllow).toEqual([
      '127.0.0.1:9000',
      'fd00::/8',
      '10.0.0.0/8',
      'hooks.internal:8443',
    ]);
  });

  it('refuses a destination it cannot read, naming it', () => {
    expect(() => parseCliArgs(['--allow-webhook-to', '10.0.0.0/40'], {}, '/')).toThrow(/--allow-webhook-to \/ WARROOM_WEBHOOK_ALLOW: "10\.0\.0\.0\/40" is not/);
    expect(() => parseCliArgs([], { WARROOM_WEBHOOK_ALLOW: 'http://hooks.internal/x' }, '/')).toThrow(/"http:\/\/hooks\.internal\/x" is not/);
  });

  it('takes each limit from a flag or the environment', () => {
    const config = parseCliArgs(
      ['--max-connections', '300', '--max-connections-per-address', '12', '--join-attempts', '5', '--max-stored-mb', '64', '--max-events-per-second', '500'],
      { HUB_JOIN_BACKOFF_SECONDS: '3' },
      '/srv',
    );
    expect(config.quotas).toEqual({
      ...DEFAULT_QUOTAS,
      connections: 300,
      connectionsPerAddress: 12,
      joinAttempts: 5,
      joinBackoffMs: 3000,
      storedBytesPerDevice: 64 * 1024 * 1024,
    });
    expect(config.limits).toEqual({ ...DEFAULT_RATE_LIMITS, eventsPerSecond: 500 });
    expect(parseCliArgs([], { HUB_MAX_CONNECTIONS: '7' }, '/srv').quotas.connections).toBe(7);
    expect(() => parseCliArgs(['--max-connections', 'many'], {}, '/')).toThrow(TEXT.badLimit('--max-connections', 'many'));
    expect(() => parseCliArgs(['--join-attempts', '0'], {}, '/')).toThrow(/--join-attempts/);
  });

  it('turns delivery off with --no-delivery or HUB_DELIVERY=off', () => {
    expect(parseCliArgs(['--no-delivery'], {}, '/srv').delivery).toBe(false);
    expect(parseCliArgs([], { HUB_DELIVERY: 'off' }, '/srv').delivery).toBe(false);
    expect(parseCliArgs([], { HUB_DELIVERY: 'on' }, '/srv').delivery).toBe(true);
  });

  it('takes flags over the environment', () => {
    const env = { PORT: '5000', HUB_DATA: 'env.sqlite', HUB_TLS_CERT: 'env.crt', HUB_TLS_KEY: 'env.key' };
    expect(parseCliArgs(['--port', '6000', '--data', '/data/flag.sqlite', '--host', '127.0.0.1'], env, '/srv')).toMatchObject({
      port: 6000,
      host: '127.0.0.1',
      storage: { kind: 'sqlite', file: '/data/flag.sqlite' },
      tls: { certFile: '/srv/env.crt', keyFile: '/srv/env.key' },
    });
    expect(parseCliArgs([], env, '/srv')).toMatchObject({ port: 5000, storage: { file: '/srv/env.sqlite' } });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(parseCliArgs([], { DATABASE_URL: 'postgres://hub:pw@db:5432/warroom' }, '/srv').storage).toEqual({
      kind: 'postgres',
      url: 'postgres://hub:pw@db:5432/warroom',
    });
    expect(describeDatabase('postgres://hub:secret@db:5432/warroom')).toBe('db:5432/warroom');
  });

  it('refuses a bad port, half a TLS pair and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'http'], {}, '/')).toThrow(TEXT.badPort('http'));
    expect(() => parseCliArgs(['--port', '70000'], {}, '/')).toThrow(/--port/);
    expect(() => parseCliArgs(['--tls-cert', 'a.crt'], {}, '/')).toThrow(TEXT.tlsPair);
    expect(() => parseCliArgs(['--verbose'], {}, '/')).toThrow(/verbose/);
  });
});

describe('npm run hub', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('starts headless on SQLite, prints where to connect and the join code, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
    dirs.push(dir);
    const file = join(dir, 'hub.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', file, '--allow-webhook-to', '127.0.0.1'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    // 'close', not 'exit': only then has all of its output been read.
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toContain(TEXT.stopHint);
      const code = /Join code\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1];
      const url = /(ws:\/\/127\.0\.0\.1:\d+\/sync)/.exec(out)?.[1];
      expect(code).toBeDefined();
      expect(url).toBeDefined();
      expect(out).toContain(TEXT.delivering);
      expect(out).toContain(TEXT.allowing(['127.0.0.1']));
      const health = await fetch(url!.replace('ws://', 'http://').replace('/sync', '/health'));
      expect(await health.json()).toMatchObject({ ok: true });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain(TEXT.stopped);

      // The space it made is in the file, under the code it printed.
      const store = new SqliteHubStore(new Database(file));
      expect(await store.spaceByJoinCode(code!)).toMatchObject({ name: 'Warroom' });
      await store.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('logs one JSON record a line with --log-format json, the join code in its ready record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'hub.sqlite'), '--log-format', 'json', '--log-level', 'debug'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const records = () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { time: string; level: string; msg: string; joinCode?: string; url?: string });
    try {
      await expect.poll(() => records().some((r) => r.msg === 'ready'), { timeout: 20_000 }).toBe(true);
      const ready = records().find((r) => r.msg === 'ready')!;
      expect(ready).toMatchObject({ level: 'info', joinCode: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/), url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/sync$/) });
      // A refused hello is logged as a record too.
      const client = await Client.open(ready.url!);
      client.hello({ kind: 'join', code: 'AAAA-BBBB-CCCC' }, new TestAuthor(5).deviceId);
      await client.closed;
      await expect.poll(() => records().some((r) => r.msg === 'refused a request' && r.level === 'warn')).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(records().map((r) => r.msg)).toEqual(expect.arrayContaining(['starting', 'ready', 'stopping', 'stopped']));
      for (const record of records()) expect(Date.parse(record.time)).not.toBeNaN();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('stops at once, saying which, when an allowed webhook destination cannot be read', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', '--port', '0', '--host', '127.0.0.1', '--allow-webhook-to', '192.168.1.0/99'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: '', WARROOM_WEBHOOK_ALLOW: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect(code).toBe(2);
    expect(err).toContain('"192.168.1.0/99" is not an address range');
  }, 30_000);
  it('warns loudly, on stderr, when it serves plain ws:// to the network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/hub/cli.ts', '--port', '0', '--host', '0.0.0.0', '--data', join(dir, 'hub.sqlite'), '--no-delivery'],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toContain(TEXT.stopHint);
      // stdout and stderr are separate pipes: the warning may be read after the banner.
      await expect.poll(() => err, { timeout: 5_000 }).toContain(plainTextWarning('0.0.0.0')!);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('plainTextWarning', () => {
  it('speaks up for plain ws:// on any address but this machine’s own', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'hub.corp.example']) {
      expect(plainTextWarning(host), host).toMatch(/WARNING[\s\S]*in clear[\s\S]*--tls-cert/);
    }
    for (const host of ['127.0.0.1', '127.0.0.53', '::1', '[::1]', 'localhost', 'LOCALHOST']) {
      expect(plainTextWarning(host), host).toBeNull();
    }
  });
});

const postgres = postgresAvailability();
if (!postgres.ok) console.warn(`PostgreSQL devices command tests skipped: ${postgres.reason}`);
let cluster: PgCluster | null = null;
beforeAll(async () => {
  if (postgres.ok) cluster = await startPgCluster();
}, 120_000);
afterAll(() => cluster?.stop());

type Storage = { env: Record<string, string>; open: () => Promise<HubStore>; cleanup: () => void };
const storages: [string, () => Promise<Storage>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
      const file = join(dir, 'hub.sqlite');
      return { env: { HUB_DATA: file }, open: async () => new SqliteHubStore(new Database(file)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];
if (postgres.ok) {
  storages.push([
    'PostgreSQL',
    async () => {
      const url = await cluster!.createDatabase();
      return { env: { DATABASE_URL: url }, open: () => PostgresHubStore.open(url), cleanup: () => {} };
    },
  ]);
}

describe.each(storages)('npm run hub -- devices, on %s', (_, make) => {
  let storage: Storage;
  afterEach(() => storage?.cleanup());

  async function seeded(): Promise<{ spaceId: string; joinCode: string }> {
    const store = await storage.open();
    try {
      const { space } = await ensureSpace(store, { name: 'Ops room' }, (bytes) => bytes.fill(7));
      await store.registerDevice(space.id, { deviceId: 'aaaaaaaa01', name: 'aaaaaaaa01', tokenHash: hashToken('a'.repeat(64)), at: Date.UTC(2026, 11, 6, 9, 0) });
      await store.registerDevice(space.id, { deviceId: 'bbbbbbbb02', name: 'bbbbbbbb02', tokenHash: hashToken('b'.repeat(64)), at: Date.UTC(2026, 11, 6, 9, 30) });
      return { spaceId: space.id, joinCode: space.joinCode };
    } finally {
      await store.close();
    }
  }

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await runDevices(args, { ...storage.env, HUB_SPACE: 'Ops room' }, '/', (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  }

  it('lists the devices of the space with when each joined and was last seen; removes one; rotates the join code', async () => {
    storage = await make();
    const { spaceId, joinCode } = await seeded();

    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/aaaaaaaa01.*2026-12-06 09:00.*2026-12-06 09:00/);
    expect(listed.out).toMatch(/bbbbbbbb02.*2026-12-06 09:30/);
    expect(listed.out).not.toContain(hashToken('a'.repeat(64)));

    const removed = await run(['remove', 'aaaaaaaa01']);
    expect(removed).toEqual({ code: 0, out: DEVICES_TEXT.removed('aaaaaaaa01', 'Ops room') });
    expect((await run(['list'])).out).toMatch(/aaaaaaaa01.*removed 20/);
    expect(await run(['remove', 'aaaaaaaa01'])).toEqual({ code: 1, out: DEVICES_TEXT.notMember('aaaaaaaa01', 'Ops room') });

    const rotated = await run(['rotate-join-code']);
    expect(rotated.code).toBe(0);
    const fresh = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(rotated.out)?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(joinCode);

    const store = await storage.open();
    try {
      expect(await store.spaceByJoinCode(joinCode)).toBeNull();
      expect(await store.spaceByJoinCode(fresh!)).toMatchObject({ id: spaceId });
      expect(await store.device(spaceId, 'aaaaaaaa01')).toMatchObject({ removedAt: expect.any(Number) });
      expect(await store.device(spaceId, 'bbbbbbbb02')).toMatchObject({ removedAt: null });
    } finally {
      await store.close();
    }
  });

  it('says what it needs: an action, a device id to remove, a space that exists', async () => {
    storage = await make();
    await seeded();
    expect(await run([])).toMatchObject({ code: 2, out: expect.stringContaining(DEVICES_TEXT.usage) });
    expect(await run(['remove'])).toMatchObject({ code: 2, out: expect.stringContaining(DEVICES_TEXT.needDevice) });
    expect(await run(['list', '--space', 'Nowhere'])).toMatchObject({ code: 1, out: DEVICES_TEXT.noSpace('Nowhere') });
  });
});
