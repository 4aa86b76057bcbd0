/**
 * One bad event never stops a console: a hub that still holds an event nested
 * far deeper than a console takes (kept before hubs checked) sends
 * it to a real console in Chromium, which sets it aside, shows it on the sync
 * page, and goes on syncing what comes after it.
 */
import { createServer } from 'node:http';

import { expect, test } from '@playwright/test';
import { WebSocketServer } from 'ws';

import { CURRENT_VERSION, parseEvent, type Envelope } from '../../shared/domain/events';
import { encodeHlc } from '../../shared/domain/hlc';
import { HubSession } from '../../shared/sync/hubSession';
import { MemoryHubStore } from '../../shared/sync/memoryHubStore';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';

const SPACE = { id: 'space-1', name: 'Room 1', secret: '0f'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'epoch-1' };
/** The console that wrote the hub's log: a real key, every event signed (in order of its sequence numbers). */
const author = new TestAuthor(7);
const AUTHOR = author.deviceId;
const INCIDENT = `${AUTHOR}:1`;

function event(seq: number, type: string, payload: unknown, v = CURRENT_VERSION[type as keyof typeof CURRENT_VERSION] ?? 9): Envelope {
  const raw = {
    id: `${AUTHOR}:${seq}`,
    incidentId: INCIDENT,
    type,
    v,
    hlc: encodeHlc({ ms: Date.now() - 60_000, counter: seq }),
    deviceId: AUTHOR,
    deviceSeq: seq,
    actor: 'Ada',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    payload,
  };
  if (parseEvent(raw).status === 'invalid') throw new Error(`The test wrote an invalid ${type}`);
  return author.sign(raw) as Envelope;
}

const entry = (seq: number, text: string) => event(seq, 'timeline.entryLogged', { kind: 'note', text });

/** A hub as it ran before it checked what every console can store: its log is written straight into its store. */
type ScriptedHub = { port: number; sessions: Set<HubSession>; stop: () => Promise<void> };

async function startHub(store: MemoryHubStore): Promise<ScriptedHub> {
  const server = createServer();
  const sockets = new WebSocketServer({ server });
  const sessions = new Set<HubSession>();
  sockets.on('connection', (socket) => {
    let queue = Promise.resolve();
    const session: HubSession = new HubSession({
      store,
      hubId: 'hub-e2e',
      now: Date.now,
      send: (message) => socket.send(JSON.stringify(message)),
      close: () => socket.close(),
      advanced: (_space, head) => sessions.forEach((other) => other.poke(head)),
    });
    sessions.add(session);
    socket.on('message', (data) => (queue = queue.then(() => session.receive(String(data)))));
    socket.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = async () => {
    // Open connections would keep the server from closing.
    sockets.clients.forEach((client) => client.terminate());
    await new Promise((resolve) => sockets.close(resolve));
    await new Promise((resolve) => server.close(resolve));
  };
  return { port: (server.address() as { port: number }).port, sessions, stop };
}

test('a console sets aside an event it cannot store, shows it, and syncs the next one', async ({ page }) => {
  test.setTimeout(120_000);
  let deep: unknown = 'bottom';
  // Deep enough to be refused by any console, shallow enough for its author to hash it when signing.
  for (let i = 0; i < 1000; i++) deep = { a: deep };
  const store = new MemoryHubStore();
  await store.createSpace(SPACE);
  await store.append(SPACE.id, [
    event(1, 'incident.declared', {
      title: 'Checkout fails for EU cards',
      kind: 'service',
      services: [],
      impact: 'organisation',
      urgency: 'missionCritical',
      priority: 'P1',
      tier: 'normal',
      declaredBy: 'Ada',
      drill: false,
    }),
    entry(2, 'Before the poison'),
    event(3, 'incident.fromTheFuture', deep, 9),
    entry(4, 'After the poison'),
  ]);
  const hub = await startHub(store);
  try {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.getByRole('link', { name: /^Sync:/ }).click();
    await page.getByLabel('Hub address').fill(`127.0.0.1:${hub.port}`);
    await page.getByLabel('Join code').fill(SPACE.joinCode);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 15_000 });

    const table = page.getByRole('table', { name: 'Set aside' });
    await expect(table.getByRole('row').nth(1)).toContainText(`${AUTHOR}:3`);
    await expect(table.getByRole('row').nth(1)).toContainText('nested more than 32 levels deep');

    // The hub's next event still arrives.
    await store.append(SPACE.id, [entry(5, 'Still syncing')]);
    hub.sessions.forEach((session) => session.poke(5));
    await page.goto(`/#/incidents/${encodeURIComponent(INCIDENT)}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByText('Still syncing')).toBeVisible({ timeout: 15_000 });
    await expect(timeline.getByText('Before the poison')).toBeVisible();
    await expect(timeline.getByText('After the poison')).toBeVisible();
    await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible();
  } finally {
    await hub.stop();
  }
});
