import { describe, expect, it } from 'vitest';

import { mainWindowOptions } from './window';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');

  it('isolates and sandboxes the renderer', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      webviewTag: false,
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
});
