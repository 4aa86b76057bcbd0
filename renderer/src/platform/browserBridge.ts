/**
 * The bridge when the console runs in a plain browser (wall screens,
 * development, tests): downloads and the file picker stand in for native
 * dialogs, a new window stands in for a wall window, and notices stay in the page.
 * Webhooks cannot be posted from here: the page's CSP allows no cross-origin
 * connection, so messages wait for a desktop console or the hub to deliver them.
 */
import { isExternalLink } from '@shared/domain/links';
import { INCIDENT_FILE_EXTENSION, INCIDENT_FILE_MIME, MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import type { AppInfo, OpenFileResult, WarroomBridge } from '@shared/platform/bridge';
import { BUNDLE_EXTENSION, BUNDLE_MIME, MAX_BUNDLE_BYTES } from '@shared/sync/bundleFile';
import { wallRoute } from '@shared/platform/wallRoute';

import { printPage } from './printPage';

function pickFile(accept: string, maxBytes: number): Promise<OpenFileResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('cancel', () => resolve({ status: 'cancelled' }));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve({ status: 'cancelled' });
      if (file.size > maxBytes) return resolve({ status: 'tooLarge', name: file.name, bytes: file.size });
      file.text().then(
        (contents) => resolve({ status: 'opened', name: file.name, contents }),
        (error: unknown) => resolve({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }),
      );
    });
    input.click();
  });
}

function download(name: string, contents: string, type: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later, not at once: the download starts asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function openLink(url: string): boolean {
  if (!isExternalLink(url)) return false;
  try {
    if (/^https?:/i.test(url)) {
      // noopener makes window.open answer null even when it opened: a blocked pop-up cannot be told apart here.
      window.open(url, '_blank', 'noopener,noreferrer');
    } else {
      // mailto:, tel:, sip:, msteams:... go to the operating system's handler; the page stays where it is.
      const link = document.createElement('a');
      link.href = url;
      link.rel = 'noopener noreferrer';
      link.click();
    }
    return true;
  } catch {
    return false;
  }
}

/** A post-mortem's formats, by the extension its name ends in. */
const POSTMORTEM_TYPES: Record<string, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
};

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
    download(suggestedName, contents, INCIDENT_FILE_MIME);
    return { status: 'saved', location: suggestedName };
  },

  async saveStatusPage({ suggestedName, contents }) {
    download(suggestedName, contents, 'text/html;charset=utf-8');
    return { status: 'saved', location: suggestedName };
  },

  async saveScenario({ suggestedName, contents }) {
    download(suggestedName, contents, 'application/json;charset=utf-8');
    return { status: 'saved', location: suggestedName };
  },

  async savePostmortem({ suggestedName, contents }) {
    download(suggestedName, contents, POSTMORTEM_TYPES[suggestedName.slice(suggestedName.lastIndexOf('.') + 1)] ?? 'text/plain;charset=utf-8');
    return { status: 'saved', location: suggestedName };
  },

  printPostmortemPdf: ({ html }) => printPage(html),

  openIncidentFile: () => pickFile(`.${INCIDENT_FILE_EXTENSION},${INCIDENT_FILE_MIME},application/json`, MAX_INCIDENT_FILE_BYTES),

  async saveSyncBundle({ suggestedName, contents }) {
    download(suggestedName, contents, BUNDLE_MIME);
    return { status: 'saved', location: suggestedName };
  },

  openSyncBundle: () => pickFile(`.${BUNDLE_EXTENSION},${BUNDLE_MIME}`, MAX_BUNDLE_BYTES),

  async lanHubState() {
    return { status: 'unavailable' };
  },
  async startLanHub() {
    return { status: 'unavailable' };
  },
  async stopLanHub() {
    return { status: 'unavailable' };
  },
  // A page cannot tell the browser to trust a certificate no authority signed.
  async pinHubCertificate() {
    return false;
  },
  async lanHubDevices() {
    return [];
  },
  async removeLanHubDevice() {
    return false;
  },
  async rotateLanHubJoinCode() {
    return { status: 'unavailable' };
  },

  async notify() {
    return false;
  },

  // No menu or native dialogs of its own: the page already speaks the console's language.
  async setLanguage() {},

  async listDisplays() {
    return [];
  },

  async openWall({ incidentId, options }) {
    const opened = window.open(wallRoute(incidentId, options), `warroom-wall-${incidentId ?? 'overview'}`, 'popup');
    if (!opened) return { status: 'blocked' };
    wallWindows.add(opened);
    return { status: 'opened' };
  },

  async closeWalls() {
    for (const wall of wallWindows) wall.close();
    wallWindows.clear();
  },

  async deliverWebhook() {
    return { status: 'unavailable' };
  },

  async openExternal(url) {
    return openLink(url);
  },

  async copyText(text) {
    try {
      if (!navigator.clipboard) return false;
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },

  onCommand() {
    return () => undefined;
  },
};
