import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { IPC_CHANNELS, type LanHubState } from '@shared/platform/bridge';
import { appInfoSchema } from '@shared/platform/ipcSchemas';
import { DEFAULT_WALL_OPTIONS } from '@shared/platform/wallRoute';

import { MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import { MAX_BUNDLE_BYTES } from '@shared/sync/bundleFile';

import {
  MAX_IPC_PAYLOAD_BYTES,
  handleValidated,
  registerIpcHandlers,
  type InvokeEvent,
  type IpcRegistrar,
  type ShellServices,
} from './ipc';
import { parseAllowList } from '../outbound/destinations';
import { postWebhook } from '../outbound/webhook';

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcRegistrar = {
    handle(channel, listener) {
      handlers.set(channel, listener);
    },
  };
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

const consoleContents = { id: 1 };
const wallContents = { id: 2 };
const mainFrame = (url = 'app://warroom/index.html', sender: unknown = consoleContents): InvokeEvent => ({
  senderFrame: { url, parent: null },
  sender,
});
const wallFrame = mainFrame('app://warroom/index.html', wallContents);
const subFrame: InvokeEvent = { senderFrame: { url: 'app://warroom/index.html', parent: mainFrame().senderFrame }, sender: consoleContents };
const appInfo = { name: 'Warroom', version: '0.1.0', platform: 'linux' };
const hubRunning: LanHubState = {
  status: 'running',
  addresses: ['ws://192.168.1.20:4848/sync'],
  localAddress: 'ws://127.0.0.1:4848/sync',
  joinCode: 'ABCD-EFGH-JKLM',
  spaceName: 'ops-laptop',
  fingerprint: null,
};
const FINGERPRINT = 'HxxbL613hDQCTxU3mGNGknkX9HVabn0_2R8iZTt8MTI';

function fakeServices(patch: Partial<ShellServices> = {}) {
  const calls: [string, unknown?][] = [];
  const services: ShellServices = {
    appInfo,
    files: {
      save: async (request) => (calls.push(['save', request]), { status: 'saved', location: '/home/ada/x.warroom' }),
      saveStatusPage: async (request) => (calls.push(['saveStatusPage', request]), { status: 'saved', location: '/home/ada/status.html' }),
      saveScenario: async (request) => (calls.push(['saveScenario', request]), { status: 'saved', location: '/home/ada/drill.json' }),
      open: async () => (calls.push(['open']), { status: 'cancelled' }),
      read: async () => ({ status: 'cancelled' }),
      saveSyncBundle: async (request) => (calls.push(['saveSyncBundle', request]), { status: 'saved', location: '/media/stick/x.warroomsync' }),
      openSyncBundle: async () => (calls.push(['openSyncBundle']), { status: 'opened', name: 'x.warroomsync', contents: 'bundle' }),
    },
    lanHub: {
      state: () => (calls.push(['lanHubState']), { status: 'stopped' }),
      start: async () => (calls.push(['startLanHub']), hubRunning),
      stop: async () => (calls.push(['stopLanHub']), { status: 'stopped' }),
      devices: async () => (calls.push(['lanHubDevices']), []),
      removeDevice: async (deviceId: string) => (calls.push(['removeLanHubDevice', deviceId]), true),
      rotateJoinCode: async () => (calls.push(['rotateLanHubJoinCode']), hubRunning),
    },
    hubPins: { pin: async (request) => void calls.push(['pinHubCertificate', request]) },
    notifier: { show: (notice) => (calls.push(['notify', notice]), true) },
    walls: {
      open: async (request) => (calls.push(['openWall', request]), { status: 'opened' }),
      closeAll: () => void calls.push(['closeWalls']),
    },
    displays: () => [],
    isConsole: (sender) => sender === consoleContents,
    consoleReady: () => void calls.push(['ready']),
    setLanguage: (locale) => void calls.push(['setLanguage', locale]),
    postWebhook: async (request) => (calls.push(['postWebhook', request]), { status: 'responded', code: 200, detail: 'OK' }),
    openExternal: async (url) => void calls.push(['openExternal', url]),
    clipboard: { writeText: (text) => void calls.push(['copyText', text]) },
    ...patch,
  };
  return { services, calls };
}
const deps = fakeServices().services;

describe('app:info', () => {
  it('returns schema-valid app info to the console main frame', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpcHandlers(ipcMain, deps);
    const info = await invoke(IPC_CHANNELS.appInfo, mainFrame());
    expect(info).toEqual({ name: 'Warroom', version: '0.1.0', shell: 'electron', platform: 'linux' });
    expect(appInfoSchema.safeParse(info).success).toBe(true);
  });

  it.each([
    ['a foreign page', mainFrame('https://evil.example/')],
    ['a lookalike host', mainFrame('app://warroom.evil/index.html')],
    ['a sub-frame', subFrame],
    ['no frame', { senderFrame: null, sender: consoleContents }],
    [
      'a disposed frame',
      {
        senderFrame: {
          parent: null,
          get url(): string {
            throw new Error('Render frame was disposed');
          },
        },
        sender: consoleContents,
      },
    ],
  ])('refuses a call from %s with a clear error', async (_label, event) => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpcHandlers(ipcMain, deps);
    await expect(invoke(IPC_CHANNELS.appInfo, event)).rejects.toThrow(
      `IPC "app:info" refused: the sender is not the console's main frame`,
    );
  });

  it('refuses an unexpected argument', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpcHandlers(ipcMain, deps);
    await expect(invoke(IPC_CHANNELS.appInfo, mainFrame(), { sneaky: true })).rejects.toThrow(/malformed payload/);
    await expect(invoke(IPC_CHANNELS.appInfo, mainFrame(), undefined, 'extra')).rejects.toThrow(/at most one argument/);
  });

  it('refuses to send app info that breaks its own schema', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpcHandlers(ipcMain, { ...deps, appInfo: { ...appInfo, version: 'x'.repeat(51) } });
    await expect(invoke(IPC_CHANNELS.appInfo, mainFrame())).rejects.toThrow();
  });
});

describe('handleValidated', () => {
  const setup = () => {
    const fake = fakeIpcMain();
    const received: unknown[] = [];
    handleValidated(fake.ipcMain, 'test:echo', z.strictObject({ text: z.string() }), (input) => {
      received.push(input);
      return input.text.toUpperCase();
    });
    return { ...fake, received };
  };

  it('passes a valid payload from the main frame to the handler', async () => {
    const { invoke, received } = setup();
    await expect(invoke('test:echo', mainFrame(), { text: 'hi' })).resolves.toBe('HI');
    expect(received).toEqual([{ text: 'hi' }]);
  });

  it('refuses a payload over 64 KiB before validating it', async () => {
    const { invoke, received } = setup();
    const atLimit = { text: 'x'.repeat(MAX_IPC_PAYLOAD_BYTES - '{"text":""}'.length) };
    await expect(invoke('test:echo', mainFrame(), atLimit)).resolves.toHaveLength(atLimit.text.length);
    const overLimit = { text: 'x'.repeat(MAX_IPC_PAYLOAD_BYTES) };
    await expect(invoke('test:echo', mainFrame(), overLimit)).rejects.toThrow(/over the 65536-byte limit/);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['a wrong type', { text: 42 }],
    ['an extra key', { text: 'hi', admin: true }],
    ['nothing', undefined],
    ['a string', 'hi'],
  ])('refuses %s', async (_label, payload) => {
    const { invoke, received } = setup();
    await expect(invoke('test:echo', mainFrame(), payload)).rejects.toThrow(/IPC "test:echo" refused: malformed payload/);
    expect(received).toEqual([]);
  });

  it('refuses a payload that cannot be measured as JSON', async () => {
    const { invoke, received } = setup();
    await expect(invoke('test:echo', mainFrame(), { text: 1n })).rejects.toThrow(/not JSON-serialisable/);
    // What JSON.stringify throws for text longer than the engine's longest string.
    const endless = {
      toJSON() {
        throw new RangeError('Invalid string length');
      },
    };
    await expect(invoke('test:echo', mainFrame(), endless)).rejects.toThrow(/over the 65536-byte limit/);
    expect(received).toEqual([]);
  });

  it('checks the sender before anything else', async () => {
    const { invoke, received } = setup();
    await expect(invoke('test:echo', subFrame, { text: 'hi' })).rejects.toThrow(/not the console's main frame/);
    expect(received).toEqual([]);
  });
});

describe('shell channels', () => {
  const setup = () => {
    const fake = fakeIpcMain();
    const { services, calls } = fakeServices();
    registerIpcHandlers(fake.ipcMain, services);
    return { ...fake, calls };
  };
  const save = { suggestedName: 'payments-down-2026-11-21.warroom', contents: '{"format":"warroom.incident"}' };

  it('hands a valid save request to the file service', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.saveIncidentFile, mainFrame(), save)).resolves.toEqual({ status: 'saved', location: '/home/ada/x.warroom' });
    expect(calls).toEqual([['save', save]]);
  });

  it.each([
    ['a path instead of a name', '../../etc/passwd.warroom'],
    ['a Windows path', 'C:\\evil.warroom'],
    ['another extension', 'incident.exe'],
    ['a control character', 'a\u0000b.warroom'],
    ['an empty name', '.warroom'],
  ])('refuses a save with %s as the suggested name', async (_label, suggestedName) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.saveIncidentFile, mainFrame(), { ...save, suggestedName })).rejects.toThrow(/malformed payload\n.*suggestedName/s);
    expect(calls).toEqual([]);
  });

  it('takes an incident file far larger than other messages, and only as text', async () => {
    const { invoke, calls } = setup();
    const big = { ...save, contents: 'x'.repeat(MAX_IPC_PAYLOAD_BYTES * 4) };
    await expect(invoke(IPC_CHANNELS.saveIncidentFile, mainFrame(), big)).resolves.toMatchObject({ status: 'saved' });
    const notText = { ...save, contents: { length: MAX_INCIDENT_FILE_BYTES } };
    await expect(invoke(IPC_CHANNELS.saveIncidentFile, mainFrame(), notText)).rejects.toThrow(/malformed payload\n.*contents/s);
    expect(calls).toHaveLength(1);
  });

  it('lets a wall window ask what version this is, and nothing else', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.appInfo, wallFrame)).resolves.toMatchObject({ name: 'Warroom' });
    for (const [channel, payload] of [
      [IPC_CHANNELS.saveIncidentFile, save],
      [IPC_CHANNELS.openIncidentFile, undefined],
      [IPC_CHANNELS.notify, { title: 'x', body: 'y' }],
      [IPC_CHANNELS.listDisplays, undefined],
      [IPC_CHANNELS.openWall, { incidentId: 'aaaaaaaa01:1', displayId: 7, mode: 'kiosk', options: DEFAULT_WALL_OPTIONS }],
      [IPC_CHANNELS.closeWalls, undefined],
      [IPC_CHANNELS.consoleReady, undefined],
      [IPC_CHANNELS.deliverWebhook, { url: 'https://hooks.example/x', headers: {}, body: '{}' }],
      [IPC_CHANNELS.openExternal, 'https://meet.example/bridge'],
      [IPC_CHANNELS.copyText, 'hello'],
      [IPC_CHANNELS.saveStatusPage, { suggestedName: 'status.html', contents: '<p>x</p>' }],
      [IPC_CHANNELS.saveScenario, { suggestedName: 'drill.json', contents: '{}' }],
      [IPC_CHANNELS.saveSyncBundle, { suggestedName: 'x.warroomsync', contents: 'bundle' }],
      [IPC_CHANNELS.openSyncBundle, undefined],
      [IPC_CHANNELS.lanHubState, undefined],
      [IPC_CHANNELS.startLanHub, undefined],
      [IPC_CHANNELS.stopLanHub, undefined],
      [IPC_CHANNELS.pinHubCertificate, { url: 'wss://192.168.1.20:4848/sync', fingerprint: FINGERPRINT }],
      [IPC_CHANNELS.lanHubDevices, undefined],
      [IPC_CHANNELS.removeLanHubDevice, 'aaaaaaaa01'],
      [IPC_CHANNELS.rotateLanHubJoinCode, undefined],
    ] as const) {
      await expect(invoke(channel, wallFrame, payload)).rejects.toThrow(/only the console window/);
    }
    expect(calls).toEqual([]);
  });

  it('opens the overview wall (no incident) with its clocks and rotation', async () => {
    const { invoke, calls } = setup();
    const overview = { incidentId: null, displayId: 7, mode: 'fullscreen', options: { zones: ['Europe/Copenhagen', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'], rotateSeconds: 0 } };
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), overview)).resolves.toEqual({ status: 'opened' });
    expect(calls).toEqual([['openWall', overview]]);
  });

  it('refuses wall options a wall could not honour, before the shell sees them', async () => {
    const { invoke, calls } = setup();
    const wall = (options: unknown, incidentId: unknown = null) => ({ incidentId, displayId: 7, mode: 'kiosk', options });
    const refused: unknown[] = [
      wall({ zones: ['UTC', 'Europe/Copenhagen', 'Asia/Kolkata', 'America/New_York'], rotateSeconds: 20 }),
      wall({ zones: ['Mars/Olympus'], rotateSeconds: 20 }),
      wall({ zones: ['Europe/../etc'], rotateSeconds: 20 }),
      wall({ zones: ['../../etc/passwd'], rotateSeconds: 20 }),
      wall({ zones: ['<script>alert(1)</script>'], rotateSeconds: 20 }),
      wall({ zones: ["' OR 1=1"], rotateSeconds: 20 }),
      wall({ zones: ['x'.repeat(100)], rotateSeconds: 20 }),
      wall({ zones: [42], rotateSeconds: 20 }),
      wall({ zones: 'UTC', rotateSeconds: 20 }),
      wall({ zones: [], rotateSeconds: -1 }),
      wall({ zones: [], rotateSeconds: 4 }),
      wall({ zones: [], rotateSeconds: 3601 }),
      wall({ zones: [], rotateSeconds: 1e9 }),
      wall({ zones: [], rotateSeconds: 7.5 }),
      wall({ zones: [], rotateSeconds: Number.NaN }),
      wall({ zones: [], rotateSeconds: '20' }),
      wall({ zones: [], rotateSeconds: 20, lang: 'da' }),
      wall({ zones: [] }),
      wall(undefined),
    ];
    for (const request of refused) {
      await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), request), JSON.stringify(request)).rejects.toThrow(/options/);
    }
    const { options: _options, ...withoutOptions } = wall(DEFAULT_WALL_OPTIONS, 'aaaaaaaa01:1');
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), withoutOptions)).rejects.toThrow(/options/);
    // The overview is asked for with null, not by leaving the incident out.
    const { incidentId: _incidentId, ...withoutIncident } = wall(DEFAULT_WALL_OPTIONS);
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), withoutIncident)).rejects.toThrow(/incidentId/);
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), wall(DEFAULT_WALL_OPTIONS, ''))).rejects.toThrow(/incidentId/);
    expect(calls).toEqual([]);
  });

  it('validates wall requests and notices', async () => {
    const { invoke, calls } = setup();
    const wall = { incidentId: 'aaaaaaaa01:1', displayId: 7, mode: 'kiosk', options: DEFAULT_WALL_OPTIONS };
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), wall)).resolves.toEqual({ status: 'opened' });
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), { ...wall, displayId: '7' })).rejects.toThrow(/displayId/);
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), { ...wall, mode: 'borderless' })).rejects.toThrow(/mode/);
    await expect(invoke(IPC_CHANNELS.openWall, mainFrame(), { ...wall, incidentId: '<script>' })).rejects.toThrow(/incidentId/);
    await expect(invoke(IPC_CHANNELS.notify, mainFrame(), { title: 'Update due', body: 'Line one\nline two', route: '#/incidents/a' })).resolves.toBe(true);
    await expect(invoke(IPC_CHANNELS.notify, mainFrame(), { title: 'x\u001b[31m', body: '' })).rejects.toThrow(/title/);
    await expect(invoke(IPC_CHANNELS.notify, mainFrame(), { title: 'x', body: '', route: 'https://evil.example/' })).rejects.toThrow(/route/);
    await expect(invoke(IPC_CHANNELS.notify, mainFrame(), { title: 'x'.repeat(201), body: '' })).rejects.toThrow(/title/);
    expect(calls.map(([name]) => name)).toEqual(['openWall', 'notify']);
  });
});

describe('sync channels', () => {
  const setup = () => {
    const fake = fakeIpcMain();
    const { services, calls } = fakeServices();
    registerIpcHandlers(fake.ipcMain, services);
    return { ...fake, calls };
  };
  const bundle = { suggestedName: 'warroom-sync-2026-11-21-1430.warroomsync', contents: '{"format":"warroom.sync-bundle"}\n' };

  it('hands a valid bundle to the file service, and opens one', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.saveSyncBundle, mainFrame(), bundle)).resolves.toEqual({ status: 'saved', location: '/media/stick/x.warroomsync' });
    await expect(invoke(IPC_CHANNELS.openSyncBundle, mainFrame())).resolves.toMatchObject({ status: 'opened' });
    expect(calls).toEqual([['saveSyncBundle', bundle], ['openSyncBundle']]);
  });

  it.each([
    ['an incident file name', 'x.warroom'],
    ['a path instead of a name', '../../x.warroomsync'],
    ['a Windows path', 'D:\\x.warroomsync'],
    ['another extension after it', 'x.warroomsync.exe'],
    ['a control character', 'a\u0007b.warroomsync'],
    ['an empty name', '.warroomsync'],
  ])('refuses a bundle with %s as the suggested name', async (_label, suggestedName) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.saveSyncBundle, mainFrame(), { ...bundle, suggestedName })).rejects.toThrow(/malformed payload\n.*suggestedName/s);
    expect(calls).toEqual([]);
  });

  it('takes a bundle far larger than other messages, only as text, never empty, and nothing beside it', async () => {
    const { invoke, calls } = setup();
    const big = { ...bundle, contents: '{"t":"x"}\n'.repeat(MAX_IPC_PAYLOAD_BYTES) };
    await expect(invoke(IPC_CHANNELS.saveSyncBundle, mainFrame(), big)).resolves.toMatchObject({ status: 'saved' });
    for (const wrong of [{ ...bundle, contents: '' }, { ...bundle, contents: ['x'] }, { ...bundle, path: '/etc/passwd' }, undefined]) {
      await expect(invoke(IPC_CHANNELS.saveSyncBundle, mainFrame(), wrong)).rejects.toThrow(/malformed payload/);
    }
    await expect(invoke(IPC_CHANNELS.openSyncBundle, mainFrame(), '/etc/passwd')).rejects.toThrow(/malformed payload/);
    expect(calls).toEqual([['saveSyncBundle', big]]);
  });

  it('refuses a bundle over the bundle limit as UTF-8, though under it in characters', async () => {
    const { invoke, calls } = setup();
    const over = { ...bundle, contents: 'é'.repeat(MAX_BUNDLE_BYTES / 2 + 1) };
    await expect(invoke(IPC_CHANNELS.saveSyncBundle, mainFrame(), over)).rejects.toThrow(/contents/);
    expect(calls).toEqual([]);
    // Building and measuring a bundle-sized string takes seconds on a loaded machine.
  }, 30_000);

  it('asks after, starts and stops the LAN hub, with no payload', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.lanHubState, mainFrame())).resolves.toEqual({ status: 'stopped' });
    await expect(invoke(IPC_CHANNELS.startLanHub, mainFrame())).resolves.toEqual(hubRunning);
    await expect(invoke(IPC_CHANNELS.stopLanHub, mainFrame())).resolves.toEqual({ status: 'stopped' });
    for (const channel of [IPC_CHANNELS.lanHubState, IPC_CHANNELS.startLanHub, IPC_CHANNELS.stopLanHub]) {
      await expect(invoke(channel, mainFrame(), { port: 22 })).rejects.toThrow(/malformed payload/);
      await expect(invoke(channel, subFrame)).rejects.toThrow(/not the console's main frame/);
    }
    expect(calls).toEqual([['lanHubState'], ['startLanHub'], ['stopLanHub']]);
  });

  it('pins a room hub’s certificate for the address the console joins, and nothing malformed', async () => {
    const { invoke, calls } = setup();
    const pin = { url: 'wss://192.168.1.20:4848/sync', fingerprint: FINGERPRINT };
    await expect(invoke(IPC_CHANNELS.pinHubCertificate, mainFrame(), pin)).resolves.toBe(true);
    for (const bad of [
      { url: 'ws://192.168.1.20:4848/sync', fingerprint: FINGERPRINT },
      { url: 'wss://192.168.1.20:4848/sync', fingerprint: 'AB:CD:EF' },
      { ...pin, trustAll: true },
      undefined,
    ]) {
      await expect(invoke(IPC_CHANNELS.pinHubCertificate, mainFrame(), bad)).rejects.toThrow(/malformed payload/);
    }
    expect(calls).toEqual([['pinHubCertificate', pin]]);
  });

  it('lets the host list and remove the hub\'s devices and rotate its join code, refusing a malformed device id', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.lanHubDevices, mainFrame())).resolves.toEqual([]);
    await expect(invoke(IPC_CHANNELS.removeLanHubDevice, mainFrame(), 'aaaaaaaa01')).resolves.toBe(true);
    await expect(invoke(IPC_CHANNELS.rotateLanHubJoinCode, mainFrame())).resolves.toEqual(hubRunning);
    for (const bad of [undefined, '', 'AAAA', 'a'.repeat(33), { deviceId: 'aaaaaaaa01' }, 'aaaaaaaa01; drop']) {
      await expect(invoke(IPC_CHANNELS.removeLanHubDevice, mainFrame(), bad)).rejects.toThrow(/malformed payload/);
    }
    await expect(invoke(IPC_CHANNELS.rotateLanHubJoinCode, mainFrame(), 'ABCD-EFGH-JKLM')).rejects.toThrow(/malformed payload/);
    await expect(invoke(IPC_CHANNELS.removeLanHubDevice, subFrame, 'aaaaaaaa01')).rejects.toThrow(/not the console's main frame/);
    expect(calls).toEqual([['lanHubDevices'], ['removeLanHubDevice', 'aaaaaaaa01'], ['rotateLanHubJoinCode']]);
  });
});

describe('communications channels', () => {
  const setup = (patch: Partial<ShellServices> = {}) => {
    const fake = fakeIpcMain();
    const { services, calls } = fakeServices(patch);
    registerIpcHandlers(fake.ipcMain, services);
    return { ...fake, calls };
  };

  it.each([
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting',
    'http://bridge.example/123',
    'tel:+4520304050,,123456#',
    'sip:bridge@pbx.example',
    'msteams:/l/meetup-join/19%3ameeting',
    'zoommtg://zoom.us/join?confno=123',
    'mailto:ops@example.com?subject=P1%20Payments&body=Line%20one%0ALine%20two',
  ])('opens %s', async (url) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.openExternal, mainFrame(), url)).resolves.toBe(true);
    expect(calls).toEqual([['openExternal', url]]);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'smb://attacker.example/share',
    'search-ms:query=x',
    'https://user:pw@evil.example/',
    ' https://meet.example/',
    'app://warroom/index.html',
  ])('never hands %s to the operating system', async (url) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.openExternal, mainFrame(), url)).rejects.toThrow(/IPC "comms:open-external" refused: malformed payload/);
    expect(calls).toEqual([]);
  });

  it('refuses a link that is not text', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.openExternal, mainFrame(), { href: 'https://x.example/' })).rejects.toThrow(/malformed payload/);
    await expect(invoke(IPC_CHANNELS.openExternal, mainFrame())).rejects.toThrow(/malformed payload/);
    expect(calls).toEqual([]);
  });

  it('answers false when the operating system cannot open a link', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { invoke } = setup({ openExternal: async () => Promise.reject(new Error('No application is registered for msteams:')) });
    await expect(invoke(IPC_CHANNELS.openExternal, mainFrame(), 'msteams:/l/x')).resolves.toBe(false);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('copies text, and answers false when the clipboard fails', async () => {
    const { invoke, calls } = setup();
    const text = 'P1 — Payments down\n\tNext update 14:30 ✓';
    await expect(invoke(IPC_CHANNELS.copyText, mainFrame(), text)).resolves.toBe(true);
    expect(calls).toEqual([['copyText', text]]);
    await expect(invoke(IPC_CHANNELS.copyText, mainFrame(), 42)).rejects.toThrow(/malformed payload/);
    await expect(invoke(IPC_CHANNELS.copyText, mainFrame(), 'x'.repeat(1024 * 1024 + 1))).rejects.toThrow(/at most 1 MiB/);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = setup({
      clipboard: {
        writeText: () => {
          throw new Error('no display');
        },
      },
    });
    await expect(broken.invoke(IPC_CHANNELS.copyText, mainFrame(), 'x')).resolves.toBe(false);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('saves a drill scenario only as a .json file of at most 1 MiB', async () => {
    const { invoke, calls } = setup();
    const scenario = { suggestedName: 'payment-outage.json', contents: '{"id":"payment-outage"}' };
    await expect(invoke(IPC_CHANNELS.saveScenario, mainFrame(), scenario)).resolves.toEqual({ status: 'saved', location: '/home/ada/drill.json' });
    for (const suggestedName of ['drill.warroom', 'drill.json.exe', '../drill.json', '.json']) {
      await expect(invoke(IPC_CHANNELS.saveScenario, mainFrame(), { ...scenario, suggestedName })).rejects.toThrow(/suggestedName/);
    }
    await expect(invoke(IPC_CHANNELS.saveScenario, mainFrame(), { ...scenario, contents: 'x'.repeat(1024 * 1024 + 1) })).rejects.toThrow(/contents/);
    expect(calls).toEqual([['saveScenario', scenario]]);
  });

  it('saves a status page only as an .html file', async () => {
    const { invoke, calls } = setup();
    const page = { suggestedName: 'payments-status.html', contents: '<!doctype html><p>"Degraded"</p>'.repeat(10_000) };
    await expect(invoke(IPC_CHANNELS.saveStatusPage, mainFrame(), page)).resolves.toEqual({ status: 'saved', location: '/home/ada/status.html' });
    for (const suggestedName of ['status.warroom', 'status.html.exe', '../status.html', 'C:\\status.html', '.html']) {
      await expect(invoke(IPC_CHANNELS.saveStatusPage, mainFrame(), { ...page, suggestedName })).rejects.toThrow(/suggestedName/);
    }
    await expect(invoke(IPC_CHANNELS.saveStatusPage, mainFrame(), { ...page, contents: '' })).rejects.toThrow(/contents/);
    await expect(invoke(IPC_CHANNELS.saveStatusPage, mainFrame(), { ...page, contents: 'x'.repeat(4 * 1024 * 1024 + 1) })).rejects.toThrow(/contents/);
    expect(calls).toEqual([['saveStatusPage', page]]);
  });

  it.each([
    ['a file: address', { url: 'file:///etc/passwd' }, /url/],
    ['credentials in the address', { url: 'https://ada:pw@hooks.example/x' }, /url/],
    ['a header not on the list', { headers: { cookie: 'session=1' } }, /cookie/],
    ['a body that is not text', { body: { text: 'x' } }, /body/],
    ['a body over 1 MiB', { body: 'x'.repeat(1024 * 1024 + 1) }, /body/],
    ['an extra field', { method: 'GET' }, /method/],
  ])('refuses a webhook request with %s', async (_label, patch, where) => {
    const { invoke, calls } = setup();
    const request = { url: 'https://hooks.example/x', headers: { 'content-type': 'application/json' }, body: '{}', ...patch };
    await expect(invoke(IPC_CHANNELS.deliverWebhook, mainFrame(), request)).rejects.toThrow(where);
    expect(calls).toEqual([]);
  });

  it('posts a valid webhook request to a real receiver', async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(202, { 'content-type': 'text/plain' }).end('queued');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // The receiver is on loopback: allowed here as an operator would allow it.
      const { invoke } = setup({ postWebhook: (request) => postWebhook(request, { allow: parseAllowList(['127.0.0.1']) }) });
      const { port } = server.address() as AddressInfo;
      const request = {
        url: `http://127.0.0.1:${port}/services/T0/B0/secret`,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'aaaaaaaa01:7' },
        body: JSON.stringify({ text: 'P1 Payments down — next update 14:30' }),
      };
      await expect(invoke(IPC_CHANNELS.deliverWebhook, mainFrame(), request)).resolves.toEqual({ status: 'responded', code: 202, detail: 'Accepted' });
      expect(received).toEqual([{ headers: expect.objectContaining({ 'idempotency-key': 'aaaaaaaa01:7' }), body: request.body }]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('shell:set-language', () => {
  const setup = () => {
    const fake = fakeIpcMain();
    const { services, calls } = fakeServices();
    registerIpcHandlers(fake.ipcMain, services);
    return { ...fake, calls };
  };

  it('switches the shell to each language the console speaks', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.setLanguage, mainFrame(), 'da')).resolves.toBeUndefined();
    await expect(invoke(IPC_CHANNELS.setLanguage, mainFrame(), 'en')).resolves.toBeUndefined();
    expect(calls).toEqual([
      ['setLanguage', 'da'],
      ['setLanguage', 'en'],
    ]);
  });

  it.each([
    ['a language the shell does not speak', 'fr'],
    ['a region', 'da-DK'],
    ['another case', 'DA'],
    ['nothing', undefined],
    ['an object', { locale: 'da' }],
    ['a list', ['da']],
  ])('refuses %s', async (_label, payload) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.setLanguage, mainFrame(), payload)).rejects.toThrow(/IPC "shell:set-language" refused: malformed payload/);
    expect(calls).toEqual([]);
  });

  it('lets neither a wall window nor a sub-frame change the menu', async () => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC_CHANNELS.setLanguage, wallFrame, 'da')).rejects.toThrow(/only the console window/);
    await expect(invoke(IPC_CHANNELS.setLanguage, subFrame, 'da')).rejects.toThrow(/not the console's main frame/);
    await expect(invoke(IPC_CHANNELS.setLanguage, mainFrame('https://evil.example/'), 'da')).rejects.toThrow(/not the console's main frame/);
    expect(calls).toEqual([]);
  });
});
