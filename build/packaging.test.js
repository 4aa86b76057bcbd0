// Packages the app with electron-builder (`--dir`, against a stub Electron: the real binary cannot be
// downloaded everywhere) and checks app.asar holds what the main process loads, and nothing else, and
// that the packaged binary carries the fuses electron-builder.yml asks for.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));

// Electron's fuse wire: a sentinel, the wire version (1), the wire length, then one byte per fuse, '0' or '1'.
// The stub carries it as Electron 45 ships it, every fuse at Electron's default, so electron-builder has
// something real to flip and the test sees each change it makes.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
const ELECTRON_DEFAULT_FUSES = [
  [FuseV1Options.RunAsNode, ON],
  [FuseV1Options.EnableCookieEncryption, OFF],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, ON],
  [FuseV1Options.EnableNodeCliInspectArguments, ON],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, OFF],
  [FuseV1Options.OnlyLoadAppFromAsar, OFF],
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, OFF],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, ON],
  [FuseV1Options.WasmTrapHandlers, ON],
];
const stubWire = Buffer.concat([
  Buffer.from(FUSE_SENTINEL, 'latin1'),
  Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
  Buffer.from(ELECTRON_DEFAULT_FUSES.map(([, state]) => state)),
]);
const wireStates = (wire) => Object.fromEntries(Object.entries(wire).filter(([key]) => key !== 'version'));
// electron-builder's option names are @electron/fuses' with a lower-case first letter.
const fuseIndex = (option) => FuseV1Options[option[0].toUpperCase() + option.slice(1)];

let work;
let stubExecutable;
let archive;
let files;
let packagedExecutable;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/electron/main.cjs')) || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  }
  work = await mkdtemp(path.join(tmpdir(), 'warroom-pack-'));
  const stub = path.join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', stub]);
  stubExecutable = path.join(stub, 'electron');
  await writeFile(stubExecutable, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), stubWire, Buffer.from('\n')]));
  await chmod(stubExecutable, 0o755);
  execFileSync(
    path.join(root, 'node_modules/.bin/electron-builder'),
    ['--dir', '--linux', `-c.electronDist=${stub}`, `-c.directories.output=${path.join(work, 'release')}`],
    { cwd: root, stdio: 'ignore', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  archive = path.join(work, 'release/linux-unpacked/resources/app.asar');
  // Linux executables are named after the package.
  packagedExecutable = path.join(work, 'release/linux-unpacked', JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name);
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

describe('packaged Electron fuses', () => {
  it('are set in electron-builder.yml to the hardened policy, for every fuse electron-builder can set', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    const settable = Object.keys(schema.definitions.FuseOptionsV1.properties).filter((key) => key !== 'resetAdHocDarwinSignature');
    expect(Object.keys(config.electronFuses).sort()).toEqual(settable.sort());
    for (const option of settable) expect(fuseIndex(option), option).toBeTypeOf('number');
  });

  it('start at Electron\'s defaults in the stub', async () => {
    expect(await getCurrentFuseWire(stubExecutable)).toEqual({
      version: '1',
      ...Object.fromEntries(ELECTRON_DEFAULT_FUSES),
    });
  });

  it('are flipped in the packaged binary to what electron-builder.yml says, and no other fuse changes', async () => {
    const wire = await getCurrentFuseWire(packagedExecutable);
    expect(wire.version).toBe('1');
    const expected = Object.fromEntries(ELECTRON_DEFAULT_FUSES);
    for (const [option, enabled] of Object.entries(config.electronFuses ?? {})) expected[fuseIndex(option)] = enabled ? ON : OFF;
    expect(wireStates(wire)).toEqual(expected);
    // The policy differs from Electron's defaults: this is electron-builder's doing, not the stub's.
    expect(wireStates(wire)).not.toEqual(Object.fromEntries(ELECTRON_DEFAULT_FUSES));
  });
});
