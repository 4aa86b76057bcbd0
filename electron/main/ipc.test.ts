import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { IPC_CHANNELS } from '@shared/platform/bridge';
import { appInfoSchema } from '@shared/platform/ipcSchemas';

import { MAX_IPC_PAYLOAD_BYTES, handleValidated, registerIpcHandlers, type InvokeEvent, type IpcRegistrar } from './ipc';

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

const mainFrame = (url = 'app://warroom/index.html'): InvokeEvent => ({ senderFrame: { url, parent: null } });
const subFrame: InvokeEvent = { senderFrame: { url: 'app://warroom/index.html', parent: mainFrame().senderFrame } };
const deps = { name: 'Warroom', version: '0.1.0', platform: 'linux' };

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
    ['no frame', { senderFrame: null }],
    [
      'a disposed frame',
      {
        senderFrame: {
          parent: null,
          get url(): string {
            throw new Error('Render frame was disposed');
          },
        },
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
    registerIpcHandlers(ipcMain, { ...deps, version: 'x'.repeat(51) });
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
