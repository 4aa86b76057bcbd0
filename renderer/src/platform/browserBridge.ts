import type { AppInfo, WarroomBridge } from '@shared/platform/bridge';

/** The bridge when the console runs in a plain browser (wall screens, development, tests). */
export const browserBridge: WarroomBridge = {
  shell: 'browser',
  async appInfo(): Promise<AppInfo> {
    return {
      name: 'Warroom',
      version: import.meta.env.VITE_APP_VERSION ?? '0.0.0',
      shell: 'browser',
      platform: navigator.platform || 'web',
    };
  },
};
