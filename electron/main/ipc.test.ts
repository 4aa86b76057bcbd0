import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { IPC_CHANNELS } from '@shared/platform/bridge';
import { appInfoSchema } from '@shared/platform/ipcSchemas';

import { MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';

import {
  MAX_IPC_PAYLOAD_BYTES,
  handleValidated,
  registerIpcHandlers,
  type InvokeEvent,
  type IpcRegistrar,
  type ShellServices,
} from './ipc';

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

function fakeServices(patch: Partial<ShellServices> = {}) {
  const calls: [string, unknown?][] = [];
  const services: ShellServices = {
    appInfo,
    files: {
      save: async (request) => (calls.push(['save', request]), { status: 'saved', location: '/home/ada/x.warroom' }),
      open: async () => (calls.push(['open']), { status: 'cancelled' }),
      read: async () => ({ status: 'cancelled' }),
    },
    notifier: { show: (notice) => (calls.push(['notify', notice]), true) },
    walls: {
      open: async (request) => (calls.push(['openWall', request]), { status: 'opened' }),
      closeAll: () => void calls.push(['closeWalls']),
    },
    displays: () => [],
    isConsole: (sender) => sender === consoleContents,
    consoleReady: () => void calls.push(['ready']),
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
      [IPC_CHANNELS.openWall, { incidentId: 'aaaaaaaa01:1', displayId: 7, mode: 'kiosk' }],
      [IPC_CHANNELS.closeWalls, undefined],
      [IPC_CHANNELS.consoleReady, undefined],
    ] as const) {
      await expect(invoke(channel, wallFrame, payload)).rejects.toThrow(/only the console window/);
    }
    expect(calls).toEqual([]);
  });

  it('validates wall requests and notices', async () => {
    const { invoke, calls } = setup();
    const wall = { incidentId: 'aaaaaaaa01:1', displayId: 7, mode: 'kiosk' };
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
