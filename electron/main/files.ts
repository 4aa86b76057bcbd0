/**
 * Incident files (and the status pages and sync bundles the console writes) on
 * disk, behind the operating system's own dialogs. The console never names a path: it hands over
 * text to save, or receives the text of a file the person picked. Electron and
 * fs are injected so this runs on Node.
 */
import path from 'node:path';

import { INCIDENT_FILE_EXTENSION, MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import type { OpenFileResult, SaveFileRequest, SaveFileResult } from '@shared/platform/bridge';
import { SCENARIO_EXTENSION, STATUS_PAGE_EXTENSION } from '@shared/platform/ipcSchemas';
import { BUNDLE_EXTENSION, MAX_BUNDLE_BYTES } from '@shared/sync/bundleFile';

export type FileFilter = { name: string; extensions: string[] };

export interface FileDialogs {
  showSaveDialog(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    defaultPath: string;
    filters: FileFilter[];
    properties: ['openFile'];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileSystem {
  writeFile(file: string, data: string | Uint8Array, options: { encoding: 'utf8'; flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  stat(file: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

export type FileStrings = {
  saveTitle: string;
  openTitle: string;
  filterName: string;
  statusPageTitle: string;
  statusPageFilterName: string;
  scenarioTitle: string;
  scenarioFilterName: string;
  bundleSaveTitle: string;
  bundleOpenTitle: string;
  bundleFilterName: string;
};

export type IncidentFileService = {
  save(request: SaveFileRequest): Promise<SaveFileResult>;
  open(): Promise<OpenFileResult>;
  /** Saves a status page: the same dialog and atomic write, as an .html file. */
  saveStatusPage(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Saves a drill scenario: the same dialog and atomic write, as a .json file. */
  saveScenario(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Reads a file the operating system asked the app to open (double-click, "Open with"). */
  read(filePath: string): Promise<OpenFileResult>;
  /** A sync bundle (.warroomsync): the same dialogs and atomic write, and a folder of its own (a USB stick, usually). */
  saveSyncBundle(request: SaveFileRequest): Promise<SaveFileResult>;
  openSyncBundle(): Promise<OpenFileResult>;
};

/** Where each kind of file was last saved or opened: bundles travel on a stick, incidents stay in documents. */
type Shelf = 'incidents' | 'bundles';

export function withExtension(filePath: string, extension: string): string {
  return path.extname(filePath).toLowerCase() === `.${extension}` ? filePath : `${filePath}.${extension}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Written beside the target and renamed over it: a crash mid-write never leaves a half file under the chosen name. */
export async function writeAtomically(
  fs: Pick<FileSystem, 'writeFile' | 'rename' | 'unlink'>,
  target: string,
  contents: string | Uint8Array,
  suffix: string,
): Promise<void> {
  const temporary = `${target}.${suffix}.partial`;
  try {
    await fs.writeFile(temporary, contents, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export function isIncidentFilePath(candidate: string): boolean {
  return path.extname(candidate).toLowerCase() === `.${INCIDENT_FILE_EXTENSION}`;
}

export function createIncidentFileService(deps: {
  dialogs: FileDialogs;
  fs: FileSystem;
  /** Where dialogs open first: the documents folder. */
  defaultDirectory: () => string;
  /** Asked each time: the locale is known only once the app is ready. */
  strings: () => FileStrings;
  randomSuffix?: () => string;
}): IncidentFileService {
  const { dialogs, fs } = deps;
  const randomSuffix = deps.randomSuffix ?? (() => Math.random().toString(36).slice(2, 10));
  const lastDirectory = new Map<Shelf, string>();
  const startIn = (shelf: Shelf) => lastDirectory.get(shelf) ?? deps.defaultDirectory();

  async function readUpTo(filePath: string, maxBytes: number, shelf: Shelf): Promise<OpenFileResult> {
    const name = path.basename(filePath);
    try {
      const info = await fs.stat(filePath);
      if (!info.isFile()) return { status: 'failed', detail: `${name} is not a file` };
      // Checked before reading: a huge file must not be pulled into memory to be refused.
      if (info.size > maxBytes) return { status: 'tooLarge', name, bytes: info.size };
      const contents = await fs.readFile(filePath, 'utf8');
      lastDirectory.set(shelf, path.dirname(filePath));
      return { status: 'opened', name, contents };
    } catch (error) {
      return { status: 'failed', detail: describeError(error) };
    }
  }

  async function saveAs(
    { suggestedName, contents }: SaveFileRequest,
    kind: { title: string; filterName: string; extension: string; shelf: Shelf },
  ): Promise<SaveFileResult> {
    const chosen = await dialogs.showSaveDialog({
      title: kind.title,
      defaultPath: path.join(startIn(kind.shelf), suggestedName),
      filters: [{ name: kind.filterName, extensions: [kind.extension] }],
    });
    if (chosen.canceled || !chosen.filePath) return { status: 'cancelled' };
    const target = withExtension(chosen.filePath, kind.extension);
    try {
      await writeAtomically(fs, target, contents, randomSuffix());
    } catch (error) {
      return { status: 'failed', detail: describeError(error) };
    }
    lastDirectory.set(kind.shelf, path.dirname(target));
    return { status: 'saved', location: target };
  }

  async function openWith(kind: { title: string; filterName: string; extension: string; shelf: Shelf; maxBytes: number }): Promise<OpenFileResult> {
    const chosen = await dialogs.showOpenDialog({
      title: kind.title,
      defaultPath: startIn(kind.shelf),
      filters: [{ name: kind.filterName, extensions: [kind.extension] }],
      properties: ['openFile'],
    });
    const filePath = chosen.filePaths[0];
    if (chosen.canceled || !filePath) return { status: 'cancelled' };
    return readUpTo(filePath, kind.maxBytes, kind.shelf);
  }

  return {
    save(request) {
      const strings = deps.strings();
      return saveAs(request, { title: strings.saveTitle, filterName: strings.filterName, extension: INCIDENT_FILE_EXTENSION, shelf: 'incidents' });
    },

    saveStatusPage(request) {
      const strings = deps.strings();
      return saveAs(request, {
        title: strings.statusPageTitle,
        filterName: strings.statusPageFilterName,
        extension: STATUS_PAGE_EXTENSION,
        shelf: 'incidents',
      });
    },

    saveScenario(request) {
      const strings = deps.strings();
      return saveAs(request, { title: strings.scenarioTitle, filterName: strings.scenarioFilterName, extension: SCENARIO_EXTENSION, shelf: 'incidents' });
    },

    open() {
      const strings = deps.strings();
      return openWith({
        title: strings.openTitle,
        filterName: strings.filterName,
        extension: INCIDENT_FILE_EXTENSION,
        shelf: 'incidents',
        maxBytes: MAX_INCIDENT_FILE_BYTES,
      });
    },

    read: (filePath) => readUpTo(filePath, MAX_INCIDENT_FILE_BYTES, 'incidents'),

    saveSyncBundle(request) {
      const strings = deps.strings();
      return saveAs(request, { title: strings.bundleSaveTitle, filterName: strings.bundleFilterName, extension: BUNDLE_EXTENSION, shelf: 'bundles' });
    },

    openSyncBundle() {
      const strings = deps.strings();
      return openWith({
        title: strings.bundleOpenTitle,
        filterName: strings.bundleFilterName,
        extension: BUNDLE_EXTENSION,
        shelf: 'bundles',
        maxBytes: MAX_BUNDLE_BYTES,
      });
    },
  };
}
