/**
 * Incident files on disk, behind the operating system's own dialogs. The
 * console never names a path: it hands over text to save, or receives the
 * text of a file the person picked. Electron and fs are injected so this runs on Node.
 */
import path from 'node:path';

import { INCIDENT_FILE_EXTENSION, MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import type { OpenFileResult, SaveFileRequest, SaveFileResult } from '@shared/platform/bridge';

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
  writeFile(file: string, data: string, options: { encoding: 'utf8'; flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  stat(file: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

export type FileStrings = { saveTitle: string; openTitle: string; filterName: string };

export type IncidentFileService = {
  save(request: SaveFileRequest): Promise<SaveFileResult>;
  open(): Promise<OpenFileResult>;
  /** Reads a file the operating system asked the app to open (double-click, "Open with"). */
  read(filePath: string): Promise<OpenFileResult>;
};

function withExtension(filePath: string): string {
  return isIncidentFilePath(filePath) ? filePath : `${filePath}.${INCIDENT_FILE_EXTENSION}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  const filters = () => [{ name: deps.strings().filterName, extensions: [INCIDENT_FILE_EXTENSION] }];
  let lastDirectory: string | undefined;

  async function read(filePath: string): Promise<OpenFileResult> {
    const name = path.basename(filePath);
    try {
      const info = await fs.stat(filePath);
      if (!info.isFile()) return { status: 'failed', detail: `${name} is not a file` };
      // Checked before reading: a huge file must not be pulled into memory to be refused.
      if (info.size > MAX_INCIDENT_FILE_BYTES) return { status: 'tooLarge', name, bytes: info.size };
      const contents = await fs.readFile(filePath, 'utf8');
      lastDirectory = path.dirname(filePath);
      return { status: 'opened', name, contents };
    } catch (error) {
      return { status: 'failed', detail: describeError(error) };
    }
  }

  return {
    async save({ suggestedName, contents }) {
      const chosen = await dialogs.showSaveDialog({
        title: deps.strings().saveTitle,
        defaultPath: path.join(lastDirectory ?? deps.defaultDirectory(), suggestedName),
        filters: filters(),
      });
      if (chosen.canceled || !chosen.filePath) return { status: 'cancelled' };
      const target = withExtension(chosen.filePath);
      // Written beside the target and renamed over it: a crash mid-write never leaves a half file under the chosen name.
      const temporary = `${target}.${randomSuffix()}.partial`;
      try {
        await fs.writeFile(temporary, contents, { encoding: 'utf8', flag: 'wx' });
        await fs.rename(temporary, target);
      } catch (error) {
        await fs.unlink(temporary).catch(() => undefined);
        return { status: 'failed', detail: describeError(error) };
      }
      lastDirectory = path.dirname(target);
      return { status: 'saved', location: target };
    },

    async open() {
      const chosen = await dialogs.showOpenDialog({
        title: deps.strings().openTitle,
        defaultPath: lastDirectory ?? deps.defaultDirectory(),
        filters: filters(),
        properties: ['openFile'],
      });
      const filePath = chosen.filePaths[0];
      if (chosen.canceled || !filePath) return { status: 'cancelled' };
      return read(filePath);
    },

    read,
  };
}
