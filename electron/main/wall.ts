/**
 * Wall windows: at most one per display, each showing one incident read-only.
 * The Electron window and screen are injected so the bookkeeping runs on Node.
 */
import type { OpenWallRequest, OpenWallResult } from '@shared/platform/bridge';

import type { ScreenDisplay } from './displays';

export interface WallWindow {
  loadURL(url: string): Promise<void>;
  showInactive(): void;
  close(): void;
  isDestroyed(): boolean;
  setBounds(bounds: ScreenDisplay['bounds']): void;
  setFullScreen(flag: boolean): void;
  setKiosk(flag: boolean): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export type WallManager = {
  open(request: OpenWallRequest): Promise<OpenWallResult>;
  closeAll(): void;
  /** Displays that show a wall now. */
  displayIds(): Set<number>;
  /** A display went away: its wall goes with it rather than landing on the operator's screen. */
  displaysChanged(): void;
};

export function createWallManager(deps: {
  displays: () => readonly ScreenDisplay[];
  createWindow: (display: ScreenDisplay, request: OpenWallRequest) => WallWindow;
  urlFor: (request: OpenWallRequest) => string;
  onChange: () => void;
  onError: (error: unknown) => void;
}): WallManager {
  const walls = new Map<number, WallWindow>();

  function forget(displayId: number, win: WallWindow) {
    if (walls.get(displayId) === win) {
      walls.delete(displayId);
      deps.onChange();
    }
  }

  return {
    async open(request) {
      const display = deps.displays().find((candidate) => candidate.id === request.displayId);
      if (!display) return { status: 'noSuchDisplay' };
      const url = deps.urlFor(request);
      const existing = walls.get(display.id);
      if (existing && !existing.isDestroyed()) {
        // Reuse the display's wall: a second window would hide behind the first.
        existing.setKiosk(request.mode === 'kiosk');
        existing.setFullScreen(request.mode === 'fullscreen');
        await existing.loadURL(url);
        return { status: 'opened' };
      }
      const win = deps.createWindow(display, request);
      walls.set(display.id, win);
      win.on('closed', () => forget(display.id, win));
      win.once('ready-to-show', () => win.showInactive());
      deps.onChange();
      win.loadURL(url).catch(deps.onError);
      return { status: 'opened' };
    },

    closeAll() {
      for (const win of walls.values()) if (!win.isDestroyed()) win.close();
    },

    displayIds() {
      return new Set(walls.keys());
    },

    displaysChanged() {
      const present = new Set(deps.displays().map((display) => display.id));
      for (const [displayId, win] of walls) {
        if (!present.has(displayId) && !win.isDestroyed()) win.close();
      }
    },
  };
}
