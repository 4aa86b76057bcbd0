/**
 * The bridge when the console runs in a plain browser (wall screens,
 * development, tests): downloads and the file picker stand in for native
 * dialogs, a new window stands in for a wall window, and notices stay in the page.
 */
import { INCIDENT_FILE_EXTENSION, INCIDENT_FILE_MIME, MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import type { AppInfo, OpenFileResult, WarroomBridge } from '@shared/platform/bridge';
import { wallRoute } from '@shared/platform/routes';

function pickFile(): Promise<OpenFileResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `.${INCIDENT_FILE_EXTENSION},${INCIDENT_FILE_MIME},application/json`;
    input.addEventListener('cancel', () => resolve({ status: 'cancelled' }));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve({ status: 'cancelled' });
      if (file.size > MAX_INCIDENT_FILE_BYTES) return resolve({ status: 'tooLarge', name: file.name, bytes: file.size });
      file.text().then(
        (contents) => resolve({ status: 'opened', name: file.name, contents }),
        (error: unknown) => resolve({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }),
      );
    });
    input.click();
  });
}

const wallWindows = new Set<Window>();

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

  async saveIncidentFile({ suggestedName, contents }) {
    const url = URL.createObjectURL(new Blob([contents], { type: INCIDENT_FILE_MIME }));
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.click();
    // Revoked later, not at once: the download starts asynchronously.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { status: 'saved', location: suggestedName };
  },

  openIncidentFile: pickFile,

  async notify() {
    return false;
  },

  async listDisplays() {
    return [];
  },

  async openWall({ incidentId }) {
    const opened = window.open(wallRoute(incidentId), `warroom-wall-${incidentId}`, 'popup');
    if (!opened) return { status: 'blocked' };
    wallWindows.add(opened);
    return { status: 'opened' };
  },

  async closeWalls() {
    for (const wall of wallWindows) wall.close();
    wallWindows.clear();
  },

  onCommand() {
    return () => undefined;
  },
};
