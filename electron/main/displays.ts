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

/** "2: DELL U2720Q (3840 × 2160)": numbered as listed, so a name-less screen can still be told apart. */
export function displayLabel(display: DisplayInfo, index: number, template: { unnamed: string }): string {
  const name = display.name || template.unnamed;
  return `${index + 1}: ${name} (${display.width} × ${display.height})`;
}
