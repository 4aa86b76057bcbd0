/**
 * The post-mortem to disk: Markdown, HTML and CSV saved as the console hands
 * them over, and the HTML page printed to PDF. Printing happens in a hidden
 * window with no bridge and JavaScript off, in a session of its own that
 * refuses every request but the page itself (the page's CSP already forbids
 * them); the page is read from a private temporary folder, never a data: URL,
 * which Chromium refuses past 2 MB. Electron and fs are injected so this
 * runs on Node.
 */
import path from 'node:path';

import { IPC_CHANNELS, type PrintPdfRequest, type SaveFileRequest, type SaveFileResult } from '@shared/platform/bridge';
import { POSTMORTEM_MAX_PAYLOAD_BYTES, printPdfRequestSchema, savePostmortemRequestSchema } from '@shared/platform/ipcSchemas';

import { withExtension, writeAtomically, type FileDialogs, type FileSystem } from './files';
import { handleValidated, type IpcRegistrar } from './ipc';
import { denyPermissions, type PermissionSession } from './security';

export type PostmortemFileStrings = {
  saveTitle: string;
  pdfTitle: string;
  markdownFilterName: string;
  htmlFilterName: string;
  csvFilterName: string;
  pdfFilterName: string;
};

/** The hidden window the page is printed in: what of a BrowserWindow this needs. */
export interface PrintWindow {
  loadFile(filePath: string): Promise<void>;
  readonly webContents: { printToPDF(options: { pageSize: 'A4'; printBackground: boolean }): Promise<Uint8Array> };
  destroy(): void;
}

export interface PrintFileSystem extends Pick<FileSystem, 'writeFile' | 'rename' | 'unlink'> {
  /** A new folder only this user can read (the post-mortem may be confidential), as fs.mkdtemp makes. */
  mkdtemp(prefix: string): Promise<string>;
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
}

export type PostmortemExporter = {
  save(request: SaveFileRequest): Promise<SaveFileResult>;
  printPdf(request: PrintPdfRequest): Promise<SaveFileResult>;
};

/** The page printed: named so the print session can tell it from anything else. */
const PRINT_FOLDER_PREFIX = 'warroom-print-';
const PRINT_FILE_NAME = 'postmortem.html';
/** A page with no script and nothing to fetch loads in moments; past this, something is wrong. */
export const PRINT_TIMEOUT_MS = 120_000;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`printing took longer than ${Math.round(ms / 1000)} seconds`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createPostmortemExporter(deps: {
  dialogs: Pick<FileDialogs, 'showSaveDialog'>;
  fs: PrintFileSystem;
  /** Where the save dialog opens first: the documents folder. */
  defaultDirectory: () => string;
  temporaryDirectory: () => string;
  openPrintWindow: () => PrintWindow;
  /** Asked each time: the console may change language. */
  strings: () => PostmortemFileStrings;
  randomSuffix?: () => string;
  printTimeoutMs?: number;
}): PostmortemExporter {
  const { dialogs, fs } = deps;
  const randomSuffix = deps.randomSuffix ?? (() => Math.random().toString(36).slice(2, 10));
  let lastDirectory: string | null = null;

  async function saveAs(suggestedName: string, contents: string | Uint8Array, title: string): Promise<SaveFileResult> {
    const extension = path.extname(suggestedName).slice(1).toLowerCase();
    const strings = deps.strings();
    const filterName = { md: strings.markdownFilterName, html: strings.htmlFilterName, csv: strings.csvFilterName }[extension] ?? strings.pdfFilterName;
    const chosen = await dialogs.showSaveDialog({
      title,
      defaultPath: path.join(lastDirectory ?? deps.defaultDirectory(), suggestedName),
      filters: [{ name: filterName, extensions: [extension] }],
    });
    if (chosen.canceled || !chosen.filePath) return { status: 'cancelled' };
    const target = withExtension(chosen.filePath, extension);
    try {
      await writeAtomically(fs, target, contents, randomSuffix());
    } catch (error) {
      return { status: 'failed', detail: describeError(error) };
    }
    lastDirectory = path.dirname(target);
    return { status: 'saved', location: target };
  }

  async function print(html: string): Promise<Uint8Array> {
    const folder = await fs.mkdtemp(path.join(deps.temporaryDirectory(), PRINT_FOLDER_PREFIX));
    let printWindow: PrintWindow | null = null;
    try {
      const page = path.join(folder, PRINT_FILE_NAME);
      await fs.writeFile(page, html, { encoding: 'utf8', flag: 'wx' });
      const opened = deps.openPrintWindow();
      printWindow = opened;
      return await withTimeout(
        opened.loadFile(page).then(() => opened.webContents.printToPDF({ pageSize: 'A4', printBackground: true })),
        deps.printTimeoutMs ?? PRINT_TIMEOUT_MS,
      );
    } finally {
      printWindow?.destroy();
      await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  return {
    save: ({ suggestedName, contents }) => saveAs(suggestedName, contents, deps.strings().saveTitle),

    async printPdf({ html, suggestedName }) {
      let pdf: Uint8Array;
      try {
        pdf = await print(html);
      } catch (error) {
        return { status: 'failed', detail: describeError(error) };
      }
      return saveAs(suggestedName, pdf, deps.strings().pdfTitle);
    },
  };
}

/** True only for the page being printed: a file in one of the exporter's own temporary folders. */
export function isPrintPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.search || parsed.hash) return false;
  const segments = parsed.pathname.split('/');
  return segments.at(-1) === PRINT_FILE_NAME && (segments.at(-2) ?? '').startsWith(PRINT_FOLDER_PREFIX);
}

export interface PrintSession extends PermissionSession {
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
}

/** The print window's session: no permissions, and no request but the page being printed. */
export function guardPrintSession(session: PrintSession): void {
  denyPermissions(session);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintPage(details.url) }));
}

export function registerPostmortemHandlers(ipcMain: IpcRegistrar, exporter: PostmortemExporter, isConsole: (sender: unknown) => boolean): void {
  const options = { allowSender: isConsole, maxBytes: POSTMORTEM_MAX_PAYLOAD_BYTES };
  handleValidated(ipcMain, IPC_CHANNELS.savePostmortem, savePostmortemRequestSchema, (request) => exporter.save(request), options);
  handleValidated(ipcMain, IPC_CHANNELS.printPostmortemPdf, printPdfRequestSchema, (request) => exporter.printPdf(request), options);
}
