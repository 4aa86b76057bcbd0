import { X509Certificate, createHash, randomFillSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { LanHubState } from '@shared/platform/bridge';
import { CERT_FINGERPRINT_REGEX } from '@shared/sync/hubAddress';
import { PROTOCOL, type HubMessage } from '@shared/sync/protocol';

import { createHubPins } from './hubPins';
import { createLanHub } from './lanHub';
import { KEY_FILE, certificateFingerprint, loadRoomCertificate, type RoomCertificate } from './roomCertificate';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-room-cert-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function running(state: LanHubState): Extract<LanHubState, { status: 'running' }> {
  if (state.status !== 'running') throw new Error(`the hub is not running: ${JSON.stringify(state)}`);
  return state;
}

describe('the room hub’s certificate', () => {
  it('is made once, kept in the data folder with its private key readable by its owner only', async () => {
    const dir = tempDir();
    const first = await loadRoomCertificate(dir);
    const again = await loadRoomCertificate(dir);
    expect(again).toEqual(first);
    expect(first.fingerprint).toMatch(CERT_FINGERPRINT_REGEX);
    // The fingerprint is the SHA-256 of the certificate's DER bytes, as anyone can compute it.
    expect(first.fingerprint).toBe(createHash('sha256').update(new X509Certificate(first.cert).raw).digest('base64url'));
    expect(certificateFingerprint(first.cert)).toBe(first.fingerprint);
    expect(new X509Certificate(first.cert).checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(first.key)))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('takes its key back to owner-only, and makes a new pair when the kept one is damaged', async () => {
    const dir = tempDir();
    const first = await loadRoomCertificate(dir);
    if (process.platform !== 'win32') {
      chmodSync(join(dir, KEY_FILE), 0o644);
      expect(await loadRoomCertificate(dir)).toEqual(first);
      expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    }
    writeFileSync(join(dir, KEY_FILE), 'not a key');
    const lines: string[] = [];
    const next = await loadRoomCertificate(dir, (line) => lines.push(line));
    expect(next.fingerprint).not.toBe(first.fingerprint);
    expect(lines.join('\n')).toMatch(/new certificate/);
    expect(readFileSync(join(dir, KEY_FILE), 'utf8')).toBe(next.key);
  });
});

/** Connects the way a pinning console does: TLS first, the certificate checked by the shell's verify function, then the WebSocket. */
async function openPinned(url: string, verify: (pem: string) => number): Promise<WebSocket> {
  const { hostname, port } = new URL(url);
  const socket: TLSSocket = await new Promise((resolve, reject) => {
    const tls = connect({ host: hostname, port: Number(port), rejectUnauthorized: false });
    cleanups.push(() => tls.destroy());
    tls.once('secureConnect', () => resolve(tls));
    tls.once('error', reject);
  });
  const der = socket.getPeerCertificate(true).raw;
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  if (verify(pem) !== 0) {
    socket.destroy();
    throw new Error('certificate refused');
  }
  const ws = new WebSocket(url, { createConnection: () => socket });
  cleanups.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

function welcome(ws: WebSocket, joinCode: string): Promise<HubMessage> {
  const answer = new Promise<HubMessage>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as HubMessage)));
  ws.send(JSON.stringify({ t: 'hello', protocol: PROTOCOL, deviceId: 'aaaaaaaa01', auth: { kind: 'join', code: joinCode }, app: 'warroom-test' }));
  return answer;
}

describe('the room hub over TLS', () => {
  async function tlsHub(certificate?: () => Promise<RoomCertificate>) {
    const dir = tempDir();
    const hub = createLanHub({
      openDatabase: (file) => new Database(file),
      dataFile: () => join(dir, 'lan-hub.sqlite'),
      networkInterfaces: () => ({ eth0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: null }] }),
      random: (bytes) => randomFillSync(bytes),
      port: 0,
      certificate: certificate ?? (() => loadRoomCertificate(dir)),
    });
    cleanups.push(() => hub.stop());
    return { dir, hub, start: () => hub.start() };
  }

  it('serves wss:// with its certificate, and tells its fingerprint with its addresses', async () => {
    const { dir, start } = await tlsHub();
    const state = running(await start());
    const kept = await loadRoomCertificate(dir);
    expect(state.fingerprint).toBe(kept.fingerprint);
    expect(state.localAddress).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sync$/);
    expect(state.addresses).toEqual([`wss://192.168.1.20:${new URL(state.localAddress).port}/sync`]);
  });

  it('lets in a console that pins its fingerprint, and no console pinning another', async () => {
    const state = running(await (await tlsHub()).start());
    const { hostname, port } = new URL(state.localAddress);
    const pinsDir = tempDir();
    const right = createHubPins({ file: () => join(pinsDir, 'right.json'), ownFingerprint: () => null });
    await right.pin({ url: state.localAddress, fingerprint: state.fingerprint! });
    const ws = await openPinned(state.localAddress, (pem) => right.verify({ hostname, certificate: { data: pem } }));
    expect(await welcome(ws, state.joinCode)).toMatchObject({ t: 'welcome' });

    const wrong = createHubPins({ file: () => join(pinsDir, 'wrong.json'), ownFingerprint: () => null });
    await wrong.pin({ url: `wss://${hostname}:${port}/sync`, fingerprint: createHash('sha256').update('another').digest('base64url') });
    await expect(openPinned(state.localAddress, (pem) => wrong.verify({ hostname, certificate: { data: pem } }))).rejects.toThrow(/refused/);
  });

  it('lets its host remove a console that joined over wss:// (its connection closes at once) and change the join code, keeping its fingerprint', async () => {
    const { hub, start } = await tlsHub();
    const state = running(await start());
    const { hostname } = new URL(state.localAddress);
    const pins = createHubPins({ file: () => join(tempDir(), 'pins.json'), ownFingerprint: () => null });
    await pins.pin({ url: state.localAddress, fingerprint: state.fingerprint! });
    const ws = await openPinned(state.localAddress, (pem) => pins.verify({ hostname, certificate: { data: pem } }));
    expect(await welcome(ws, state.joinCode)).toMatchObject({ t: 'welcome' });
    expect(await hub.devices()).toEqual([expect.objectContaining({ deviceId: 'aaaaaaaa01', removedAt: null })]);

    const refusal = new Promise<HubMessage>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as HubMessage)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    expect(await hub.removeDevice('aaaaaaaa01')).toBe(true);
    expect(await refusal).toMatchObject({ t: 'error', code: 'unauthorized', message: expect.stringMatching(/removed/) });
    expect(await closed).toBe(1008);

    const rotated = running(await hub.rotateJoinCode());
    expect(rotated.joinCode).not.toBe(state.joinCode);
    expect(rotated).toMatchObject({ fingerprint: state.fingerprint, localAddress: state.localAddress });
  });

  it('does not start at all, rather than in clear, when its certificate cannot be had', async () => {
    const { start } = await tlsHub(() => Promise.reject(new Error('disk full')));
    expect(await start()).toEqual({ status: 'failed', detail: 'The room hub could not start: its TLS certificate could not be made or read (disk full).' });
  });

  it('does not speak plain ws://', async () => {
    const state = running(await (await tlsHub()).start());
    const plain = new WebSocket(state.localAddress.replace('wss://', 'ws://'));
    cleanups.push(() => plain.terminate());
    await expect(
      new Promise((resolve, reject) => {
        plain.once('open', resolve);
        plain.once('error', reject);
      }),
    ).rejects.toThrow();
  });
});
