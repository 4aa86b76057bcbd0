/** Electron entry point: the only module that loads `electron`; the logic lives in the injected-API modules beside it. */
import { randomFillSync } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';

import {
  BrowserWindow,
  Menu,
  Notification,
  app,
  clipboard,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
  type BrowserWindowConstructorOptions,
} from 'electron';

import { PUSH_CHANNELS, type ShellCommand, type WebhookRequest } from '@shared/platform/bridge';
import { wallRoute } from '@shared/platform/wallRoute';

import { PUBLIC_ONLY, allowListFromEnv } from '../outbound/destinations';
import type { SqliteDriver } from '../hub/sqliteStore';
import { createConsoleChannel } from './consoleChannel';
import { describeDisplays } from './displays';
import { createIncidentFileService, isIncidentFilePath } from './files';
import { createHubPins } from './hubPins';
import { registerIpcHandlers } from './ipc';
import { createLanHub } from './lanHub';
import { claimSingleInstance, incidentFileArgument } from './launch';
import { buildMenuTemplate } from './menu';
import { createDesktopNotifier } from './notifications';
import { createPostmortemExporter, guardPrintSession, registerPostmortemHandlers } from './postmortemExport';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './protocol';
import { denyPermissions, guardNavigation } from './security';
import { shellStrings } from './strings';
import { createWallManager } from './wall';
import { postWebhook } from '../outbound/webhook';
import { loadRoomCertificate } from './roomCertificate';
import { PRINT_PARTITION, assertSecureWindow, mainWindowOptions, printWindowOptions, wallWindowOptions } from './window';

const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let consoleWindow: BrowserWindow | null = null;

/**
 * The one place windows are made. Options come from the tested factories in
 * window.ts and assertSecureWindow refuses any that drift; the isolation
 * settings are also spelled out here, where a reviewer (and Electronegativity)
 * reads the constructor.
 */
function createSecureWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  assertSecureWindow(options);
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** The operator's console window asked: wall windows may not. */
function isConsoleSender(sender: unknown): boolean {
  return consoleWindow !== null && !consoleWindow.isDestroyed() && sender === consoleWindow.webContents;
}

const channel = createConsoleChannel((command: ShellCommand) => {
  if (!consoleWindow || consoleWindow.isDestroyed()) return false;
  consoleWindow.webContents.send(PUSH_CHANNELS.command, command);
  return true;
});

function focusConsole(): void {
  if (!consoleWindow) {
    if (app.isReady()) createConsoleWindow();
    return;
  }
  if (consoleWindow.isMinimized()) consoleWindow.restore();
  consoleWindow.show();
  consoleWindow.focus();
}

let strings = shellStrings('en');

const files = createIncidentFileService({
  dialogs: {
    showSaveDialog: (options) => (consoleWindow ? dialog.showSaveDialog(consoleWindow, options) : dialog.showSaveDialog(options)),
    showOpenDialog: (options) => (consoleWindow ? dialog.showOpenDialog(consoleWindow, options) : dialog.showOpenDialog(options)),
  },
  fs: { readFile, rename, stat, unlink, writeFile },
  defaultDirectory: () => app.getPath('documents'),
  strings: () => ({
    saveTitle: strings('dialog.exportTitle'),
    openTitle: strings('dialog.importTitle'),
    filterName: strings('dialog.filterName'),
    statusPageTitle: strings('dialog.statusPageTitle'),
    statusPageFilterName: strings('dialog.statusPageFilterName'),
    scenarioTitle: strings('dialog.scenarioTitle'),
    scenarioFilterName: strings('dialog.scenarioFilterName'),
    bundleSaveTitle: strings('dialog.bundleSaveTitle'),
    bundleOpenTitle: strings('dialog.bundleOpenTitle'),
    bundleFilterName: strings('dialog.bundleFilterName'),
  }),
});

const postmortems = createPostmortemExporter({
  dialogs: { showSaveDialog: (options) => (consoleWindow ? dialog.showSaveDialog(consoleWindow, options) : dialog.showSaveDialog(options)) },
  fs: { writeFile, rename, unlink, mkdtemp, rm },
  defaultDirectory: () => app.getPath('documents'),
  temporaryDirectory: () => app.getPath('temp'),
  openPrintWindow: () => createSecureWindow(printWindowOptions()),
  strings: () => ({
    saveTitle: strings('dialog.postmortemTitle'),
    pdfTitle: strings('dialog.postmortemPdfTitle'),
    markdownFilterName: strings('dialog.markdownFilterName'),
    htmlFilterName: strings('dialog.htmlFilterName'),
    csvFilterName: strings('dialog.csvFilterName'),
    pdfFilterName: strings('dialog.pdfFilterName'),
  }),
});

/** node:sqlite, built into Electron's Node: no native module to rebuild against Electron's headers. */
function openSqlite(file: string): SqliteDriver {
  const sqlite = process.getBuiltinModule('node:sqlite') as { DatabaseSync: new (file: string) => SqliteDriver } | undefined;
  if (!sqlite) throw new Error('this Electron has no node:sqlite');
  return new sqlite.DatabaseSync(file);
}

/**
 * Private or local webhook destinations this computer's operator allows
 * (WARROOM_WEBHOOK_ALLOW); webhook addresses come from settings any member can
 * change, so nothing synced widens this. An entry that cannot be read allows nothing more.
 */
const webhookAllow = (() => {
  try {
    return allowListFromEnv(process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)} Webhooks go to public addresses only.`);
    return PUBLIC_ONLY;
  }
})();
const postAllowedWebhook = (request: WebhookRequest) => postWebhook(request, { allow: webhookAllow });
/** The room hub's certificate, once loaded: this console trusts it on its own addresses. */
let roomHubFingerprint: string | null = null;

const lanHub = createLanHub({
  openDatabase: openSqlite,
  dataFile: () => path.join(app.getPath('userData'), 'lan-hub.sqlite'),
  networkInterfaces: () => networkInterfaces(),
  random: (bytes) => randomFillSync(bytes),
  spaceName: () => hostname(),
  strings: () => strings,
  log: (line) => console.log(line),
  postWebhook: postAllowedWebhook,
  certificate: async () => {
    const certificate = await loadRoomCertificate(path.join(app.getPath('userData'), 'room-hub'), (line) => console.log(line));
    roomHubFingerprint = certificate.fingerprint;
    trustPinnedCertificates();
    return certificate;
  },
});

const hubPins = createHubPins({
  file: () => path.join(app.getPath('userData'), 'hub-pins.json'),
  ownFingerprint: () => roomHubFingerprint,
  onChange: () => trustPinnedCertificates(),
  log: (line) => console.error(line),
});

/** (Re)installs the certificate check: installing it again drops the verdicts Chromium cached before a pin changed. */
function trustPinnedCertificates(): void {
  if (!app.isReady()) return;
  session.defaultSession.setCertificateVerifyProc((request, callback) => callback(hubPins.verify(request)));
}
/** How long quitting waits for the hub to finish the requests in progress and close its database. */
const HUB_STOP_GRACE_MS = 5_000;

/** A file the operating system asked us to open: read it here, let the console decide what to import. */
function openFromOperatingSystem(filePath: string): void {
  files
    .read(filePath)
    .then((file) => {
      channel.post({ type: 'incidentFileOpened', file });
      focusConsole();
    })
    .catch((error: unknown) => console.error('Could not open the incident file', error));
}

const walls = createWallManager({
  displays: () => screen.getAllDisplays(),
  createWindow: (display, request) => {
    const win = createSecureWindow(wallWindowOptions(preloadPath, display.bounds, request.mode, strings('wall.title')));
    // Escape ends a wall as it ends a slideshow: kiosk mode otherwise has no way out on the wall itself.
    win.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        win.close();
      }
    });
    return win;
  },
  urlFor: ({ incidentId, options }) => `${APP_ENTRY_URL}${wallRoute(incidentId, options)}`,
  onChange: () => refreshMenu(),
  onError: (error) => console.error('Could not load the wall', error),
});

function displays() {
  return describeDisplays(screen.getAllDisplays(), {
    primaryId: screen.getPrimaryDisplay().id,
    consoleDisplayId: consoleWindow && !consoleWindow.isDestroyed() ? screen.getDisplayMatching(consoleWindow.getBounds()).id : undefined,
    wallDisplayIds: walls.displayIds(),
  });
}

function refreshMenu(): void {
  if (!app.isReady()) return;
  const template = buildMenuTemplate({
    platform: process.platform,
    strings,
    displays: displays(),
    developer: !app.isPackaged,
    send: (command) => channel.post(command),
    closeWalls: () => walls.closeAll(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

const notifier = createDesktopNotifier({
  isSupported: () => Notification.isSupported(),
  create: (options) => new Notification(options),
  onClick: (route) => {
    focusConsole();
    if (route) channel.post({ type: 'navigate', route });
  },
});

function createConsoleWindow(): void {
  const win = createSecureWindow(mainWindowOptions(preloadPath));
  consoleWindow = win;
  win.once('ready-to-show', () => win.show());
  // A reload or a new page must subscribe again before it is sent anything.
  win.webContents.on('did-navigate', () => channel.reset());
  // Which screen the console is on decides which displays the Wall menu offers; 'move' fires all through a drag.
  let moved: NodeJS.Timeout | undefined;
  win.on('move', () => {
    clearTimeout(moved);
    moved = setTimeout(refreshMenu, 300);
  });
  win.on('closed', () => {
    if (consoleWindow === win) consoleWindow = null;
    walls.closeAll();
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Could not load the console', error));
}

// A separate profile (its own database and its own single-instance lock), e.g. two consoles on one machine in a drill.
const profileDirectory = app.commandLine.getSwitchValue('user-data-dir');
if (profileDirectory) app.setPath('userData', path.resolve(profileDirectory));

// Must run before 'ready': privileges cannot be granted to a scheme afterwards.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (claimSingleInstance(app, isIncidentFilePath, (file) => (file ? openFromOperatingSystem(file) : focusConsole()))) {
  // Windows shows notifications only for an app with an identity.
  app.setAppUserModelId('io.warroom.console');

  // macOS passes double-clicked files here, possibly before 'ready'.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFromOperatingSystem(filePath);
  });

  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, (url) => shell.openExternal(url));
  });

  // The hub's connections are told it is going away and its database is closed cleanly before the process ends.
  let hubStopped = false;
  app.on('will-quit', (event) => {
    if (hubStopped) return;
    hubStopped = true;
    event.preventDefault();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, HUB_STOP_GRACE_MS));
    void Promise.race([lanHub.stop(), grace])
      .catch((error: unknown) => console.error('Could not stop the LAN hub', error))
      .finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !consoleWindow) createConsoleWindow();
  });

  app
    .whenReady()
    .then(() => hubPins.load())
    .then(() => {
      // Until the console says which language it speaks.
      strings = shellStrings(app.getLocale());
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, readFile));
      denyPermissions(session.defaultSession);
      trustPinnedCertificates();
      guardPrintSession(session.fromPartition(PRINT_PARTITION));
      registerIpcHandlers(ipcMain, {
        appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
        files,
        notifier,
        walls,
        lanHub,
        hubPins,
        displays,
        isConsole: isConsoleSender,
        consoleReady: () => channel.ready(),
        setLanguage: (locale) => {
          strings = shellStrings(locale);
          refreshMenu();
        },
        postWebhook: postAllowedWebhook,
        openExternal: (url) => shell.openExternal(url),
        clipboard,
      });
      registerPostmortemHandlers(ipcMain, postmortems, isConsoleSender);
      for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
        screen.on(event as 'display-added', () => {
          walls.displaysChanged();
          refreshMenu();
        });
      }
      createConsoleWindow();
      refreshMenu();
      const launchFile = incidentFileArgument(process.argv, isIncidentFilePath);
      if (launchFile) openFromOperatingSystem(path.resolve(launchFile));
    })
    .catch((error: unknown) => {
      console.error('Warroom failed to start', error);
      app.exit(1);
    });
}
