/**
 * Vitest's global setup: the whole unit run gets a temporary folder of its
 * own (TMPDIR, which every worker inherits), and the run fails if any test
 * left something in it, naming what: a test removes every folder, file and
 * socket it makes. The folder goes either way.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Caches the tools some tests run keep there for the run (tsx's compiled files, jiti's): the run's folder goes, and they with it. */
const TOOL_CACHES = [/^tsx-\d+$/, /^jiti$/];

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'warroom-unit-'));
  // Open to other users as /tmp is (sticky): the PostgreSQL tests run its server as the postgres user.
  chmodSync(root, 0o1777);
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = root;
  return () => {
    const left = readdirSync(root).filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
    rmSync(root, { recursive: true, force: true });
    if (left.length === 0) return;
    // An error thrown here is only printed; the exit code is what fails the run.
    console.error(`\nTests left ${left.length} item(s) in the temporary folder; each test must remove what it makes: ${left.sort().join(', ')}\n`);
    process.exitCode = 1;
  };
}
