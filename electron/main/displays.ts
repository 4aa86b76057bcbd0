/** The screens attached to this machine, as the console and the menu present them. */
import type { DisplayInfo } from '@shared/platform/bridge';

import type { Rectangle } from './window';

/** The part of Electron's Display the shell reads. */
export type ScreenDisplay = { id: number; label?: string; bounds: Rectangle; scaleFactor: number };

export function describeDisplays(
  displays: readonly ScreenDisplay[],
  context: { primaryId: number; consoleDisplayId: number | undefined; wallDisplayIds: ReadonlySet<number> },
): DisplayInfo[] {
  return displays.map((display) => ({
    id: display.id,
    name: display.label?.trim() ?? '',
    width: Math.round(display.bounds.width * display.scaleFactor),
    height: Math.round(display.bounds.height * display.scaleFactor),
    primary: display.id === context.primaryId,
    hostsConsole: display.id === context.consoleDisplayId,
    hasWall: context.wallDisplayIds.has(display.id),
  }));
}

/**
 * The display a wall most likely belongs on: not the one the operator works
 * on, and the largest of the rest. With a single screen, that screen.
 */
export function preferredWallDisplay(displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  const others = displays.filter((display) => !display.hostsConsole);
  const candidates = others.length ? others : displays;
  return [...candidates].sort((a, b) => b.width * b.height - a.width * a.height)[0];
}

/** "2: DELL U2720Q (3840 × 2160)": numbered as listed, so a name-less screen can still be told apart. */
export function displayLabel(display: DisplayInfo, index: number, template: { unnamed: string }): string {
  const name = display.name || template.unnamed;
  return `${index + 1}: ${name} (${display.width} × ${display.height})`;
}
