/**
 * Paging through the built hub: a person paged on the console is sent a
 * push (to a push-server double on this machine), the page's link opened on
 * "a phone" (another browser context) acknowledges it, and the console shows
 * the acknowledgement with its time. Paged while the hub is out of reach, the
 * page waits and says so, and is sent once the console is back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test, type Page } from '@playwright/test';

import { axeViolations } from './axe';
import { declareIncident } from './console';
import { joinHub, openConsole, startHubProgram, type Hub } from './hub';

type Push = { topic: string; title: string; message: string; click?: string };

let hub: Hub;
let pushServer: Server;
const pushes: Push[] = [];

test.beforeAll(async () => {
  pushServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      pushes.push(JSON.parse(body) as Push);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', resolve));
  const ntfy = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
  hub = await startHubProgram({ args: (port) => ['--ntfy-url', ntfy, '--page-link-url', `http://127.0.0.1:${port}`] });
});
test.afterAll(async () => {
  await hub.stop();
  await new Promise((resolve) => pushServer.close(resolve));
});

async function page(console: Page, name: string) {
  await console.getByRole('button', { name: 'Page someone…' }).click();
  const dialog = console.getByRole('dialog', { name: 'Page someone' });
  await dialog.getByLabel('Person').fill(name);
  await dialog.getByRole('button', { name: 'Record page' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const pagesTo = (console: Page, name: string) => console.getByRole('list', { name: `Pages to ${name}` });

test('a page reaches the person, whose one tap on its link shows as acknowledged on the console; paged with no hub, it waits and then goes', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page: console } = await openConsole(browser, 'Ada');
  await joinHub(console, hub);

  await console.goto('/#/settings');
  const people = console.getByRole('region', { name: 'People and how to reach them' });
  for (const [n, name, topic] of [
    [1, 'Bo Lind', 'bo-pager'],
    [2, 'Cy Moe', 'cy-pager'],
  ] as const) {
    await people.getByRole('button', { name: 'Add a person' }).click();
    await people.getByLabel(`Name of person ${n}`).fill(name);
    await people.getByLabel(`Push topic of person ${n}`).fill(topic);
  }
  await people.getByRole('button', { name: 'Save the people' }).click();
  await expect(console.getByText('People and how to reach them saved', { exact: false })).toBeVisible();

  await console.getByRole('link', { name: /^Warroom$/ }).click();
  await declareIncident(console, 'Checkout <b>fails</b> for EU cards');
  const incident = /#\/incidents\/([^/]+)/.exec(console.url())![1]!;
  await console.goto(`/#/incidents/${incident}/people`);

  await page(console, 'Bo Lind');
  await expect(pagesTo(console, 'Bo Lind')).toContainText(/Push: sent \d{2}:\d{2}/, { timeout: 20_000 });
  await expect.poll(() => pushes.filter((p) => p.topic === 'bo-pager').length).toBe(1);
  const push = pushes.find((p) => p.topic === 'bo-pager')!;
  expect(push.title).toBe('Paged: Checkout <b>fails</b> for EU cards');
  expect(push.click).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.port}/ack/`));

  // On the phone: the link shows what the page is about, and one tap acknowledges it.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const tap = await phone.newPage();
  await tap.goto(push.click!);
  await expect(tap.getByText('Bo Lind, you were paged for the incident “Checkout <b>fails</b> for EU cards”.')).toBeVisible();
  expect(await axeViolations(tap)).toEqual([]);
  await tap.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(tap.getByText(/^Acknowledged: Bo Lind, at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)).toBeVisible();
  // Opened again: still acknowledged once, and says so.
  await tap.goto(push.click!);
  await expect(tap.getByText(/^Acknowledged: Bo Lind/)).toBeVisible();
  await phone.close();

  const bo = console.getByRole('rowheader', { name: /^Bo Lind/ }).locator('xpath=..');
  await expect(bo.locator('.step-badge')).toHaveText('Acknowledged', { timeout: 20_000 });
  await expect(bo.getByRole('cell').nth(2)).toContainText(/\d{2}:\d{2}/);

  // The hub out of reach: the page waits, and says why.
  await context.setOffline(true);
  await expect(console.getByRole('link', { name: /^Sync: Offline since/ })).toBeVisible({ timeout: 15_000 });
  await page(console, 'Cy Moe');
  await expect(pagesTo(console, 'Cy Moe')).toHaveText('Queued: no hub reachable');
  await context.setOffline(false);
  await expect(pagesTo(console, 'Cy Moe')).toContainText(/Push: sent \d{2}:\d{2}/, { timeout: 30_000 });
  expect(pushes.filter((p) => p.topic === 'cy-pager')).toHaveLength(1);
  expect(await axeViolations(console)).toEqual([]);
  // On the laptop that drives the room, the people table with its pages fits beside the roles.
  await console.setViewportSize({ width: 1366, height: 768 });
  const [wide, room] = await console.locator('.engagement-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(wide).toBeLessThanOrEqual(room!);

  await console.goto(`/#/incidents/${incident}`);
  await expect(console.locator('.timeline-row .row-text').filter({ hasText: 'Bo Lind acknowledged' })).toBeVisible();
  await expect(console.locator('.timeline-row .row-text').filter({ hasText: 'Page to Bo Lind sent by Push' })).toBeVisible();
  await context.close();
});
