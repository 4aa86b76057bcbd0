import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const script = path.join(root, 'scripts/security-scan.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'warroom-security-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function scan(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function write(relative: string, content: string): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

// Rows as Electronegativity 1.10.3 writes them; descriptions and samples may hold commas, quotes and line breaks.
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';
const wiki = (id: string) => `https://github.com/doyensec/electronegativity/wiki/${id}`;
const row = (id: string, severity: string, file: string, location: string, sample: string, description: string) =>
  `${id},"${severity}","FIRM","${file}","${location}",${sample},"${description}",${wiki(id)}\n`;
const contextIsolation = (severity: string) =>
  row(
    'CONTEXT_ISOLATION_JS_CHECK',
    severity,
    'electron/main/index.ts',
    '18:14',
    '"const win = new BrowserWindow(mainWindowOptions(preloadPath));"',
    'Review the use of the ""contextIsolation"" option,\nwhich keeps preload and page apart',
  );
const others =
  row('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/main/index.ts', '18:14', '"new BrowserWindow(options)"', 'Use sandbox for untrusted origins') +
  row('CSP_GLOBAL_CHECK', 'LOW', 'N/A', '0:0', 'N/A', 'One or more CSP directives detected, review them') +
  row('ELECTRON_VERSION_JSON_CHECK', 'INFORMATIONAL', 'package.json', '1:0', 'N/A', 'Electron version');

describe('security scan, reading an Electronegativity CSV report', () => {
  it('fails on a HIGH finding and shows where it is', async () => {
    const report = await write('high.csv', HEADER + others + contextIsolation('HIGH'));
    const result = await scan('--csv', report);
    expect(result.stderr).toContain('1 HIGH finding');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/HIGH\s+FIRM\s+CONTEXT_ISOLATION_JS_CHECK\s+electron\/main\/index\.ts:18:14/);
  });

  it('passes the same report with that finding at MEDIUM, and still lists every finding', async () => {
    const report = await write('medium.csv', HEADER + others + contextIsolation('MEDIUM'));
    const result = await scan('--csv', report);
    expect(result.status).toBe(0);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'CSP_GLOBAL_CHECK', 'ELECTRON_VERSION_JSON_CHECK']) expect(result.stdout).toContain(id);
    expect(result.stdout).toMatch(/CSP_GLOBAL_CHECK\s+\(whole app\)/);
  });

  it.each([
    ['an empty file', ''],
    ['another header', 'id,severity\n' + others],
    ['a row cut short', HEADER + 'SANDBOX_JS_CHECK,"MEDIUM","FIRM","electron/main/index.ts"\n'],
    ['an unknown severity', HEADER + row('SANDBOX_JS_CHECK', 'CRITICAL', 'a.ts', '1:1', 'N/A', 'x')],
    ['an unterminated quote', HEADER + others + 'SANDBOX_JS_CHECK,"MEDIUM,"FIRM"\n'],
    ['a blank line between rows', HEADER + others + '\n' + contextIsolation('MEDIUM')],
  ])('fails closed on a report with %s', async (what, content) => {
    const report = await write(`broken-${what.replaceAll(' ', '-')}.csv`, content);
    const result = await scan('--csv', report);
    expect(result.stderr).toContain('Security scan failed');
    expect(result.status).toBe(2);
  });

  it('fails closed when there is no report', async () => {
    const result = await scan('--csv', path.join(dir, 'missing.csv'));
    expect(result.status).toBe(2);
  });
});

// The real tool, offline, over small apps: this is what proves the report is produced and read.
describe.concurrent('security scan, running Electronegativity', { timeout: 120_000 }, () => {
  it('fails an app whose window turns off context isolation', async () => {
    const app = path.join(dir, 'insecure');
    await write(
      'insecure/main.js',
      "const { BrowserWindow } = require('electron');\nconst win = new BrowserWindow({ webPreferences: { contextIsolation: false } });\nwin.loadFile('index.html');\n",
    );
    const result = await scan('--input', app);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/HIGH\s+\w+\s+CONTEXT_ISOLATION_JS_CHECK\s+main\.js:2:/);
  });

  it('passes an app with isolated, sandboxed windows, navigation and permission limits and a CSP', async () => {
    const app = path.join(dir, 'hardened');
    await write(
      'hardened/main.js',
      `const { app, BrowserWindow, session } = require('electron');
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, disableBlinkFeatures: 'Auxclick' },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.loadFile('index.html');
});
`,
    );
    await write(
      'hardened/index.html',
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'" /></head><body></body></html>\n`,
    );
    const result = await scan('--input', app);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Electronegativity: 2 files');
  });

  it('fails closed when the tool cannot parse a file', async () => {
    const app = path.join(dir, 'unparsable');
    await write('unparsable/main.ts', 'const = ;\n');
    const result = await scan('--input', app);
    expect(result.stderr).toMatch(/could not parse:\n\s+main\.ts/);
    expect(result.status).toBe(2);
  });
});
