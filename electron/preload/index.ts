/**
 * Sandboxed preload: exposes the platform bridge and nothing else. ipcRenderer
 * itself never reaches the page, so the renderer can only call these methods.
 */
import { contextBridge, ipcRenderer } from 'electron';

import { BRIDGE_GLOBAL, IPC_CHANNELS, type WarroomBridge } from '@shared/platform/bridge';

const bridge = {
  shell: 'electron',
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
} satisfies WarroomBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
