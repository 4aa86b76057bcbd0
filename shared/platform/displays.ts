import type { DisplayInfo } from './bridge';

/**
 * The display a wall most likely belongs on: not the one the operator works
 * on, and the largest of the rest. With a single screen, that screen.
 */
export function preferredWallDisplay(displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  const others = displays.filter((display) => !display.hostsConsole);
  const candidates = others.length ? others : displays;
  return [...candidates].sort((a, b) => b.width * b.height - a.width * a.height)[0];
}
