import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const script = path.join(root, 'scripts/start-electron.mjs');
let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the app in the Electron it is pointed at, from the project root, and passes on its exit code', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'warroom-start-'));
    const record = path.join(dir, 'record.txt');
    await writeFile(path.join(dir, 'electron'), `#!/bin/sh\necho "$PWD $*" > "${record}"\nexit 7\n`);
    await chmod(path.join(dir, 'electron'), 0o755);
    const run = spawnSync(process.execPath, [script], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(7);
    expect((await readFile(record, 'utf8')).trim()).toBe(`${root} .`);
  });

  it('explains what to do when the Electron it is pointed at is not there', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'warroom-start-'));
    const run = spawnSync(process.execPath, [script], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'missing') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/npm run web/);
  });
});
