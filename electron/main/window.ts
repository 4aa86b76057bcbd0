import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_BACKGROUND = '#0f1419';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Warroom',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show' so the first frame is the console, not a blank window.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      webviewTag: false,
    },
  };
}
