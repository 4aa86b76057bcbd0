/**
 * Alerts from monitoring through a real hub, the built program: an
 * integration made in Settings, Alertmanager notifications posted while the
 * console is cut off from the hub, then the console back online: the inbox,
 * an incident declared from the group, and the alerts on its timeline.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { axeViolations } from './axe';
import { readTimeline } from './console';
import { joinHub, openConsole, startHubProgram, type Hub } from './hub';

type Notification = { alerts: { startsAt: string; status: string; endsAt: string }[]; status: string };
const firing = JSON.parse(readFileSync('shared/alerts/examples/alertmanager-firing.json', 'utf8')) as Notification;

/** The documented example, started five minutes ago (the hub refuses times a year away from its clock). */
function notification(status: 'firing' | 'resolved'): Notification {
  const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    ...firing,
    status,
    alerts: firing.alerts.map((alert) => ({ ...alert, status, startsAt, endsAt: status === 'resolved' ? new Date().toISOString() : alert.endsAt })),
  };
}

let hub: Hub;
test.beforeAll(async () => {
  hub = await startHubProgram();
});
test.afterAll(async () => {
  await hub.stop();
});

test('alerts posted while a console is cut off reach its inbox once it is back; an incident declared from them shows them on its timeline', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await openConsole(browser, 'Ada');
  await joinHub(page, hub);

  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Alert integrations' });
  await section.getByLabel('Name', { exact: true }).fill('Prometheus DC1');
  await section.getByLabel('Label that names the service').fill('job');
  await section.getByRole('button', { name: 'Make the integration and its key' }).click();
  const dialog = page.getByRole('dialog', { name: 'The key of “Prometheus DC1”' });
  const key = (await dialog.getByTestId('integration-key').textContent())!;
  await expect(dialog.getByTestId('integration-address')).toHaveText(`http://127.0.0.1:${hub.port}/alerts/${key}`);
  await dialog.getByRole('button', { name: 'I have copied it' }).click();
  // The hub learns of the integration when the console pushes it.
  await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible();

  const post = (body: unknown, to = key) =>
    fetch(`http://127.0.0.1:${hub.port}/alerts/${to}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await expect.poll(async () => (await post(notification('firing'))).status).toBe(202);

  await context.setOffline(true);
  await expect(page.getByRole('link', { name: /^Sync: Offline since/ })).toBeVisible();
  for (let i = 0; i < 3; i++) expect((await post(notification('firing'))).status).toBe(202);
  expect((await post(notification('firing'), 'a'.repeat(32))).status).toBe(401);

  await context.setOffline(false);
  const inbox = page.getByRole('link', { name: 'Alerts: 1 firing, waiting for someone' });
  await expect(inbox).toBeVisible({ timeout: 20_000 });
  await inbox.click();
  const group = page.getByRole('article').filter({ hasText: 'BlackBox Probe Failure: https://server.example.org' });
  await expect(group.getByText('1 of 1')).toBeVisible();
  await group.getByText('Alerts in this group: 1').click();
  await expect(group.getByText(/received 4 times/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await group.focus();
  await page.keyboard.press('d');
  const declare = page.getByRole('dialog', { name: 'Declare an incident from alerts' });
  await expect(declare.getByLabel('Title')).toHaveValue('http_checks: BlackBox Probe Failure: https://server.example.org');
  await declare.getByRole('button', { name: 'Declare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'http_checks: BlackBox Probe Failure: https://server.example.org' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Alerts', exact: true })).toBeVisible();

  // The resolution comes to the incident's own timeline.
  await expect.poll(async () => (await post(notification('resolved'))).status).toBe(202);
  await expect.poll(async () => (await readTimeline(page)).join('\n'), { timeout: 20_000 }).toMatch(/Alert resolved: BlackBox Probe Failure/);
  const timeline = await readTimeline(page);
  expect(timeline.some((row) => row.startsWith('Alert group attached: BlackBox Probe Failure'))).toBe(true);
  await context.close();
});
