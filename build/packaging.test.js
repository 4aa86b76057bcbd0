// Packages the app with electron-builder (`--dir`, against a stub Electron: the real binary cannot be
// downloaded everywhere) and checks app.asar holds what the main process loads, and nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import asar from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let work;
let archive;
let files;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/electron/main.cjs')) || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  }
  work = await mkdtemp(path.join(tmpdir(), 'warroom-pack-'));
  const stub = path.join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', stub]);
  await writeFile(path.join(stub, 'electron'), '#!/bin/sh\nexit 0\n');
  await chmod(path.join(stub, 'electron'), 0o755);
  execFileSync(
    path.join(root, 'node_modules/.bin/electron-builder'),
    ['--dir', '--linux', `-c.electronDist=${stub}`, `-c.directories.output=${path.join(work, 'release')}`],
    { cwd: root, stdio: 'ignore', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  archive = path.join(work, 'release/linux-unpacked/resources/app.asar');
  files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.split(path.sep).join('/')));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packaged app', () => {
  it('holds the main process, the preload and the console where the main process loads them', () => {
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    expect(files.has(`/${manifest.main}`)).toBe(true);
    const mainDir = path.posix.dirname(`/${manifest.main}`);
    // electron/main/index.ts: preload beside main, renderer at ../renderer.
    expect(files.has(path.posix.join(mainDir, 'preload.cjs'))).toBe(true);
    expect(files.has(path.posix.join(mainDir, '..', 'renderer', 'index.html'))).toBe(true);
    const html = asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8');
    for (const asset of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(files.has(`/dist/renderer/${asset[1]}`)).toBe(true);
  });

  it('ships no node_modules, source maps or sources: everything is bundled', () => {
    const stray = [...files].filter((f) => f.includes('node_modules') || f.endsWith('.map') || /\.tsx?$/.test(f));
    expect(stray).toEqual([]);
  });

  it('carries the Content-Security-Policy in the page itself', () => {
    const html = asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
  });
});
