/**
 * IPC handlers. Every channel goes through handleValidated, which refuses
 * callers other than the console's own main frame and payloads that are
 * oversized or malformed, before any handler runs.
 */
import { z } from 'zod';

import { IPC_CHANNELS, type AppInfo } from '@shared/platform/bridge';
import { appInfoSchema } from '@shared/platform/ipcSchemas';

import { isAppUrl } from './security';

export const MAX_IPC_PAYLOAD_BYTES = 64 * 1024;

export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

export type IpcDeps = {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
};

function assertTrustedSender(channel: string, event: InvokeEvent): void {
  let trusted = false;
  try {
    const frame = event.senderFrame;
    trusted = frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A frame disposed mid-call throws on access: treat it as untrusted.
  }
  if (!trusted) throw new Error(`IPC "${channel}" refused: the sender is not the console's main frame`);
}

function assertPayloadSize(channel: string, payload: unknown): void {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    throw new Error(`IPC "${channel}" refused: the payload is not JSON-serialisable`);
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_IPC_PAYLOAD_BYTES) {
    throw new Error(`IPC "${channel}" refused: the payload is ${bytes} bytes, over the ${MAX_IPC_PAYLOAD_BYTES}-byte limit`);
  }
}

/** Registers an invoke handler that takes at most one argument, validated against inputSchema. */
export function handleValidated<S extends z.ZodType, R>(
  ipcMain: IpcRegistrar,
  channel: string,
  inputSchema: S,
  handler: (input: z.output<S>, event: InvokeEvent) => R | Promise<R>,
): void {
  ipcMain.handle(channel, async (event, ...args) => {
    assertTrustedSender(channel, event);
    if (args.length > 1) throw new Error(`IPC "${channel}" refused: expected at most one argument, got ${args.length}`);
    const payload = args[0];
    assertPayloadSize(channel, payload);
    const parsed = inputSchema.safeParse(payload);
    if (!parsed.success) {
      throw new Error(`IPC "${channel}" refused: malformed payload\n${z.prettifyError(parsed.error)}`);
    }
    return handler(parsed.data, event);
  });
}

export function registerIpcHandlers(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  handleValidated(ipcMain, IPC_CHANNELS.appInfo, z.undefined(), (): AppInfo =>
    appInfoSchema.parse({ name: deps.name, version: deps.version, shell: 'electron', platform: deps.platform }),
  );
}
