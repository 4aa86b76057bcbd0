import { expect, test } from '@playwright/test';

import { composer, declareIncident, logEntries, readTimeline } from './console';

test('an incident exported to a file is imported whole on another console', async ({ page, browser }, testInfo) => {
  await page.goto('/');
  await declareIncident(page, 'Login fails for SSO users');
  await logEntries(page, ['IdP returns 500 on /saml/acs', '/d fail over to the secondary IdP']);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^login-fails-for-sso-users-\d{4}-\d{2}-\d{2}-\d{4}\.warroom$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Exported 3 events of “Login fails for SSO users”');
  const original = await readTimeline(page);

  // A second console: its own browser profile, so its own database.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/');
  await second.getByRole('heading', { name: 'No incidents yet' }).waitFor();
  const chooser = second.waitForEvent('filechooser');
  await second.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(file);
  await expect(second.getByRole('heading', { level: 1, name: 'Login fails for SSO users' })).toBeVisible();
  await expect(second.getByRole('status', { name: 'Notices' })).toContainText('3 new events, 0 already here.');
  expect(await readTimeline(second)).toEqual(original);
  await other.close();
});

test('a file that is not an incident file is refused with the reason, and nothing is added', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'No incidents yet' }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles({ name: 'notes.warroom', mimeType: 'text/plain', buffer: Buffer.from('<img src=x onerror=alert(1)>') });
  await expect(page.getByRole('alert', { name: 'Alerts' })).toContainText('notes.warroom was not imported.');
  await expect(page.getByRole('alert', { name: 'Alerts' })).toContainText('damaged or of another kind');
  await expect(page.getByRole('heading', { name: 'No incidents yet' })).toBeVisible();
  testInfo.annotations.push({ type: 'note', description: 'the refused file left the list empty' });
});

test('the wall window shows the incident read-only and follows what the console logs', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Checkout latency above SLO');
  await logEntries(page, ['p99 at 4.2 s in eu-west']);
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Show on a wall screen' });
  await expect(dialog).toContainText('drag it to the wall screen');
  const popup = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Open wall window' }).click();
  const wall = await popup;
  await expect(wall.getByRole('heading', { level: 1, name: 'Checkout latency above SLO' })).toBeVisible();
  await expect(wall.getByText('Wall · read-only')).toBeVisible();
  await expect(wall.getByRole('textbox')).toHaveCount(0);
  await expect(wall.getByRole('button')).toHaveCount(0);

  await page.bringToFront();
  await expect(composer(page)).toBeFocused();
  await logEntries(page, ['/a scaled checkout pods to 40']);
  await expect(wall.getByText('scaled checkout pods to 40')).toBeVisible();
});
