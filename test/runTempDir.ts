/**
 * A test run's own temporary folder: TMPDIR (and TMP, TEMP) point into it
 * for the run and every process it starts, and at the end it goes, saying
 * what the tests left there. Each test removes every folder, file and
 * socket it makes.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What the tools the tests run keep there for themselves: tsx's and jiti's caches, and the files
 * Chromium makes for downloads and shared memory and may leave when a browser context closes.
 * They go with the folder; they are not a test's to remove.
 */
const TOOL_FILES = [/^tsx-\d+$/, /^jiti$/, /^\.org\.chromium\.Chromium\.\w+$/];

/** Starts the run's folder; the function returned removes it and names what tests left in it. */
export function ownTempDir(prefix: string): () => string[] {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  // Open to other users as /tmp is (sticky): the PostgreSQL tests run its server as the postgres user.
  chmodSync(root, 0o1777);
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = root;
  return () => {
    const left = readdirSync(root).filter((name) => !TOOL_FILES.some((pattern) => pattern.test(name)));
    rmSync(root, { recursive: true, force: true });
    return left.sort();
  };
}

export function leftMessage(left: readonly string[]): string {
  return `Tests left ${left.length} item(s) in the temporary folder; each test must remove what it makes: ${left.join(', ')}`;
}
