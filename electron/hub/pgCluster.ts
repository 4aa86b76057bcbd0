/**
 * A private, throwaway PostgreSQL cluster for the hub's tests: its own data
 * directory and port, fsync off, deleted afterwards. Root may not run
 * postgres, so as root every server command runs as the `postgres` OS user
 * (Debian's package creates it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

export type PgCluster = {
  /** A new, empty database on the cluster; returns its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
};

type Availability = { ok: true; bin: string; runAs: { uid: number; gid: number } | null } | { ok: false; reason: string };

/** Whether a cluster can be started here, and if not, why. `WARROOM_PG_BIN` overrides where the binaries are. */
export function postgresAvailability(): Availability {
  const bin = process.env.WARROOM_PG_BIN ?? newestDebianBin();
  if (!bin || !existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
    return { ok: false, reason: 'PostgreSQL server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb; apt-get install postgresql, or set WARROOM_PG_BIN)' };
  }
  if (process.getuid?.() !== 0) return { ok: true, bin, runAs: null };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) return { ok: false, reason: 'running as root and there is no "postgres" OS user to run the server as' };
  return { ok: true, bin, runAs: { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) } };
}

function newestDebianBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `durable`: the server flushes every commit to disk, as a production one does (the bench's figures); tests skip it. */
export async function startPgCluster({ durable = false }: { durable?: boolean } = {}): Promise<PgCluster> {
  const found = postgresAvailability();
  if (!found.ok) throw new Error(found.reason);
  const { bin, runAs } = found;
  const dir = mkdtempSync(join(tmpdir(), 'warroom-pg-'));
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    try {
      execFileSync(join(bin, tool), args, { cwd: dir, stdio: 'pipe', ...(runAs ?? {}) });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      const logFile = join(dir, 'server.log');
      const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`${tool} failed: ${stderr}${serverLog}`, { cause: error });
    }
  };

  let port: number;
  try {
    port = await freePort();
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const flushing = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${flushing}`;
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    // A cluster that did not start leaves nothing behind either.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test run that dies still takes its server down with it.
  process.once('exit', stopNow);

  const base = `postgres://postgres@127.0.0.1:${port}`;
  let databases = 0;
  return {
    async createDatabase() {
      const name = `hub_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}
