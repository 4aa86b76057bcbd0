/**
 * Options for every window the shell opens. All of them share one set of web
 * preferences, and assertSecureWindow refuses to create a window without them.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

import type { WallMode } from '@shared/platform/bridge';

export const WINDOW_BACKGROUND = '#0f1419';

export type Rectangle = { x: number; y: number; width: number; height: number };

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would otherwise try to open links in new windows.
    disableBlinkFeatures: 'Auxclick',
  };
}

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
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * A wall window covers one display. It is placed on the display before it is
 * made full screen: full screen and kiosk take the display the window is on.
 */
export function wallWindowOptions(preloadPath: string, bounds: Rectangle, mode: WallMode, title: string): BrowserWindowConstructorOptions {
  return {
    title,
    ...bounds,
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    frame: false,
    autoHideMenuBar: true,
    fullscreen: mode === 'fullscreen',
    kiosk: mode === 'kiosk',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The hidden window a page is printed to PDF in: no bridge, no script, its own throwaway session. */
export const PRINT_PARTITION = 'warroom-print';

export function printWindowOptions(): BrowserWindowConstructorOptions {
  const { preload: _noBridge, ...preferences } = secureWebPreferences('');
  return {
    show: false,
    webPreferences: { ...preferences, javascript: false, partition: PRINT_PARTITION },
  };
}

const REQUIRED_PREFERENCES = secureWebPreferences('');

/** Preferences a window may add to the secure set, each only when it takes something away. */
const RESTRICTING_PREFERENCES: Partial<Record<keyof WebPreferences, (value: unknown) => boolean>> = {
  javascript: (value) => value === false,
  // A partition without "persist:" lives in memory only and is gone when the app quits.
  partition: (value) => typeof value === 'string' && value !== '' && !value.startsWith('persist:'),
};

/** Fails closed: a window whose preferences drift from the secure set is never created. */
export function assertSecureWindow(options: BrowserWindowConstructorOptions): void {
  const preferences = options.webPreferences ?? {};
  for (const [key, required] of Object.entries(REQUIRED_PREFERENCES)) {
    if (key === 'preload') continue;
    if (preferences[key as keyof WebPreferences] !== required) {
      throw new Error(`Refusing to open a window with webPreferences.${key} = ${String(preferences[key as keyof WebPreferences])}`);
    }
  }
  const unexpected = Object.entries(preferences)
    .filter(([key, value]) => !(key in REQUIRED_PREFERENCES) && !RESTRICTING_PREFERENCES[key as keyof WebPreferences]?.(value))
    .map(([key]) => key);
  if (unexpected.length) throw new Error(`Refusing to open a window with unreviewed webPreferences: ${unexpected.join(', ')}`);
}
