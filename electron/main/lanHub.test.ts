import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { LanHubState, WebhookOutcome, WebhookRequest } from '@shared/platform/bridge';
import { PROTOCOL, type HubMessage } from '@shared/sync/protocol';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { TestClient } from '../hub/testClient';
import { declared, entry, queuedMessage, webhookChannels } from '../hub/testEvents';
import { createLanHub, lanAddresses, roomName, type LanHub, type LanHubDeps } from './lanHub';

// Fresh authors per test: each test's events differ (they carry the time), and one author's chain holds one content per number.
let A: TestAuthor;
let B: TestAuthor;
beforeEach(() => {
  [A, B] = [new TestAuthor(1), new TestAuthor(2)];
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-lan-hub-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const iface = (address: string, options: Partial<NetworkInterfaceInfo> = {}): NetworkInterfaceInfo =>
  ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/24`, ...options }) as NetworkInterfaceInfo;

const roomInterfaces = {
  lo: [iface('127.0.0.1', { internal: true }), iface('::1', { family: 'IPv6', internal: true, scopeid: 0 } as Partial<NetworkInterfaceInfo>)],
  eth0: [iface('192.168.1.20'), iface('fe80::1', { family: 'IPv6', scopeid: 2 } as Partial<NetworkInterfaceInfo>)],
};

/** A LAN hub on a temp file, on an OS-chosen port unless told otherwise, stopped after the test. */
function lanHub(patch: Partial<LanHubDeps> & { file?: string } = {}): { hub: LanHub; file: string; opened: string[] } {
  const file = patch.file ?? join(tempDir(), 'lan-hub.sqlite');
  const opened: string[] = [];
  const hub = createLanHub({
    openDatabase: (path) => {
      opened.push(path);
      return new Database(path);
    },
    dataFile: () => file,
    networkInterfaces: () => roomInterfaces,
    random: (bytes) => randomFillSync(bytes),
    port: 0,
    spaceName: () => 'ops-laptop.corp.example',
    ...patch,
  });
  cleanups.push(() => hub.stop());
  return { hub, file, opened };
}

function running(state: LanHubState): Extract<LanHubState, { status: 'running' }> {
  if (state.status !== 'running') throw new Error(`the hub is not running: ${JSON.stringify(state)}`);
  return state;
}

/** A console's socket, reduced to what these tests look at. */
class Client {
  readonly received: HubMessage[] = [];
  private wake: (() => void) | null = null;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as HubMessage);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    const client = new Client(ws);
    cleanups.push(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  join(code: string, deviceId = A.deviceId): void {
    this.send({ t: 'hello', protocol: PROTOCOL, deviceId, auth: { kind: 'join', code }, app: 'warroom-test' });
  }

  async next<T extends HubMessage['t']>(t: T): Promise<Extract<HubMessage, { t: T }>> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const at = this.received.findIndex((m) => m.t === t || m.t === 'error');
      if (at >= 0) {
        const message = this.received.splice(at, 1)[0]!;
        if (message.t !== t) throw new Error(`expected ${t}, got ${JSON.stringify(message)}`);
        return message as Extract<HubMessage, { t: T }>;
      }
      if (Date.now() > deadline) throw new Error(`no ${t} within 5 s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }
}

/** Whether anything answers at the address: a stopped hub must leave nothing listening. */
function connectError(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      reject(new Error(`${url} answered`));
    });
    ws.once('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
  });
}

async function occupyPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

describe('the LAN hub', () => {
  it('starts, and a console joins it on its local address with the join code', async () => {
    const { hub, opened, file } = lanHub();
    expect(hub.state()).toEqual({ status: 'stopped' });
    expect(opened).toEqual([]);

    const state = running(await hub.start());
    expect(opened).toEqual([file]);
    expect(state.spaceName).toBe('ops-laptop');
    expect(state.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(state.localAddress).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sync$/);
    const port = new URL(state.localAddress).port;
    expect(state.addresses).toEqual([`ws://192.168.1.20:${port}/sync`]);
    expect(hub.state()).toEqual(state);

    const client = await Client.open(state.localAddress);
    client.join(state.joinCode);
    const welcome = await client.next('welcome');
    expect(welcome).toMatchObject({ spaceName: 'ops-laptop', head: 0, token: expect.any(String) });
    client.send({ t: 'push', id: 'p1', events: [entry(A, 1), entry(A, 2)] });
    expect((await client.next('acks')).acks.map((ack) => ack.status)).toEqual(['accepted', 'accepted']);
  });

  it('lets its host list the devices that joined, remove one (closing its connection at once), and change the join code', async () => {
    const { hub } = lanHub();
    const state = running(await hub.start());
    const a = await TestClient.open(state.localAddress);
    cleanups.push(() => a.ws.terminate());
    a.hello({ kind: 'join', code: state.joinCode }, A.deviceId);
    const { token, space } = await a.next('welcome');

    expect(await hub.devices()).toEqual([
      { deviceId: A.deviceId, name: A.deviceId, joinedAt: expect.any(Number), lastSeenAt: expect.any(Number), removedAt: null, storedBytes: 0 },
    ]);
    expect(JSON.stringify(await hub.devices())).not.toMatch(/[0-9a-f]{64}/);

    expect(await hub.removeDevice(A.deviceId)).toBe(true);
    expect(await a.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/removed/) });
    expect(await hub.removeDevice(A.deviceId)).toBe(false);
    expect(await hub.devices()).toEqual([expect.objectContaining({ deviceId: A.deviceId, removedAt: expect.any(Number) })]);
    const again = await TestClient.open(state.localAddress);
    cleanups.push(() => again.ws.terminate());
    again.hello({ kind: 'token', space, token }, A.deviceId);
    expect(await again.next('error')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/removed/) });

    const rotated = running(await hub.rotateJoinCode());
    expect(rotated.joinCode).not.toBe(state.joinCode);
    expect(running(hub.state()).joinCode).toBe(rotated.joinCode);
    const old = await TestClient.open(state.localAddress);
    cleanups.push(() => old.ws.terminate());
    old.hello({ kind: 'join', code: state.joinCode }, B.deviceId);
    expect(await old.next('error')).toMatchObject({ code: 'unauthorized' });
  });

  it('has no devices to manage while stopped', async () => {
    const { hub } = lanHub();
    expect(await hub.devices()).toEqual([]);
    expect(await hub.removeDevice(A.deviceId)).toBe(false);
    expect(await hub.rotateJoinCode()).toEqual({ status: 'stopped' });
  });

  it('delivers the room’s queued webhook messages, once', async () => {
    const posts: WebhookRequest[] = [];
    const postWebhook = async (request: WebhookRequest): Promise<WebhookOutcome> => (posts.push(request), { status: 'responded', code: 200, detail: 'OK' });
    const { hub } = lanHub({ postWebhook });
    const state = running(await hub.start());
    const client = await Client.open(state.localAddress);
    client.join(state.joinCode);
    await client.next('welcome');
    const url = 'https://hooks.example.com/ops';
    client.send({ t: 'push', id: 'p1', events: [webhookChannels(A, 1, url), declared(A, 2, 'Payments down'), queuedMessage(A, 3, `${A.deviceId}:2`)] });
    await client.next('acks');
    await expect.poll(() => posts.length).toBe(1);
    expect(posts[0]).toMatchObject({ url, headers: { 'idempotency-key': `${A.deviceId}:3` } });
    // The hub's record of the delivery is the room's next event, sent on to the console that holds the log up to it.
    await expect.poll(() => client.received.some((m) => m.t === 'feed' && m.head === 4)).toBe(true);
  });

  it('posts nothing into the operator’s own network: a receiver on loopback is refused and reported as not delivered', async () => {
    let requests = 0;
    const receiver = createHttpServer((_req, res) => (requests++, res.writeHead(200).end('ok')));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => (receiver.closeAllConnections(), receiver.close(resolve))));
    const { hub } = lanHub();
    const state = running(await hub.start());
    const client = await Client.open(state.localAddress);
    client.join(state.joinCode);
    await client.next('welcome');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/secret`;
    client.send({ t: 'push', id: 'p1', events: [webhookChannels(A, 1, url), declared(A, 2, 'Payments down'), queuedMessage(A, 3, `${A.deviceId}:2`)] });
    await client.next('acks');
    const feed = await client.next('feed');
    expect(feed).toMatchObject({ after: 3, head: 4 });
    expect(feed.events[0]?.event).toMatchObject({
      type: 'message.deliveryFailed',
      payload: { status: null, reason: expect.stringMatching(/^The message was not sent: the webhook address leads to a loopback address/) },
    });
    expect(requests).toBe(0);
  });

  it('returns the running hub when asked to start again, even while it is starting', async () => {
    const { hub, opened } = lanHub();
    const [first, second] = await Promise.all([hub.start(), hub.start()]);
    expect(second).toEqual(first);
    expect(await hub.start()).toEqual(first);
    expect(opened).toHaveLength(1);
  });

  it('stops: connections are told the hub is going away, and nothing listens any more', async () => {
    const { hub } = lanHub();
    const state = running(await hub.start());
    const client = await Client.open(state.localAddress);
    client.join(state.joinCode);
    await client.next('welcome');

    expect(await hub.stop()).toEqual({ status: 'stopped' });
    expect(await client.closed).toBe(1001);
    expect(hub.state()).toEqual({ status: 'stopped' });
    expect(await connectError(state.localAddress)).toBe('ECONNREFUSED');
    expect(await hub.stop()).toEqual({ status: 'stopped' });
  });

  it('keeps its join code, its events and its address across a restart, whatever the computer is called now', async () => {
    const file = join(tempDir(), 'lan-hub.sqlite');
    const before = lanHub({ file });
    const first = running(await before.hub.start());
    const writer = await Client.open(first.localAddress);
    writer.join(first.joinCode);
    await writer.next('welcome');
    writer.send({ t: 'push', id: 'p1', events: [entry(A, 1, { text: 'Rollback started' }), entry(A, 2)] });
    await writer.next('acks');
    await before.hub.stop();

    const after = lanHub({ file, spaceName: () => 'renamed-laptop' });
    const second = running(await after.hub.start());
    expect(second).toEqual(first);

    const reader = await Client.open(second.localAddress);
    reader.join(second.joinCode, B.deviceId);
    expect(await reader.next('welcome')).toMatchObject({ head: 2, spaceName: 'ops-laptop', vector: { [A.deviceId]: 2 } });
    reader.send({ t: 'pull', id: 'r1', after: 0, limit: 10 });
    const page = await reader.next('page');
    expect(page.events.map(({ seq, event }) => [seq, (event as { id: string }).id])).toEqual([
      [1, `${A.deviceId}:1`],
      [2, `${A.deviceId}:2`],
    ]);
    expect((page.events[0]!.event as { payload: { text: string } }).payload.text).toBe('Rollback started');
  });

  it('falls back to a port the operating system picks when its own is taken, and keeps that one next time', async () => {
    const taken = await occupyPort();
    const file = join(tempDir(), 'lan-hub.sqlite');
    const { hub } = lanHub({ file, port: taken });
    const state = running(await hub.start());
    const port = Number(new URL(state.localAddress).port);
    expect(port).not.toBe(taken);
    const client = await Client.open(state.localAddress);
    client.join(state.joinCode);
    await client.next('welcome');
    await hub.stop();

    // The consoles that joined on the fallback port find the hub there again.
    const again = lanHub({ file, port: taken });
    expect(running(await again.hub.start()).localAddress).toBe(state.localAddress);
  });

  it('says plainly when it cannot listen, and can be asked again', async () => {
    // TEST-NET-1: an address no machine running this test has.
    const { hub } = lanHub({ host: '192.0.2.1' });
    const state = await hub.start();
    expect(state).toEqual({ status: 'failed', detail: 'The room hub could not start: 192.0.2.1 is not an address of this computer.' });
    expect(hub.state()).toEqual(state);
    expect(await hub.start()).toEqual(state);
    expect(await hub.stop()).toEqual({ status: 'stopped' });
  });

  it('says plainly when its data file cannot be opened', async () => {
    const file = join(tempDir(), 'missing-folder', 'lan-hub.sqlite');
    const { hub } = lanHub({ file });
    const state = await hub.start();
    expect(state).toMatchObject({ status: 'failed', detail: expect.stringContaining(`The room hub could not start: its data file ${file} could not be opened (`) });

    const { hub: noSqlite } = lanHub({
      openDatabase: () => {
        throw new Error('this Electron has no node:sqlite');
      },
    });
    expect(await noSqlite.start()).toMatchObject({ status: 'failed', detail: expect.stringContaining('(this Electron has no node:sqlite).') });
  });

  it('names the room "Room" when the computer gives no name', async () => {
    const { hub } = lanHub({ spaceName: () => '  ' });
    expect(running(await hub.start()).spaceName).toBe('Room');
    const { hub: unnamed } = lanHub({ spaceName: undefined });
    expect(running(await unnamed.start()).spaceName).toBe('Room');
  });

  it('lists the addresses the interfaces have now, not when it started', async () => {
    let interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = { lo: roomInterfaces.lo };
    const { hub } = lanHub({ networkInterfaces: () => interfaces });
    const state = running(await hub.start());
    expect(state.addresses).toEqual([]);
    interfaces = { ...interfaces, wlan0: [iface('10.0.0.7')] };
    const port = new URL(state.localAddress).port;
    expect(running(hub.state()).addresses).toEqual([`ws://10.0.0.7:${port}/sync`]);
    interfaces = {};
    expect(running(hub.state()).addresses).toEqual([]);
  });
});

describe('LAN addresses', () => {
  it('lists external IPv4 addresses, private LAN ones first and self-assigned ones last, once each', () => {
    const addresses = lanAddresses(
      {
        lo: roomInterfaces.lo,
        tailscale0: [iface('100.101.102.103'), iface('fd7a:115c::1', { family: 'IPv6' } as Partial<NetworkInterfaceInfo>)],
        eth1: [iface('169.254.10.20')],
        eth0: [iface('203.0.113.9'), iface('192.168.1.20')],
        wlan0: [iface('10.1.2.3'), iface('172.20.0.5'), iface('172.32.0.5'), iface('192.168.1.20')],
        docker0: undefined,
      },
      4848,
    );
    expect(addresses).toEqual([
      'ws://192.168.1.20:4848/sync',
      'ws://10.1.2.3:4848/sync',
      'ws://172.20.0.5:4848/sync',
      'ws://100.101.102.103:4848/sync',
      'ws://203.0.113.9:4848/sync',
      'ws://172.32.0.5:4848/sync',
      'ws://169.254.10.20:4848/sync',
    ]);
  });

  it('takes the numeric family older Node versions gave', () => {
    expect(lanAddresses({ eth0: [iface('192.168.0.2', { family: 4 as unknown as 'IPv4' })] }, 1)).toEqual(['ws://192.168.0.2:1/sync']);
  });

  it('names the room after the first label of the computer name, as plain text', () => {
    expect(roomName('ada-laptop.corp.example', 'Room')).toBe('ada-laptop');
    expect(roomName('Adas-MacBook-Pro.local', 'Room')).toBe('Adas-MacBook-Pro');
    expect(roomName('ops\u0007desk', 'Room')).toBe('opsdesk');
    expect(roomName('', 'Room')).toBe('Room');
    expect(roomName('x'.repeat(300), 'Room')).toHaveLength(60);
  });
});
