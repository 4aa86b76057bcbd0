/** Electron entry point: the only module that loads `electron`; the logic lives in the injected-API modules beside it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { BrowserWindow, app, ipcMain, protocol, session, shell } from 'electron';

import { registerIpcHandlers } from './ipc';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './protocol';
import { denyPermissions, guardNavigation } from './security';
import { mainWindowOptions } from './window';

const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Could not load the console', error));
}

// Must run before 'ready': privileges cannot be granted to a scheme afterwards.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, (url) => shell.openExternal(url));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, readFile));
      denyPermissions(session.defaultSession);
      registerIpcHandlers(ipcMain, { name: app.getName(), version: app.getVersion(), platform: process.platform });
      createMainWindow();
    })
    .catch((error: unknown) => {
      console.error('Warroom failed to start', error);
      app.exit(1);
    });
}
