import { defineConfig } from '@playwright/test';

import { electronExecutable, isInstalled } from './scripts/electronBinary.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium';

// Said once, by the runner (workers load this file too): the skipped Electron tests' reason.
if (!process.env.TEST_WORKER_INDEX && !isInstalled(electronExecutable())) {
  console.log("Electron's binary is not installed: the desktop shell tests (test/electron) are skipped. See README, \"Testing the desktop shell\".");
}

const PORT = Number(process.env.WARROOM_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './test/e2e',
  // One test at a time: each drives a multi-process Chromium (and some a hub) that keeps both cores of the
  // machines this runs on busy. Two at once took 6 min where one at a time took 5, every test 2 to 3 times slower.
  fullyParallel: true,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  // The run gets a temporary folder of its own and fails if a test leaves anything in it.
  globalSetup: './test/e2e/globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // The desktop shell itself; skipped, with the reason, where Electron's binary is not installed.
    { name: 'electron', testDir: './test/electron' },
    // Pictures of every view for people to look at (`npm run screenshots`); not part of the test run.
    { name: 'screenshots', testDir: './test/screenshots', use: { browserName: 'chromium' } },
  ],
  webServer: {
    // The built console, exactly as `npm run web` serves it (run `npm run build` first).
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
