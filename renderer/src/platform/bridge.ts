/** The one place the console reaches for the platform: Electron's preload bridge when present, else the browser's. */
import { BRIDGE_GLOBAL, type WarroomBridge } from '@shared/platform/bridge';

import { browserBridge } from './browserBridge';

function electronBridge(): WarroomBridge | undefined {
  const candidate = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as WarroomBridge | undefined;
  return candidate?.shell === 'electron' ? candidate : undefined;
}

export const bridge: WarroomBridge = electronBridge() ?? browserBridge;
