import { describe, expect, it } from 'vitest';

import type { DisplayInfo, OpenWallRequest } from '@shared/platform/bridge';

import { preferredWallDisplay } from '@shared/platform/displays';
import { DEFAULT_WALL_OPTIONS, wallRoute } from '@shared/platform/wallRoute';

import { describeDisplays, displayLabel, type ScreenDisplay } from './displays';
import { createWallManager, type WallWindow } from './wall';

const laptop: ScreenDisplay = { id: 1, label: 'Built-in Retina Display', bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 };
const wall: ScreenDisplay = { id: 7, label: 'LG 65UN', bounds: { x: 1440, y: 0, width: 3840, height: 2160 }, scaleFactor: 1 };
const projector: ScreenDisplay = { id: 9, bounds: { x: 5280, y: 0, width: 1280, height: 720 }, scaleFactor: 1 };

class FakeWall implements WallWindow {
  urls: string[] = [];
  closed = false;
  shown = false;
  kiosk = false;
  fullScreen = false;
  private closedListeners: (() => void)[] = [];
  private readyListeners: (() => void)[] = [];
  constructor(readonly display: ScreenDisplay, readonly request: OpenWallRequest) {}
  async loadURL(url: string) {
    this.urls.push(url);
  }
  showInactive() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.closedListeners.forEach((listener) => listener());
  }
  isDestroyed() {
    return this.closed;
  }
  setBounds() {}
  setFullScreen(flag: boolean) {
    this.fullScreen = flag;
  }
  setKiosk(flag: boolean) {
    this.kiosk = flag;
  }
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListeners.push(listener);
  }
  on(_event: 'closed', listener: () => void) {
    this.closedListeners.push(listener);
  }
  becomeReady() {
    this.readyListeners.forEach((listener) => listener());
  }
}

function setUp(initial: ScreenDisplay[] = [laptop, wall]) {
  let displays = initial;
  const windows: FakeWall[] = [];
  let changes = 0;
  const manager = createWallManager({
    displays: () => displays,
    createWindow: (display, request) => {
      const win = new FakeWall(display, request);
      windows.push(win);
      return win;
    },
    urlFor: ({ incidentId, options }) => `app://warroom/index.html${wallRoute(incidentId, options)}`,
    onChange: () => changes++,
    onError: (error) => {
      throw error;
    },
  });
  return { manager, windows, setDisplays: (next: ScreenDisplay[]) => (displays = next), changes: () => changes };
}

const request = (displayId: number, mode: OpenWallRequest['mode'] = 'fullscreen'): OpenWallRequest => ({ incidentId: 'aaaaaaaa01:1', displayId, mode, options: DEFAULT_WALL_OPTIONS });

describe('displays', () => {
  const described = describeDisplays([laptop, wall, projector], { primaryId: 1, consoleDisplayId: 1, wallDisplayIds: new Set([9]) });

  it('reports physical pixels, the primary screen, where the console is and where walls are', () => {
    expect(described).toEqual([
      { id: 1, name: 'Built-in Retina Display', width: 2880, height: 1800, primary: true, hostsConsole: true, hasWall: false },
      { id: 7, name: 'LG 65UN', width: 3840, height: 2160, primary: false, hostsConsole: false, hasWall: false },
      { id: 9, name: '', width: 1280, height: 720, primary: false, hostsConsole: false, hasWall: true },
    ]);
  });

  it('prefers the largest screen the operator is not working on', () => {
    expect(preferredWallDisplay(described)?.id).toBe(7);
    const single: DisplayInfo[] = described.slice(0, 1);
    expect(preferredWallDisplay(single)?.id).toBe(1);
    expect(preferredWallDisplay([])).toBeUndefined();
  });

  it('labels screens by number, name and size, naming the nameless', () => {
    expect(displayLabel(described[1]!, 1, { unnamed: 'Display' })).toBe('2: LG 65UN (3840 × 2160)');
    expect(displayLabel(described[2]!, 2, { unnamed: 'Display' })).toBe('3: Display (1280 × 720)');
  });
});

describe('wall windows', () => {
  it('opens a wall on the chosen display with the read-only route, shown without taking focus', async () => {
    const { manager, windows } = setUp();
    expect(await manager.open(request(7, 'kiosk'))).toEqual({ status: 'opened' });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.display).toBe(wall);
    expect(windows[0]!.request.mode).toBe('kiosk');
    expect(windows[0]!.urls).toEqual(['app://warroom/index.html#/wall/aaaaaaaa01%3A1']);
    windows[0]!.becomeReady();
    expect(windows[0]!.shown).toBe(true);
    expect(manager.displayIds()).toEqual(new Set([7]));
  });

  it('shows the overview of every open incident, with its clocks and rotation in the route', async () => {
    const { manager, windows } = setUp();
    const options = { zones: ['Europe/Copenhagen', 'America/Argentina/Buenos_Aires'], rotateSeconds: 45 };
    expect(await manager.open({ ...request(7), incidentId: null, options })).toEqual({ status: 'opened' });
    expect(windows[0]!.urls).toEqual(['app://warroom/index.html#/wall?zones=Europe%2FCopenhagen,America%2FArgentina%2FBuenos_Aires&rotate=45']);
    // The same display's wall switches from the overview to one incident, keeping its clocks.
    await manager.open({ ...request(7), options });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.urls.at(-1)).toBe('app://warroom/index.html#/wall/aaaaaaaa01%3A1?zones=Europe%2FCopenhagen,America%2FArgentina%2FBuenos_Aires');
  });

  it('refuses a display that is not attached', async () => {
    const { manager, windows } = setUp();
    expect(await manager.open(request(42))).toEqual({ status: 'noSuchDisplay' });
    expect(windows).toEqual([]);
  });

  it('reuses the wall already on a display, switching incident and mode', async () => {
    const { manager, windows } = setUp();
    await manager.open(request(7, 'fullscreen'));
    await manager.open({ ...request(7, 'kiosk'), incidentId: 'bbbbbbbb01:4' });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.urls.at(-1)).toBe('app://warroom/index.html#/wall/bbbbbbbb01%3A4');
    expect(windows[0]!.kiosk).toBe(true);
    expect(windows[0]!.fullScreen).toBe(false);
  });

  it('forgets a wall closed by its own hand, and closes all on request', async () => {
    const { manager, windows, changes } = setUp([laptop, wall, projector]);
    await manager.open(request(7));
    await manager.open(request(9));
    windows[0]!.close();
    expect(manager.displayIds()).toEqual(new Set([9]));
    manager.closeAll();
    expect(windows[1]!.closed).toBe(true);
    expect(manager.displayIds()).toEqual(new Set());
    expect(changes()).toBe(4);
  });

  it('closes the wall of a display that was unplugged, and only that one', async () => {
    const { manager, windows, setDisplays } = setUp([laptop, wall, projector]);
    await manager.open(request(7));
    await manager.open(request(9));
    setDisplays([laptop, wall]);
    manager.displaysChanged();
    expect(windows.map((w) => w.closed)).toEqual([false, true]);
  });
});
