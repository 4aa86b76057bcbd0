import { describe, expect, it } from 'vitest';

import { assertSecureWindow, mainWindowOptions, secureWebPreferences, wallWindowOptions } from './window';

const preload = '/app/dist/electron/preload.cjs';

describe('window options', () => {
  const options = mainWindowOptions(preload);

  it('isolates and sandboxes the renderer', () => {
    expect(options.webPreferences).toEqual({
      preload,
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('stays hidden until ready-to-show, on the console background colour', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0f1419');
  });

  it('has a minimum size no larger than its default size', () => {
    expect(options.minWidth).toBeLessThanOrEqual(options.width!);
    expect(options.minHeight).toBeLessThanOrEqual(options.height!);
  });

  it('places a wall window on its display, frameless, in the chosen mode, with the same preferences', () => {
    const bounds = { x: 1920, y: 0, width: 3840, height: 2160 };
    const fullscreen = wallWindowOptions(preload, bounds, 'fullscreen', 'Wall');
    expect(fullscreen).toMatchObject({ ...bounds, frame: false, fullscreen: true, kiosk: false, show: false });
    expect(wallWindowOptions(preload, bounds, 'kiosk', 'Wall')).toMatchObject({ fullscreen: false, kiosk: true });
    expect(fullscreen.webPreferences).toEqual(secureWebPreferences(preload));
  });
});

describe('assertSecureWindow', () => {
  it('accepts the windows the shell opens', () => {
    expect(() => assertSecureWindow(mainWindowOptions(preload))).not.toThrow();
    expect(() => assertSecureWindow(wallWindowOptions(preload, { x: 0, y: 0, width: 1, height: 1 }, 'kiosk', 'W'))).not.toThrow();
  });

  it.each([
    ['sandbox', false],
    ['contextIsolation', false],
    ['nodeIntegration', true],
    ['webSecurity', false],
    ['webviewTag', true],
    ['sandbox', undefined],
  ])('refuses a window with %s = %s', (key, value) => {
    const options = mainWindowOptions(preload);
    const webPreferences = { ...options.webPreferences, [key]: value };
    expect(() => assertSecureWindow({ ...options, webPreferences })).toThrow(new RegExp(key));
  });

  it('refuses preferences nobody reviewed, and a window with none', () => {
    const options = mainWindowOptions(preload);
    expect(() => assertSecureWindow({ ...options, webPreferences: { ...options.webPreferences, enableBlinkFeatures: 'X' } })).toThrow(/enableBlinkFeatures/);
    expect(() => assertSecureWindow({ title: 'bare' })).toThrow(/sandbox/);
  });
});
