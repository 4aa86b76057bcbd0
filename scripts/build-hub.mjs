// Bundles the headless sync hub into dist/hub/ (like the main process): an operator runs it with
// `node dist/hub/cli.js` beside package.json and `npm ci --omit=dev`. The packages in
// package.json's `dependencies` stay outside the bundle: they are installed (better-sqlite3 is
// native and built for the machine), audited and updated by npm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { dependencies = {} } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  absWorkingDir: root,
  // The hub and the worker thread it examines pushed events on (electron/hub/examiner.ts).
  entryPoints: ['electron/hub/cli.ts', 'electron/hub/examineWorker.ts'],
  outdir: 'dist/hub',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Each dependency and its subpaths (`@noble/hashes/sha2.js`).
  external: Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]),
  // CommonJS code bundled into an ES module may still call require() for Node's own modules.
  banner: { js: "import { createRequire as __hubRequire } from 'node:module';\nconst require = __hubRequire(import.meta.url);" },
  sourcemap: true,
  tsconfig: 'electron/tsconfig.json',
  logLevel: 'info',
});
