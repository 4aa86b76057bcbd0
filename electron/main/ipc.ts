/**
 * IPC handlers. Every channel goes through handleValidated, which refuses
 * callers other than the console's own main frame and payloads that are
 * oversized or malformed, before any handler runs.
 */
import { z } from 'zod';

import { DEVICE_ID_REGEX } from '@shared/domain/ids';
import { isExternalLink } from '@shared/domain/links';
import {
  IPC_CHANNELS,
  type AppInfo,
  type DisplayInfo,
  type HubDevice,
  type LanHubState,
  type ShellLanguage,
  type WebhookOutcome,
  type WebhookRequest,
} from '@shared/platform/bridge';
import {
  COPY_TEXT_MAX_PAYLOAD_BYTES,
  SAVE_FILE_MAX_PAYLOAD_BYTES,
  SAVE_STATUS_PAGE_MAX_PAYLOAD_BYTES,
  SAVE_SYNC_BUNDLE_MAX_PAYLOAD_BYTES,
  WEBHOOK_MAX_PAYLOAD_BYTES,
  appInfoSchema,
  copyTextSchema,
  desktopNoticeSchema,
  externalLinkSchema,
  openWallRequestSchema,
  saveFileRequestSchema,
  saveStatusPageRequestSchema,
  saveScenarioRequestSchema,
  SAVE_SCENARIO_MAX_PAYLOAD_BYTES,
  saveSyncBundleRequestSchema,
  shellLanguageSchema,
  webhookRequestSchema,
} from '@shared/platform/ipcSchemas';

import { hubPinSchema } from '@shared/sync/hubAddress';

import type { IncidentFileService } from './files';
import type { HubPins } from './hubPins';
import type { LanHub } from './lanHub';
import type { DesktopNotifier } from './notifications';
import { isAppUrl } from './security';
import type { WallManager } from './wall';

export const MAX_IPC_PAYLOAD_BYTES = 64 * 1024;

export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
  /** The calling webContents, compared by identity only. */
  readonly sender: unknown;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

export type HandlerOptions = {
  /** Defaults to MAX_IPC_PAYLOAD_BYTES. */
  maxBytes?: number;
  /** Only these callers: e.g. the console window, not a wall. */
  allowSender?: (sender: unknown) => boolean;
};

export type ShellServices = {
  readonly appInfo: { name: string; version: string; platform: string };
  readonly files: IncidentFileService;
  readonly notifier: DesktopNotifier;
  readonly walls: Pick<WallManager, 'open' | 'closeAll'>;
  /** The hub this console hosts for the room. */
  readonly lanHub: LanHub;
  /** Room hub certificates pinned when the console joins (the session's certificate check reads them). */
  readonly hubPins: Pick<HubPins, 'pin'>;
  displays(): DisplayInfo[];
  /** The operator's console window; wall windows are read-only and may only ask what is harmless. */
  isConsole(sender: unknown): boolean;
  consoleReady(): void;
  /** Speaks the console's language in the menu and dialogs from now on. */
  setLanguage(locale: ShellLanguage): void;
  /** postWebhook, in the app; a stand-in in tests that need no network. */
  postWebhook(request: WebhookRequest): Promise<WebhookOutcome>;
  /** Electron's shell.openExternal: only ever given an address isExternalLink passed. */
  openExternal(url: string): Promise<void>;
  /**
   * Electron's clipboard, written from here: the renderer's own navigator.clipboard
   * would need a permission the session denies (security.ts), and should keep denying.
   */
  readonly clipboard: { writeText(text: string): void };
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

function assertPayloadSize(channel: string, payload: unknown, maxBytes: number): void {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    // Past the longest string the engine can make (hundreds of MiB): larger than any limit here.
    if (error instanceof RangeError) throw new Error(`IPC "${channel}" refused: the payload is over the ${maxBytes}-byte limit`, { cause: error });
    throw new Error(`IPC "${channel}" refused: the payload is not JSON-serialisable`, { cause: error });
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > maxBytes) {
    throw new Error(`IPC "${channel}" refused: the payload is ${bytes} bytes, over the ${maxBytes}-byte limit`);
  }
}

/** Registers an invoke handler that takes at most one argument, validated against inputSchema. */
export function handleValidated<S extends z.ZodType, R>(
  ipcMain: IpcRegistrar,
  channel: string,
  inputSchema: S,
  handler: (input: z.output<S>, event: InvokeEvent) => R | Promise<R>,
  options: HandlerOptions = {},
): void {
  ipcMain.handle(channel, async (event, ...args) => {
    assertTrustedSender(channel, event);
    if (options.allowSender && !options.allowSender(event.sender)) {
      throw new Error(`IPC "${channel}" refused: only the console window may ask this`);
    }
    if (args.length > 1) throw new Error(`IPC "${channel}" refused: expected at most one argument, got ${args.length}`);
    const payload = args[0];
    assertPayloadSize(channel, payload, options.maxBytes ?? MAX_IPC_PAYLOAD_BYTES);
    const parsed = inputSchema.safeParse(payload);
    if (!parsed.success) {
      throw new Error(`IPC "${channel}" refused: malformed payload\n${z.prettifyError(parsed.error)}`);
    }
    return handler(parsed.data, event);
  });
}

export function registerIpcHandlers(ipcMain: IpcRegistrar, services: ShellServices): void {
  const consoleOnly: HandlerOptions = { allowSender: (sender) => services.isConsole(sender) };
  const { name, version, platform } = services.appInfo;

  handleValidated(ipcMain, IPC_CHANNELS.appInfo, z.undefined(), (): AppInfo =>
    appInfoSchema.parse({ name, version, shell: 'electron', platform }),
  );
  handleValidated(ipcMain, IPC_CHANNELS.saveIncidentFile, saveFileRequestSchema, (request) => services.files.save(request), {
    ...consoleOnly,
    maxBytes: SAVE_FILE_MAX_PAYLOAD_BYTES,
  });
  handleValidated(ipcMain, IPC_CHANNELS.openIncidentFile, z.undefined(), () => services.files.open(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.notify, desktopNoticeSchema, (notice) => services.notifier.show(notice), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.listDisplays, z.undefined(), () => services.displays(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.openWall, openWallRequestSchema, (request) => services.walls.open(request), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.closeWalls, z.undefined(), () => services.walls.closeAll(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.consoleReady, z.undefined(), () => services.consoleReady(), consoleOnly);
  // A wall may be pinned to another language by its URL: only the console decides what the menu speaks.
  handleValidated(ipcMain, IPC_CHANNELS.setLanguage, shellLanguageSchema, (locale) => services.setLanguage(locale), consoleOnly);

  handleValidated(ipcMain, IPC_CHANNELS.deliverWebhook, webhookRequestSchema, (request) => services.postWebhook(request), {
    ...consoleOnly,
    maxBytes: WEBHOOK_MAX_PAYLOAD_BYTES,
  });
  handleValidated(
    ipcMain,
    IPC_CHANNELS.openExternal,
    externalLinkSchema,
    async (url) => {
      // Checked again where it matters: the operating system runs whatever handler a scheme names (file:, ms-msdt:...).
      if (!isExternalLink(url)) return false;
      try {
        await services.openExternal(url);
        return true;
      } catch (error) {
        console.error('Could not open the link', error);
        return false;
      }
    },
    consoleOnly,
  );
  handleValidated(
    ipcMain,
    IPC_CHANNELS.copyText,
    copyTextSchema,
    (text) => {
      try {
        services.clipboard.writeText(text);
        return true;
      } catch (error) {
        console.error('Could not copy to the clipboard', error);
        return false;
      }
    },
    { ...consoleOnly, maxBytes: COPY_TEXT_MAX_PAYLOAD_BYTES },
  );
  handleValidated(ipcMain, IPC_CHANNELS.saveStatusPage, saveStatusPageRequestSchema, (request) => services.files.saveStatusPage(request), {
    ...consoleOnly,
    maxBytes: SAVE_STATUS_PAGE_MAX_PAYLOAD_BYTES,
  });

  handleValidated(ipcMain, IPC_CHANNELS.saveScenario, saveScenarioRequestSchema, (request) => services.files.saveScenario(request), {
    ...consoleOnly,
    maxBytes: SAVE_SCENARIO_MAX_PAYLOAD_BYTES,
  });

  handleValidated(ipcMain, IPC_CHANNELS.saveSyncBundle, saveSyncBundleRequestSchema, (request) => services.files.saveSyncBundle(request), {
    ...consoleOnly,
    maxBytes: SAVE_SYNC_BUNDLE_MAX_PAYLOAD_BYTES,
  });
  handleValidated(ipcMain, IPC_CHANNELS.openSyncBundle, z.undefined(), () => services.files.openSyncBundle(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.lanHubState, z.undefined(), (): LanHubState => services.lanHub.state(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.startLanHub, z.undefined(), (): Promise<LanHubState> => services.lanHub.start(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.stopLanHub, z.undefined(), (): Promise<LanHubState> => services.lanHub.stop(), consoleOnly);
  handleValidated(ipcMain, IPC_CHANNELS.pinHubCertificate, hubPinSchema, async (pin) => (await services.hubPins.pin(pin), true), consoleOnly);
  // The host operates the hub it runs; other consoles have no such channel to the hub, so no member can remove another.
  handleValidated(ipcMain, IPC_CHANNELS.lanHubDevices, z.undefined(), (): Promise<HubDevice[]> => services.lanHub.devices(), consoleOnly);
  handleValidated(
    ipcMain,
    IPC_CHANNELS.removeLanHubDevice,
    z.string().regex(DEVICE_ID_REGEX),
    (deviceId): Promise<boolean> => services.lanHub.removeDevice(deviceId),
    consoleOnly,
  );
  handleValidated(ipcMain, IPC_CHANNELS.rotateLanHubJoinCode, z.undefined(), (): Promise<LanHubState> => services.lanHub.rotateJoinCode(), consoleOnly);
}
