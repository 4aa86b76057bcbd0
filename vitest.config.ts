import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

/** Console tests that replace a module (vi.mock): they need a module registry of their own. */
const MOCKING_MODULES = ['renderer/src/i18n/i18n.test.ts'];

/**
 * The console's tests run in jsdom. Most share their worker's jsdom and loaded modules from file to
 * file (isolate: false): starting both afresh for every file was two thirds of their time. Each test
 * still starts clean: setup.ts empties the DOM, the stores, storage and the address after every one,
 * and every test opens a database of its own.
 */
function consoleTests(name: string, include: string[], options: { isolate: boolean; exclude?: string[] }): TestProjectInlineConfiguration {
  return {
    plugins: [react()],
    resolve: { alias },
    test: {
      name,
      environment: 'jsdom',
      include,
      exclude: options.exclude ?? [],
      isolate: options.isolate,
      // Two shared cores run the hub's, the simulation's and these tests at once: a render and its repaint
      // can take several seconds there. A longer wait changes no outcome, only how long a failure takes.
      testTimeout: 20_000,
      setupFiles: ['renderer/src/testing/setup.ts'],
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    // Explicit: vitest's default is one worker fewer than the cores, which is one on these 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    // The run gets a temporary folder of its own and fails if a test leaves anything in it.
    globalSetup: ['test/unitTempDir.ts'],
    projects: [
      {
        resolve: { alias },
        test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'electron', environment: 'node', include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.js'] },
      },
      consoleTests('renderer', ['renderer/**/*.test.{ts,tsx}'], { isolate: false, exclude: MOCKING_MODULES }),
      consoleTests('renderer-isolated', MOCKING_MODULES, { isolate: true }),
    ],
  },
});
