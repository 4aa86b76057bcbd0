/**
 * The hub as an operator deploys it: a folder holding only dist/hub/,
 * package.json and its lock file, `npm ci --omit=dev` there, then
 * `node dist/hub/cli.js`. No devDependency (tsx, TypeScript) is present. It
 * answers /health and /metrics, and a console joins it and syncs.
 *
 * better-sqlite3's installer takes its prebuilt binary from a local folder,
 * as on an operator's machine without the internet: the one this checkout's
 * own install made, packed as its installer names it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect, test } from '@playwright/test';

import { composer, declareIncident } from './console';
import { joinHub, openConsole, startHubProgram, type Hub } from './hub';

const run = promisify(execFile);

let folder: string;
let hub: Hub | null = null;

test.afterAll(async () => {
  await hub?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the built hub runs from a folder with only its runtime dependencies, serves /health and /metrics, and syncs a console', async ({ browser }) => {
  // npm ci from the local cache takes seconds; the hub may take 30 s to start, then the console its steps.
  test.setTimeout(180_000);
  folder = mkdtempSync(path.join(tmpdir(), 'warroom-hub-deploy-'));
  cpSync('dist/hub', path.join(folder, 'dist/hub'), { recursive: true });
  cpSync('package.json', path.join(folder, 'package.json'));
  cpSync('package-lock.json', path.join(folder, 'package-lock.json'));
  const prebuilds = path.join(folder, 'prebuilds');
  mkdirSync(prebuilds);
  const sqlite = JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8')) as { version: string };
  const binary = `better-sqlite3-v${sqlite.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['-czf', path.join(prebuilds, binary), '-C', 'node_modules/better-sqlite3', 'build/Release/better_sqlite3.node']);
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: folder,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
  });
  // Installed from the prebuilt binary, not compiled: no build tree beside it.
  expect(existsSync(path.join(folder, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  expect(existsSync(path.join(folder, 'node_modules/better-sqlite3/build/Release/obj.target'))).toBe(false);
  const installed = readdirSync(path.join(folder, 'node_modules'));
  expect(installed).toEqual(expect.arrayContaining(['better-sqlite3', 'pg', 'ws', 'prom-client']));
  for (const devOnly of ['tsx', 'typescript', 'electron', 'vite', 'react']) expect(existsSync(path.join(folder, 'node_modules', devOnly)), devOnly).toBe(false);

  hub = await startHubProgram({ cwd: folder });
  const base = `http://127.0.0.1:${hub.port}`;
  const health = await fetch(`${base}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });

  const { context, page } = await openConsole(browser, 'Ada Lovelace');
  await joinHub(page, hub);
  await page.getByRole('link', { name: /^Warroom$/ }).click();
  await declareIncident(page, 'Payments API returns 502');
  await composer(page).fill('Rolled back the 14:02 deploy');
  await composer(page).press('Enter');
  await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 15_000 });

  // What the console sent is stored on the hub: its metrics count it.
  await expect
    .poll(async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(/^warroom_hub_events_stored\{space="[^"]+"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    })
    .toBeGreaterThanOrEqual(2);
  await context.close();
});
