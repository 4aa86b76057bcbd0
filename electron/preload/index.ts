/**
 * Sandboxed preload: exposes the platform bridge and nothing else. ipcRenderer
 * itself never reaches the page, so the renderer can only call these methods.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { BRIDGE_GLOBAL, IPC_CHANNELS, PUSH_CHANNELS, type WarroomBridge, type WebhookOutcome } from '@shared/platform/bridge';

/** The shell refuses a malformed request by rejecting; the console gets that as an outcome it can record. */
function refused(error: unknown): WebhookOutcome {
  return { status: 'invalid', detail: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
}

const bridge = {
  shell: 'electron',
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  saveIncidentFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveIncidentFile, request),
  openIncidentFile: () => ipcRenderer.invoke(IPC_CHANNELS.openIncidentFile),
  notify: (notice) => ipcRenderer.invoke(IPC_CHANNELS.notify, notice),
  listDisplays: () => ipcRenderer.invoke(IPC_CHANNELS.listDisplays),
  openWall: (request) => ipcRenderer.invoke(IPC_CHANNELS.openWall, request),
  closeWalls: () => ipcRenderer.invoke(IPC_CHANNELS.closeWalls),
  deliverWebhook: (request) => ipcRenderer.invoke(IPC_CHANNELS.deliverWebhook, request).catch(refused),
  // false for a link the shell refused, as the contract says: the console offers to copy it instead.
  openExternal: (url) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url).catch(() => false),
  copyText: (text) => ipcRenderer.invoke(IPC_CHANNELS.copyText, text).catch(() => false),
  saveStatusPage: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveStatusPage, request),
  saveScenario: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveScenario, request),
  savePostmortem: (request) => ipcRenderer.invoke(IPC_CHANNELS.savePostmortem, request),
  printPostmortemPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printPostmortemPdf, request),
  saveSyncBundle: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveSyncBundle, request),
  openSyncBundle: () => ipcRenderer.invoke(IPC_CHANNELS.openSyncBundle),
  lanHubState: () => ipcRenderer.invoke(IPC_CHANNELS.lanHubState),
  startLanHub: () => ipcRenderer.invoke(IPC_CHANNELS.startLanHub),
  stopLanHub: () => ipcRenderer.invoke(IPC_CHANNELS.stopLanHub),
  pinHubCertificate: (pin) => ipcRenderer.invoke(IPC_CHANNELS.pinHubCertificate, pin).catch(() => false),
  lanHubDevices: () => ipcRenderer.invoke(IPC_CHANNELS.lanHubDevices),
  removeLanHubDevice: (deviceId) => ipcRenderer.invoke(IPC_CHANNELS.removeLanHubDevice, deviceId),
  rotateLanHubJoinCode: () => ipcRenderer.invoke(IPC_CHANNELS.rotateLanHubJoinCode),
  setLanguage: (locale) => ipcRenderer.invoke(IPC_CHANNELS.setLanguage, locale),
  onCommand(listener) {
    // Only the command itself reaches the page, never the IPC event (it carries `sender`).
    const relay = (_event: IpcRendererEvent, command: unknown) => listener(command);
    ipcRenderer.on(PUSH_CHANNELS.command, relay);
    ipcRenderer.invoke(IPC_CHANNELS.consoleReady).catch(() => {
      // Wall windows may not take commands: they have nothing waiting for them.
    });
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNELS.command, relay);
    };
  },
} satisfies WarroomBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
