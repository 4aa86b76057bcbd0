import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CERTIFICATE_VERDICT, MAX_PINS, createHubPins } from './hubPins';
import { loadRoomCertificate, type RoomCertificate } from './roomCertificate';

let dir: string;
let roomHub: RoomCertificate;
let ownHub: RoomCertificate;
/** Any other self-signed certificate: what someone in the middle would present. */
let impostor: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-pins-'));
  roomHub = await loadRoomCertificate(join(dir, 'room'));
  ownHub = await loadRoomCertificate(join(dir, 'own'));
  impostor = (await generate([{ name: 'commonName', value: 'Warroom room hub' }], { keyType: 'ec', algorithm: 'sha256' })).cert;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (hostname: string, pem: string) => ({ hostname, certificate: { data: pem } });

describe('pinned room hub certificates', () => {
  it('accepts a room hub’s certificate only on the host it was pinned for, and refuses any other certificate there', async () => {
    const pins = createHubPins({ file: () => join(dir, 'a.json'), ownFingerprint: () => null });
    await pins.load();
    expect(pins.verify(check('192.168.1.20', roomHub.cert))).toBe(CERTIFICATE_VERDICT.chromium);

    await pins.pin({ url: 'wss://192.168.1.20:4848/sync', fingerprint: roomHub.fingerprint });
    expect(pins.verify(check('192.168.1.20', roomHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
    expect(pins.verify(check('192.168.1.20', impostor))).toBe(CERTIFICATE_VERDICT.refuse);
    // Elsewhere the pin means nothing: the usual checks decide (and refuse a self-signed certificate).
    expect(pins.verify(check('192.168.1.21', roomHub.cert))).toBe(CERTIFICATE_VERDICT.chromium);
    expect(pins.verify(check('hub.example.org', impostor))).toBe(CERTIFICATE_VERDICT.chromium);
    expect(pins.verify(check('192.168.1.20', 'not a certificate'))).toBe(CERTIFICATE_VERDICT.refuse);
  });

  it('trusts the certificate of the room hub this console hosts, on any of its addresses', () => {
    const pins = createHubPins({ file: () => join(dir, 'b.json'), ownFingerprint: () => ownHub.fingerprint });
    expect(pins.verify(check('127.0.0.1', ownHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
    expect(pins.verify(check('192.168.1.20', ownHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
    expect(pins.verify(check('127.0.0.1', impostor))).toBe(CERTIFICATE_VERDICT.chromium);
  });

  it('keeps pins across restarts; joining again with a new fingerprint replaces the old one', async () => {
    const file = join(dir, 'c.json');
    const changes: number[] = [];
    const pins = createHubPins({ file: () => file, ownFingerprint: () => null, onChange: () => changes.push(1) });
    await pins.pin({ url: 'wss://[fe80::1]:4848/sync', fingerprint: roomHub.fingerprint });
    expect(changes).toHaveLength(1);

    const restarted = createHubPins({ file: () => file, ownFingerprint: () => null });
    await restarted.load();
    expect(restarted.verify(check('[fe80::1]', roomHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
    expect(restarted.verify(check('fe80::1', roomHub.cert))).toBe(CERTIFICATE_VERDICT.accept);

    await restarted.pin({ url: 'wss://[fe80::1]:4848/sync', fingerprint: ownHub.fingerprint });
    expect(restarted.verify(check('fe80::1', roomHub.cert))).toBe(CERTIFICATE_VERDICT.refuse);
    expect(restarted.verify(check('fe80::1', ownHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
  });

  it('refuses a malformed pin, keeps a bounded number, and starts empty from a damaged file', async () => {
    const file = join(dir, 'd.json');
    const pins = createHubPins({ file: () => file, ownFingerprint: () => null });
    await expect(pins.pin({ url: 'ws://192.168.1.20:4848/sync', fingerprint: roomHub.fingerprint })).rejects.toThrow();
    await expect(pins.pin({ url: 'wss://192.168.1.20:4848/sync', fingerprint: 'AB:CD' })).rejects.toThrow();
    for (let n = 0; n <= MAX_PINS; n++) await pins.pin({ url: `wss://10.0.${n >> 8}.${n & 255}:4848/sync`, fingerprint: roomHub.fingerprint });
    expect(pins.verify(check('10.0.0.0', roomHub.cert))).toBe(CERTIFICATE_VERDICT.chromium);
    expect(pins.verify(check('10.0.0.1', roomHub.cert))).toBe(CERTIFICATE_VERDICT.accept);
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { pins: object }).pins)).toHaveLength(MAX_PINS);

    writeFileSync(file, '{"pins": {"10.0.0.1:4848": "AB:CD"}}');
    const lines: string[] = [];
    const damaged = createHubPins({ file: () => file, ownFingerprint: () => null, log: (line) => lines.push(line) });
    await damaged.load();
    expect(damaged.verify(check('10.0.0.1', roomHub.cert))).toBe(CERTIFICATE_VERDICT.chromium);
    expect(lines.join('\n')).toMatch(/pinned certificates/);
  });
});
