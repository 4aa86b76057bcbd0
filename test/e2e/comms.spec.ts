/**
 * The communications pad end to end, in Chromium. The desktop shell's bridge
 * is stood in for by the page's own `window.warroom`, whose webhook posts go
 * through Playwright to the main process's real `postWebhook`, on Node, to a
 * real HTTP receiver on localhost: the same path the preload's IPC takes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test, type Page } from '@playwright/test';

import { parseAllowList } from '../../electron/outbound/destinations';
import { postWebhook } from '../../electron/outbound/webhook';
import type { WebhookRequest } from '../../shared/platform/bridge';
import { declareIncident } from './console';

type Received = { key: string; body: unknown };

async function startReceiver(answer: () => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const status = answer();
      if (status < 300) received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(body) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`;
  return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The desktop bridge, as the preload exposes it; what it hands the operating system is kept for the test to read. */
async function installDesktopBridge(page: Page) {
  // The receiver is on loopback: allowed as the operator of a desktop app would allow it (WARROOM_WEBHOOK_ALLOW).
  const allow = parseAllowList(['127.0.0.1']);
  await page.exposeFunction('__postWebhook', (request: WebhookRequest) => postWebhook(request, { timeoutMs: 3_000, allow }));
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __postWebhook: (r: unknown) => Promise<unknown> };
    const handed: { copied: string[]; opened: string[]; pages: string[] } = { copied: [], opened: [], pages: [] };
    w.__handed = handed;
    w.warroom = {
      shell: 'electron',
      appInfo: async () => ({ name: 'Warroom', version: '0.0.0-e2e', shell: 'electron', platform: 'linux' }),
      saveIncidentFile: async () => ({ status: 'cancelled' }),
      openIncidentFile: async () => ({ status: 'cancelled' }),
      notify: async () => false,
      listDisplays: async () => [],
      setLanguage: async () => undefined,
      openWall: async () => ({ status: 'blocked' }),
      closeWalls: async () => undefined,
      onCommand: () => () => undefined,
      deliverWebhook: (request: unknown) => w.__postWebhook(request),
      openExternal: async (url: string) => (handed.opened.push(url), true),
      copyText: async (text: string) => (handed.copied.push(text), true),
      saveStatusPage: async (request: { contents: string }) => (handed.pages.push(request.contents), { status: 'saved', location: '/tmp/status.html' }),
    };
  });
}

async function handed(page: Page) {
  return page.evaluate(() => (window as unknown as { __handed: { copied: string[]; opened: string[]; pages: string[] } }).__handed);
}

async function addWebhook(page: Page, name: string, url: string, audience: string) {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Edit channels' }).click();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByLabel('Webhook 1 name').fill(name);
  await page.getByLabel('Webhook 1 address').fill(url);
  await page.getByRole('group', { name: 'Webhook 1 is offered for' }).getByLabel(audience).check();
  await page.getByRole('button', { name: 'Save channels' }).click();
  await expect(page.getByText(`for ${audience}`)).toBeVisible();
}

/** Picks an audience, lets the draft fill, says the ETA once, and sends on the chosen channel with Ctrl+Enter. */
async function send(page: Page, audience: string, channel: string | RegExp) {
  await page.getByRole('navigation', { name: 'Audiences' }).getByRole('button', { name: new RegExp(`^${audience}`) }).click();
  const draft = page.getByRole('region', { name: `Message to ${audience}` });
  await draft.getByRole('radio', { name: channel }).check();
  await draft.getByLabel('Message', { exact: true }).focus();
  await page.keyboard.press('Control+Enter');
}

async function assignCommander(page: Page) {
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: 'Assign Incident commander' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign Incident commander' });
  await dialog.getByLabel('Person').fill('Ada Lovelace');
  await dialog.getByLabel('Person').press('Enter');
  await expect(dialog).toBeHidden();
}

function record(page: Page) {
  return page.getByRole('region', { name: 'Sent and queued' });
}

test('an initial message and two updates to three audiences; one queued offline is delivered once when back', async ({ page, context }) => {
  const receiver = await startReceiver();
  try {
    await installDesktopBridge(page);
    await page.goto('/');
    await declareIncident(page, 'Checkout failing in eu-west');
    const incidentUrl = page.url();
    await assignCommander(page);
    await addWebhook(page, 'exec-updates', receiver.url, 'Executives');

    await page.goto(`${incidentUrl}/comms`);
    await page.getByLabel('ETA').fill('14:30 UTC');
    await page.getByLabel('ETA').press('Enter');
    await page.getByRole('button', { name: 'Bridges…' }).click();
    const bridges = page.getByRole('dialog', { name: 'Bridges for this incident' });
    await bridges.getByLabel('Technical bridge').fill('https://meet.example.com/tech-bridge');
    await bridges.getByRole('button', { name: 'Save bridges' }).click();
    await expect(bridges).toBeHidden();
    const draft = page.getByRole('region', { name: 'Message to Technical bridge' });
    const text = draft.getByLabel('Message', { exact: true });
    // The initial notice asks for nothing the room does not know yet.
    for (const [audience, channel] of [
      ['Technical bridge', 'Copy to clipboard'],
      ['Executives', /Slack webhook “exec-updates”/],
      ['Key customers', 'E-mail draft'],
    ] as const) {
      await send(page, audience, channel);
      await expect(record(page).getByRole('heading', { name: new RegExp(`^Initial to ${audience}`) })).toBeVisible();
    }
    // Updates: the technical one says what is being done; with no hypothesis under test, the draft waits for it.
    await send(page, 'Technical bridge', 'Copy to clipboard');
    await expect(page.getByText(/Fill in what is being done .* before sending/)).toBeVisible();
    expect((await handed(page)).copied).toHaveLength(1);
    for (let round = 1; round <= 2; round++) {
      await page.getByRole('navigation', { name: 'Audiences' }).getByRole('button', { name: /^Technical bridge/ }).click();
      await text.fill((await text.inputValue()).replace('{{currentWork}}', `rolling back resolver config, step ${round}`));
      await send(page, 'Technical bridge', 'Copy to clipboard');
      await send(page, 'Executives', /Slack webhook/);
      await send(page, 'Key customers', 'E-mail draft');
      await expect(record(page).getByRole('heading', { name: /^Update to Key customers/ })).toHaveCount(round);
    }
    await expect(record(page).getByText(/^Delivered/)).toHaveCount(3);
    expect(receiver.received).toHaveLength(3);
    const sent = await handed(page);
    expect(sent.copied).toHaveLength(3);
    expect(sent.copied[2]).toContain('rolling back resolver config, step 2');
    expect(sent.opened.filter((u) => u.startsWith('mailto:'))).toHaveLength(3);

    // The network goes: a message for the webhook waits, said to be queued, never sent.
    await context.setOffline(true);
    await send(page, 'Executives', /Slack webhook/);
    const waiting = record(page).getByText('Queued: offline, goes when the network returns');
    await expect(waiting).toBeVisible();
    await page.waitForTimeout(500);
    expect(receiver.received).toHaveLength(3);

    await context.setOffline(false);
    await expect(waiting).toBeHidden();
    await expect(record(page).getByText(/^Delivered/)).toHaveCount(4);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(4);
    // The timeline keeps the record: who was told what, through which channel.
    await page.keyboard.press('Alt+1');
    await expect(page.getByText(/Update to Executives queued for “exec-updates”/).first()).toBeVisible();
    await expect(page.getByText(/Update to Executives delivered/).first()).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test('a webhook that fails with 503 is retried and delivered once; a reload mid-send never sends twice', async ({ page }) => {
  let answers = [503, 503];
  const receiver = await startReceiver(() => answers.shift() ?? 200);
  try {
    await installDesktopBridge(page);
    await page.goto('/');
    await declareIncident(page, 'Payments slow');
    const incidentUrl = page.url();
    await assignCommander(page);
    await addWebhook(page, 'status-relay', receiver.url, 'Executives');
    await page.goto(`${incidentUrl}/comms`);
    await page.getByRole('button', { name: 'Say “not yet known”' }).click();
    await send(page, 'Executives', /Slack webhook/);
    await expect(record(page).getByText(/failed \(.*503/)).toBeVisible();
    await expect(record(page).getByText(/^Delivered/)).toBeVisible({ timeout: 20_000 });
    expect(receiver.received).toHaveLength(1);

    // A receiver that hangs: the console is reloaded while the request is on the wire.
    answers = [];
    let release: () => void = () => undefined;
    const hanging = await startHangingReceiver((done) => (release = done));
    try {
      await addWebhook2(page, hanging.url);
      await page.goto(`${incidentUrl}/comms`);
      await send(page, 'Executives', /“hanging”/);
      await expect.poll(() => hanging.requests()).toBe(1);
      await page.reload();
      await expect(record(page).getByText(/Delivery uncertain/)).toBeVisible();
      release();
      await page.waitForTimeout(1_000);
      expect(hanging.requests()).toBe(1);
      await record(page).getByRole('button', { name: 'Mark delivered' }).click();
      await expect(record(page).getByText(/^Marked delivered by/)).toBeVisible();
      expect(hanging.requests()).toBe(1);
    } finally {
      release();
      await hanging.close();
    }
  } finally {
    await receiver.close();
  }
});

async function startHangingReceiver(onRequest: (release: () => void) => void) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    req.resume();
    onRequest(() => {
      if (!res.headersSent) res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    requests: () => count,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Adds a second webhook, "hanging", for Executives. */
async function addWebhook2(page: Page, url: string) {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Edit channels' }).click();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByLabel('Webhook 2 name').fill('hanging');
  await page.getByLabel('Webhook 2 address').fill(url);
  await page.getByRole('group', { name: 'Webhook 2 is offered for' }).getByLabel('Executives').check();
  await page.getByRole('button', { name: 'Save channels' }).click();
  await expect(page.getByText('hanging')).toBeVisible();
}
