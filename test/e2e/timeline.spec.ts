import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, expect, test } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { composer, declareIncident, logEntries, readTimeline } from './console';

const twenty = Array.from({ length: 20 }, (_, i) => `entry ${String(i + 1).padStart(2, '0')}: probe result ${i * 7}%`);

test('declare, log 20 entries by keyboard, reload: all 20 are there in order', async ({ page }) => {
  // Twenty entries typed key by key, each written to disk: 35 to 45 s on two busy cores.
  test.setTimeout(120_000);
  await page.goto('/');
  await declareIncident(page, 'Checkout returns 502', { typed: true });
  await logEntries(page, twenty, { typed: true });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout returns 502' })).toBeVisible();
  const rows = await readTimeline(page);
  expect(rows[0]).toMatch(/^Incident declared: Checkout returns 502/);
  expect(rows.slice(1)).toEqual(twenty);
});

test('the same with the network gone: offline from declaration to reload', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  // Let the offline shell install, then cut the network for good.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await context.setOffline(true);
  await page.reload();
  await declareIncident(page, 'Core switch down');
  await logEntries(page, twenty);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Core switch down' })).toBeVisible();
  expect((await readTimeline(page)).slice(1)).toEqual(twenty);
  // The network really is gone (some Chromium builds report navigator.onLine as true after an offline reload).
  const probe = await page.evaluate(() => fetch(`/network-probe-${Date.now()}`, { cache: 'no-store' }).then(() => 'reached', () => 'unreachable'));
  expect(probe).toBe('unreachable');
});

test('backdated entries, corrections and status changes keep the timeline in order', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'DNS failures');
  await logEntries(page, ['/o resolvers timing out', '@-45m /a config push to resolvers', '/d roll back the push']);
  await page.keyboard.press('ArrowUp');
  const dialog = page.getByRole('dialog', { name: 'Correct entry' });
  await expect(dialog.getByLabel('Corrected text')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('roll back the push on all resolvers');
  await dialog.getByRole('button', { name: 'Save correction' }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press('Alt+s');
  await expect(page.getByLabel('Status')).toBeFocused();
  await page.getByLabel('Status').selectOption('identified');
  const rows = await readTimeline(page);
  expect(rows).toEqual([
    'config push to resolvers',
    expect.stringMatching(/^Incident declared: DNS failures/),
    'resolvers timing out',
    'roll back the push on all resolvers',
    'Status changed to Identified',
  ]);
  await expect(page.getByText('Originally: roll back the push')).toBeVisible();
});

test('hostile text stays text', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await page.goto('/');
  await declareIncident(page, '<img src=x onerror=alert(1)>');
  await logEntries(page, ['<script>alert(2)</script>', '=cmd|" /C calc"!A0', '<a href="javascript:alert(3)">x</a>']);
  await expect(page.locator('.row-text').filter({ hasText: '<script>alert(2)</script>' })).toBeVisible();
  expect(await page.locator('main img, main script, main a[href^="javascript"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('closing the browser mid-typing loses nothing: logged entries and the unsent draft survive on disk', async ({ baseURL }) => {
  const profile = await mkdtemp(path.join(tmpdir(), 'warroom-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL,
      viewport: { width: 1920, height: 1080 },
    });
  try {
    let context = await launch();
    let page = await context.newPage();
    await page.goto('/');
    await declareIncident(page, 'Storage array degraded');
    await logEntries(page, ['controller A failed over', 'vendor case opened']);
    await page.keyboard.type('half-typed note about contr');
    const url = page.url();
    await context.close();

    context = await launch();
    page = await context.newPage();
    await page.goto(url);
    await expect(composer(page)).toHaveValue('half-typed note about contr');
    expect((await readTimeline(page)).slice(1)).toEqual(['controller A failed over', 'vendor case opened']);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
