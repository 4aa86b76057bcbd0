/**
 * The contract between the console and the platform it runs on. The Electron
 * preload implements it over IPC; a plain browser implements it with web APIs.
 * Only operating-system capabilities belong here: domain data never crosses it.
 */
import { z } from 'zod';

export const IPC_CHANNELS = {
  appInfo: 'app:info',
} as const;

export const appInfoSchema = z.strictObject({
  name: z.string().max(100),
  version: z.string().max(50),
  shell: z.enum(['electron', 'browser']),
  platform: z.string().max(50),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export type WarroomBridge = {
  readonly shell: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
};

/** The global name the Electron preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'warroom';
