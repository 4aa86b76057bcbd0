/** The platform bridge as React context: the real one by default, a stand-in where a test needs the Electron shell. */
import { createContext, useContext, type ReactNode } from 'react';

import type { WarroomBridge } from '@shared/platform/bridge';

import { bridge } from './bridge';

const PlatformContext = createContext<WarroomBridge>(bridge);

export function PlatformProvider({ platform, children }: { platform: WarroomBridge; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): WarroomBridge {
  return useContext(PlatformContext);
}
