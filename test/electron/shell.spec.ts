/**
 * The real desktop shell, driven through Playwright's Electron support. These
 * need Electron's binary: where it is not installed they are skipped, saying why.
 * Run them with `npm run test:electron` after `npm run build`.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

import { electronExecutable, isInstalled, projectRoot } from '../../scripts/electronBinary.mjs';

const executable = electronExecutable();
const missing =
  `Electron's binary is not installed (looked for ${executable ?? 'node_modules/electron/path.txt'}), so the desktop shell tests are skipped. ` +
  'Run `npm start` once where Electron can be downloaded, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.';

test.skip(!isInstalled(executable), missing);

async function launch(): Promise<{ app: ElectronApplication; window: Page }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'warroom-electron-'));
  const app = await electron.launch({ executablePath: executable!, args: ['.', `--user-data-dir=${profile}`], cwd: projectRoot });
  const window = await app.firstWindow();
  await window.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  return { app, window };
}

async function declare(window: Page, title: string) {
  await window.keyboard.press('n');
  const dialog = window.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Declared by').fill('Ada Lovelace');
  await dialog.getByRole('button', { name: 'Declare' }).click();
  await expect(window.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('starts sandboxed on app://, with no Node in the page', async () => {
  const { app, window } = await launch();
  expect(window.url()).toMatch(/^app:\/\/warroom\/index\.html/);
  // Context isolation and no Node integration: the page sees neither require nor process, only the bridge.
  expect(await window.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual([
    'undefined',
    'undefined',
  ]);
  expect(await window.evaluate(() => Object.keys((globalThis as Record<string, unknown>).warroom as object).sort())).toEqual(
    ['appInfo', 'closeWalls', 'listDisplays', 'notify', 'onCommand', 'openIncidentFile', 'openWall', 'saveIncidentFile', 'shell'],
  );
  await app.close();
});

test('refuses to navigate away or open windows', async () => {
  const { app, window: page } = await launch();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/warroom\//);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

test('exports an incident through the native save dialog and imports it on another profile', async () => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'warroom-export-')), 'db-outage.warroom');
  const first = await launch();
  await first.app.evaluate(({ dialog }, target) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
  }, file);
  await declare(first.window, 'Primary database unreachable');
  await first.window.getByRole('button', { name: 'Export…' }).click();
  await expect(first.window.getByRole('status', { name: 'Notices' })).toContainText('Exported 1 events');
  expect((await stat(file)).size).toBeGreaterThan(0);
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'warroom.incident', title: 'Primary database unreachable' });
  await first.app.close();

  const second = await launch();
  await second.app.evaluate(({ dialog }, source) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [source] })) as typeof dialog.showOpenDialog;
  }, file);
  await second.window.getByRole('button', { name: 'Import…' }).click();
  await expect(second.window.getByRole('heading', { level: 1, name: 'Primary database unreachable' })).toBeVisible();
  await second.app.close();
});
