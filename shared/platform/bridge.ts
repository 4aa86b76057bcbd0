/**
 * The contract between the console and the platform it runs on. The Electron
 * preload implements it over IPC; a plain browser implements it with web APIs.
 * Only operating-system capabilities belong here: domain data never crosses it.
 * Kept free of runtime dependencies: the sandboxed preload bundles it.
 */

export const IPC_CHANNELS = {
  appInfo: 'app:info',
} as const;

export type AppInfo = {
  name: string;
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
};

export type WarroomBridge = {
  readonly shell: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
};

/** The global name the Electron preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'warroom';
