/** A real hub process for the end-to-end specs, and a console that joins it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export type Hub = { process: ChildProcess; port: number; joinCode: string; dir: string; stop(): Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the built hub (`node dist/hub/cli.js`, as an operator runs it) on a
 * free port with its data in a fresh folder, and reads the join code from its
 * "ready" log record. `cwd` is the folder holding dist/hub/ and node_modules;
 * `args` may be made from the port (a flag naming the hub's own address).
 */
export async function startHubProgram(options: { cwd?: string; args?: string[] | ((port: number) => string[]) } = {}): Promise<Hub> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warroom-hub-'));
  const port = await freePort();
  const args = typeof options.args === 'function' ? options.args(port) : (options.args ?? []);
  const child = spawn(process.execPath, ['dist/hub/cli.js', '--data', path.join(dir, 'hub.sqlite'), '--port', String(port), '--host', '127.0.0.1', '--log-format', 'json', ...args], {
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const joinCode = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The hub did not start:\n${output}`)), 30_000);
      let read = 0;
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Whole lines only: a chunk may end inside a record.
        const end = output.lastIndexOf('\n') + 1;
        for (const line of output.slice(read, end).split('\n')) {
          const record = line.startsWith('{') ? (JSON.parse(line) as { msg?: string; joinCode?: string }) : null;
          if (record?.msg === 'ready' && record.joinCode) {
            clearTimeout(timer);
            resolve(record.joinCode);
          }
        }
        read = end;
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`The hub exited (${code}):\n${output}`)));
    });
    const stop = async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    };
    return { process: child, port, joinCode, dir, stop };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function openConsole(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Set your name' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').press('Enter');
  await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
  return { context, page };
}

export async function joinHub(page: Page, hub: Pick<Hub, 'port' | 'joinCode'>): Promise<void> {
  await page.getByRole('link', { name: /^Sync:/ }).click();
  await page.getByLabel('Hub address').fill(`127.0.0.1:${hub.port}`);
  await page.getByLabel('Join code').fill(hub.joinCode.toLowerCase());
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 15_000 });
}
