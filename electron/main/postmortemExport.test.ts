import { mkdtemp, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { IPC_CHANNELS } from '@shared/platform/bridge';
import { MAX_POSTMORTEM_BYTES } from '@shared/platform/ipcSchemas';

import type { InvokeEvent, IpcRegistrar } from './ipc';
import { createPostmortemExporter, guardPrintSession, isPrintPage, registerPostmortemHandlers, type PrintSession, type PrintWindow } from './postmortemExport';
import { PRINT_PARTITION, assertSecureWindow, printWindowOptions, secureWebPreferences } from './window';
import { testDir } from '../testing/tempDir';

const strings = {
  saveTitle: 'Save post-mortem',
  pdfTitle: 'Save post-mortem as PDF',
  markdownFilterName: 'Markdown document',
  htmlFilterName: 'Web page',
  csvFilterName: 'CSV spreadsheet',
  pdfFilterName: 'PDF document',
};
const PDF = new TextEncoder().encode('%PDF-1.7 fake');

/** A print window that reads the page it is given, as Chromium would, and answers with PDF bytes. */
function fakePrintWindow(behaviour: { print?: () => Promise<Uint8Array>; load?: () => Promise<void> } = {}) {
  const seen = { loaded: [] as { file: string; html: string }[], printOptions: [] as unknown[], destroyed: 0, opened: 0 };
  const open = (): PrintWindow => {
    seen.opened++;
    return {
      async loadFile(file) {
        seen.loaded.push({ file, html: await readFile(file, 'utf8') });
        await behaviour.load?.();
      },
      webContents: {
        async printToPDF(options) {
          seen.printOptions.push(options);
          return behaviour.print ? behaviour.print() : PDF;
        },
      },
      destroy: () => void seen.destroyed++,
    };
  };
  return { open, seen };
}

async function setUp(options: { answer?: string | null; window?: ReturnType<typeof fakePrintWindow>; printTimeoutMs?: number } = {}) {
  const documents = await testDir('warroom-documents-');
  const temporary = await testDir('warroom-temp-');
  const asked: { title: string; defaultPath: string; filters: unknown }[] = [];
  const window = options.window ?? fakePrintWindow();
  const exporter = createPostmortemExporter({
    dialogs: {
      async showSaveDialog(dialog) {
        asked.push(dialog);
        const answer = options.answer === undefined ? path.join(documents, 'chosen') : options.answer;
        return answer === null ? { canceled: true } : { canceled: false, filePath: answer };
      },
    },
    fs: { writeFile, rename, unlink, mkdtemp, rm },
    defaultDirectory: () => documents,
    temporaryDirectory: () => temporary,
    openPrintWindow: window.open,
    strings: () => strings,
    ...(options.printTimeoutMs ? { printTimeoutMs: options.printTimeoutMs } : {}),
  });
  return { exporter, documents, temporary, asked, window };
}

const HTML = '<!doctype html><html lang="da"><title>Efterforløb</title><p>æøå &lt;script&gt;</p></html>';

describe('saving a post-mortem', () => {
  it.each([
    ['md', 'Markdown document'],
    ['html', 'Web page'],
    ['csv', 'CSV spreadsheet'],
  ])('saves .%s through the save dialog, with its own filter, adding the extension left off', async (extension, filterName) => {
    const { exporter, documents, asked } = await setUp();
    const contents = `\uFEFFpayments, æøå\n`;
    const result = await exporter.save({ suggestedName: `payments-postmortem.${extension}`, contents });
    const target = path.join(documents, `chosen.${extension}`);
    expect(result).toEqual({ status: 'saved', location: target });
    expect(await readFile(target, 'utf8')).toBe(contents);
    expect(asked[0]).toEqual({
      title: 'Save post-mortem',
      defaultPath: path.join(documents, `payments-postmortem.${extension}`),
      filters: [{ name: filterName, extensions: [extension] }],
    });
    // Written whole or not at all: no partial file is left beside it.
    expect(await readdir(documents)).toEqual([`chosen.${extension}`]);
  });

  it('writes nothing when the person cancels', async () => {
    const { exporter, documents } = await setUp({ answer: null });
    expect(await exporter.save({ suggestedName: 'x.md', contents: '# x' })).toEqual({ status: 'cancelled' });
    expect(await readdir(documents)).toEqual([]);
  });

  it('reports a write that fails, with the reason', async () => {
    const nowhere = path.join(tmpdir(), 'warroom-no-such-folder', 'x.md');
    const { exporter } = await setUp({ answer: nowhere });
    const result = await exporter.save({ suggestedName: 'x.md', contents: '# x' });
    expect(result).toMatchObject({ status: 'failed', detail: expect.stringContaining('ENOENT') });
  });
});

describe('printing a post-mortem to PDF', () => {
  it('prints the page in a hidden window from a private temporary file, on A4 with backgrounds, then saves where the person says', async () => {
    const { exporter, documents, temporary, asked, window } = await setUp();
    const result = await exporter.printPdf({ html: HTML, suggestedName: 'payments-postmortem.pdf' });
    const target = path.join(documents, 'chosen.pdf');
    expect(result).toEqual({ status: 'saved', location: target });
    expect(new Uint8Array(await readFile(target))).toEqual(PDF);
    expect(window.seen.loaded).toHaveLength(1);
    expect(window.seen.loaded[0]!.html).toBe(HTML);
    expect(isPrintPage(pathToFileURL(window.seen.loaded[0]!.file).href)).toBe(true);
    expect(window.seen.printOptions).toEqual([{ pageSize: 'A4', printBackground: true }]);
    expect(asked[0]).toMatchObject({ title: 'Save post-mortem as PDF', filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
    // The window and the page's copy are gone once printed.
    expect(window.seen.destroyed).toBe(1);
    expect(await readdir(temporary)).toEqual([]);
  });

  it('cleans up and writes nothing when the person cancels the save dialog', async () => {
    const { exporter, documents, temporary, window } = await setUp({ answer: null });
    expect(await exporter.printPdf({ html: HTML, suggestedName: 'x.pdf' })).toEqual({ status: 'cancelled' });
    expect(await readdir(documents)).toEqual([]);
    expect(await readdir(temporary)).toEqual([]);
    expect(window.seen.destroyed).toBe(1);
  });

  it('reports printing that fails without asking where to save, and cleans up', async () => {
    const window = fakePrintWindow({ print: () => Promise.reject(new Error('Printing failed')) });
    const { exporter, temporary, asked } = await setUp({ window });
    expect(await exporter.printPdf({ html: HTML, suggestedName: 'x.pdf' })).toEqual({ status: 'failed', detail: 'Printing failed' });
    expect(asked).toEqual([]);
    expect(window.seen.destroyed).toBe(1);
    expect(await readdir(temporary)).toEqual([]);
  });

  it('gives up on a page that never finishes loading', async () => {
    const window = fakePrintWindow({ load: () => new Promise(() => undefined) });
    const { exporter, temporary } = await setUp({ window, printTimeoutMs: 20 });
    expect(await exporter.printPdf({ html: HTML, suggestedName: 'x.pdf' })).toEqual({ status: 'failed', detail: expect.stringContaining('longer than') });
    expect(window.seen.destroyed).toBe(1);
    expect(await readdir(temporary)).toEqual([]);
  });
});

describe('the print window and its session', () => {
  it('is hidden, sandboxed, without the bridge or JavaScript, in a session kept in memory only', () => {
    const options = printWindowOptions();
    expect(() => assertSecureWindow(options)).not.toThrow();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ javascript: false, partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('still refuses a window that would turn something on, or keep its session on disk', () => {
    const base = secureWebPreferences('/preload.cjs');
    expect(() => assertSecureWindow({ webPreferences: { ...base, javascript: true } })).toThrow(/unreviewed webPreferences: javascript/);
    expect(() => assertSecureWindow({ webPreferences: { ...base, partition: 'persist:print' } })).toThrow(/unreviewed webPreferences: partition/);
  });

  it('lets through only the page being printed, and grants no permission', () => {
    let filter: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
    const decisions: boolean[] = [];
    const session: PrintSession = {
      setPermissionRequestHandler: (handler) => handler(null, 'media', (granted) => decisions.push(granted)),
      setPermissionCheckHandler: (handler) => decisions.push(handler(null, 'clipboard-read')),
      webRequest: { onBeforeRequest: (listener) => void (filter = listener) },
    };
    guardPrintSession(session);
    expect(decisions).toEqual([false, false]);
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      filter!({ url }, (response) => (answer = response.cancel));
      return answer;
    };
    expect(cancelled(pathToFileURL(path.join(tmpdir(), 'warroom-print-a1b2c3', 'postmortem.html')).href)).toBe(false);
    for (const url of [
      'https://evil.example/x.png',
      'http://127.0.0.1:4848/sync',
      'file:///etc/passwd',
      pathToFileURL(path.join(tmpdir(), 'elsewhere', 'postmortem.html')).href,
      `${pathToFileURL(path.join(tmpdir(), 'warroom-print-a1b2c3', 'postmortem.html')).href}?x=1`,
      'data:text/html,<p>x</p>',
      'app://warroom/index.html',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
  });
});

describe('the post-mortem IPC channels', () => {
  type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;
  const consoleContents = { id: 1 };
  const mainFrame = (sender: unknown = consoleContents): InvokeEvent => ({ senderFrame: { url: 'app://warroom/index.html', parent: null }, sender });

  function register() {
    const handlers = new Map<string, Listener>();
    const ipcMain: IpcRegistrar = { handle: (channel, listener) => void handlers.set(channel, listener) };
    const calls: [string, unknown][] = [];
    registerPostmortemHandlers(
      ipcMain,
      {
        save: async (request) => (calls.push(['save', request]), { status: 'saved', location: '/home/ada/x.md' }),
        printPdf: async (request) => (calls.push(['printPdf', request]), { status: 'saved', location: '/home/ada/x.pdf' }),
      },
      (sender) => sender === consoleContents,
    );
    const invoke = (channel: string, event: InvokeEvent, ...args: unknown[]) => Promise.resolve().then(() => handlers.get(channel)!(event, ...args));
    return { invoke, calls };
  }

  it('hands a valid request from the console to the exporter', async () => {
    const { invoke, calls } = register();
    await expect(invoke(IPC_CHANNELS.savePostmortem, mainFrame(), { suggestedName: 'x.md', contents: '# x' })).resolves.toEqual({ status: 'saved', location: '/home/ada/x.md' });
    await expect(invoke(IPC_CHANNELS.printPostmortemPdf, mainFrame(), { html: HTML, suggestedName: 'x.pdf' })).resolves.toMatchObject({ status: 'saved' });
    expect(calls.map(([name]) => name)).toEqual(['save', 'printPdf']);
  });

  it.each([
    ['a file of another kind', IPC_CHANNELS.savePostmortem, { suggestedName: 'x.exe', contents: 'MZ' }, /malformed payload/],
    ['a path for a name', IPC_CHANNELS.savePostmortem, { suggestedName: '../../.bashrc.md', contents: 'x' }, /malformed payload/],
    ['nothing to save', IPC_CHANNELS.savePostmortem, { suggestedName: 'x.csv', contents: '' }, /malformed payload/],
    ['a PDF named otherwise', IPC_CHANNELS.printPostmortemPdf, { html: HTML, suggestedName: 'x.html' }, /malformed payload/],
    ['an extra field', IPC_CHANNELS.printPostmortemPdf, { html: HTML, suggestedName: 'x.pdf', url: 'https://evil.example' }, /malformed payload/],
    ['no page', IPC_CHANNELS.printPostmortemPdf, { suggestedName: 'x.pdf' }, /malformed payload/],
  ])('refuses %s', async (_label, channel, payload, error) => {
    const { invoke, calls } = register();
    await expect(invoke(channel, mainFrame(), payload)).rejects.toThrow(error);
    expect(calls).toEqual([]);
  });

  // Two 16 MiB strings, measured and parsed: slow on two shared cores.
  it('refuses a page over the size limit before anything is written', { timeout: 30_000 }, async () => {
    const { invoke, calls } = register();
    const html = 'x'.repeat(MAX_POSTMORTEM_BYTES + 1);
    await expect(invoke(IPC_CHANNELS.printPostmortemPdf, mainFrame(), { html, suggestedName: 'x.pdf' })).rejects.toThrow(/at most 16 MiB/);
    await expect(invoke(IPC_CHANNELS.savePostmortem, mainFrame(), { suggestedName: 'x.md', contents: 'æ'.repeat(MAX_POSTMORTEM_BYTES / 2 + 1) })).rejects.toThrow(/at most 16 MiB/);
    expect(calls).toEqual([]);
  });

  it('refuses a wall window and any frame but the console’s own', async () => {
    const { invoke, calls } = register();
    await expect(invoke(IPC_CHANNELS.printPostmortemPdf, mainFrame({ id: 2 }), { html: HTML, suggestedName: 'x.pdf' })).rejects.toThrow(/only the console window/);
    const foreign: InvokeEvent = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: consoleContents };
    await expect(invoke(IPC_CHANNELS.savePostmortem, foreign, { suggestedName: 'x.md', contents: 'x' })).rejects.toThrow(/not the console's main frame/);
    expect(calls).toEqual([]);
  });
});
