/**
 * The contract between the console and the platform it runs on. The Electron
 * preload implements it over IPC; a plain browser implements it with web APIs.
 * Only operating-system capabilities belong here: domain data crosses it only
 * as the text of an incident file.
 * Kept free of runtime dependencies: the sandboxed preload bundles it.
 */
import type { HubPin } from '../sync/hubAddress';
import type { WallOptions } from './wallRoute';

/** Renderer → main requests (ipcRenderer.invoke). */
export const IPC_CHANNELS = {
  appInfo: 'app:info',
  saveIncidentFile: 'file:save-incident',
  openIncidentFile: 'file:open-incident',
  notify: 'notice:desktop',
  listDisplays: 'wall:list-displays',
  openWall: 'wall:open',
  closeWalls: 'wall:close-all',
  deliverWebhook: 'comms:deliver-webhook',
  openExternal: 'comms:open-external',
  copyText: 'comms:copy-text',
  saveStatusPage: 'file:save-status-page',
  saveScenario: 'file:save-scenario',
  savePostmortem: 'file:save-postmortem',
  printPostmortemPdf: 'file:print-postmortem-pdf',
  saveSyncBundle: 'file:save-sync-bundle',
  openSyncBundle: 'file:open-sync-bundle',
  lanHubState: 'hub:state',
  startLanHub: 'hub:start',
  stopLanHub: 'hub:stop',
  pinHubCertificate: 'hub:pin-certificate',
  lanHubDevices: 'hub:devices',
  removeLanHubDevice: 'hub:remove-device',
  rotateLanHubJoinCode: 'hub:rotate-join-code',
  /** The console subscribed to shell commands and can take the ones that waited. */
  consoleReady: 'shell:ready',
  /** The console's language, for the shell's own words: menu, dialog titles, wall window title. */
  setLanguage: 'shell:set-language',
} as const;

/** The languages both the console and the shell speak. */
export const SHELL_LANGUAGES = ['en', 'da'] as const;
export type ShellLanguage = (typeof SHELL_LANGUAGES)[number];

/** Main → renderer messages (webContents.send). */
export const PUSH_CHANNELS = {
  command: 'shell:command',
} as const;

export type AppInfo = {
  name: string;
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
};

export type SaveFileRequest = { suggestedName: string; contents: string };
export type SaveFileResult =
  | { status: 'saved'; location: string }
  | { status: 'cancelled' }
  | { status: 'failed'; detail: string };

/** A page to print to PDF (the post-mortem, continuity plans): `suggestedName` ends in .pdf. */
export type PrintPdfRequest = { html: string; suggestedName: string };
/** `printDialog`: a browser showed its own print dialog, where the person saves it as PDF. */
export type PrintPdfResult = SaveFileResult | { status: 'printDialog' };

export type OpenFileResult =
  | { status: 'opened'; name: string; contents: string }
  | { status: 'cancelled' }
  | { status: 'tooLarge'; name: string; bytes: number }
  | { status: 'failed'; detail: string };

/** A message posted to a configured webhook; only the headers the schema allows are sent. */
export type WebhookRequest = { url: string; headers: Record<string, string>; body: string };
export type WebhookOutcome =
  /** Any HTTP answer, 3xx to 5xx included; detail is the standard name of its status code, never the receiver's own words (outcomes reach every console). */
  | { status: 'responded'; code: number; detail: string }
  | { status: 'timedOut' }
  /** DNS, refused, reset, TLS: the receiver never answered. */
  | { status: 'unreachable'; detail: string }
  /** Refused before sending: bad address, a header not allowed, a body too large, a destination the operator does not allow. */
  | { status: 'invalid'; detail: string }
  /** This platform cannot post webhooks (a browser's CSP forbids it): the message waits for a desktop console or the hub. */
  | { status: 'unavailable' };

/** The hub this desktop console hosts for the room (the LAN hub). */
export type LanHubState =
  | { status: 'stopped' }
  | {
      status: 'running';
      /** Addresses other consoles in the room can reach, best first (wss://192.168.1.20:4848/sync). */
      addresses: string[];
      /** Where this console itself connects. */
      localAddress: string;
      joinCode: string;
      spaceName: string;
      /** SHA-256 of the hub's self-signed certificate (base64url), which joining consoles pin; null when it serves plain ws://. */
      fingerprint: string | null;
    }
  | { status: 'failed'; detail: string }
  /** A browser cannot host a hub. */
  | { status: 'unavailable' };

/** A device that joined the room hub, as its host sees it (never its token). Times in ms since the epoch. */
export type HubDevice = {
  deviceId: string;
  name: string;
  joinedAt: number;
  lastSeenAt: number;
  removedAt: number | null;
  storedBytes: number;
};

/** What must not be missed, shown by the operating system. `route` is where a click takes the operator. */
export type DesktopNotice = { title: string; body: string; route?: string };

export type DisplayInfo = {
  id: number;
  /** The name the operating system gives the screen, or empty when it gives none. */
  name: string;
  /** Physical pixels, what the screen's owner knows it by (3840 × 2160). */
  width: number;
  height: number;
  primary: boolean;
  /** The console's own window is on this screen. */
  hostsConsole: boolean;
  /** A wall window is already showing on this screen. */
  hasWall: boolean;
};

export const WALL_MODES = ['fullscreen', 'kiosk'] as const;
export type WallMode = (typeof WALL_MODES)[number];
/** `incidentId` null: the overview of every open incident, rotating through each. */
export type OpenWallRequest = { incidentId: string | null; displayId: number; mode: WallMode; options: WallOptions };
export type OpenWallResult = { status: 'opened' } | { status: 'noSuchDisplay' } | { status: 'blocked' };

/** What the shell's menu, the operating system or a notification asks the console to do. */
export type ShellCommand =
  | { type: 'declareIncident' }
  | { type: 'exportIncident' }
  | { type: 'importIncident' }
  | { type: 'chooseWallDisplay' }
  /** Show the incident on screen now on this display (the menu lists displays; the console knows the incident). */
  | { type: 'showWallOn'; displayId: number }
  | { type: 'editProfile' }
  | { type: 'navigate'; route: string }
  /** A `.warroom` file the operating system asked the app to open; the console decides whether to import it. */
  | { type: 'incidentFileOpened'; file: OpenFileResult };

export type WarroomBridge = {
  readonly shell: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  saveIncidentFile(request: SaveFileRequest): Promise<SaveFileResult>;
  openIncidentFile(): Promise<OpenFileResult>;
  /** Resolves true when the operating system showed it; false when the console must show it itself. */
  notify(notice: DesktopNotice): Promise<boolean>;
  listDisplays(): Promise<DisplayInfo[]>;
  openWall(request: OpenWallRequest): Promise<OpenWallResult>;
  closeWalls(): Promise<void>;
  deliverWebhook(request: WebhookRequest): Promise<WebhookOutcome>;
  /** Hands a bridge join link or a mailto: draft to the operating system; false if refused or it failed. */
  openExternal(url: string): Promise<boolean>;
  /** Puts text on the clipboard; false if that failed. */
  copyText(text: string): Promise<boolean>;
  /** Like saveIncidentFile, for the status page as an .html file. */
  saveStatusPage(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Like saveIncidentFile, for a drill scenario as a .json file. */
  saveScenario(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Like saveIncidentFile, for a post-mortem as Markdown (.md), a web page (.html) or the timeline as CSV (.csv). */
  savePostmortem(request: SaveFileRequest): Promise<SaveFileResult>;
  /** The desktop app prints the page to a PDF file; a browser opens its print dialog. */
  printPostmortemPdf(request: PrintPdfRequest): Promise<PrintPdfResult>;
  /** Like saveIncidentFile, for a sync bundle (the whole log, for another console without a network). */
  saveSyncBundle(request: SaveFileRequest): Promise<SaveFileResult>;
  openSyncBundle(): Promise<OpenFileResult>;
  lanHubState(): Promise<LanHubState>;
  /** Starts hosting (or returns the running hub); the hub keeps its data and join code across restarts. */
  startLanHub(): Promise<LanHubState>;
  stopLanHub(): Promise<LanHubState>;
  /**
   * Trusts a room hub's self-signed certificate, by its fingerprint, for the address being joined.
   * False where that cannot be done: a browser checks certificates only against the authorities it knows.
   */
  pinHubCertificate(pin: HubPin): Promise<boolean>;
  /** The devices that joined the hub this console hosts; none when it hosts none. Only its host manages them. */
  lanHubDevices(): Promise<HubDevice[]>;
  /** Its token stops working and its connection closes at once; its events stay. False if it was not a member. */
  removeLanHubDevice(deviceId: string): Promise<boolean>;
  /** A new join code: the old one stops working; devices that joined keep syncing. */
  rotateLanHubJoinCode(): Promise<LanHubState>;
  /** Tells the shell the console's language, so its menu and dialogs speak it too; only the console window may. */
  setLanguage(locale: ShellLanguage): Promise<void>;
  /** Subscribes to shell commands; returns the unsubscribe. */
  onCommand(listener: (command: unknown) => void): () => void;
};

/** The global name the Electron preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'warroom';

