import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '@shared/platform/csp';

import { createAppProtocolHandler, resolveAppRequest } from './protocol';

const SECRET = 'root:x:0:0:secret';
let base: string;
let rendererRoot: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'warroom-protocol-'));
  rendererRoot = path.join(base, 'renderer');
  await mkdir(path.join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Warroom</title>');
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(rendererRoot, 'icon.svg'), '<svg/>');
  // Siblings of the root that a traversal would reach.
  await writeFile(path.join(base, 'passwd'), SECRET);
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'index.html'), SECRET);
  handle = createAppProtocolHandler(rendererRoot, (filePath) => readFile(filePath));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  it.each([
    ['app://warroom/index.html', 'index.html', 'text/html; charset=utf-8', '<!doctype html><title>Warroom</title>'],
    ['app://warroom/', 'index.html', 'text/html; charset=utf-8', '<!doctype html><title>Warroom</title>'],
    ['app://warroom/assets/index-abc.js?v=1#x', 'assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://warroom/assets/index-abc.css', 'assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://warroom/icon.svg', 'icon.svg', 'image/svg+xml', '<svg/>'],
  ])('serves %s with its MIME type and the security headers', async (url, file, mimeType, body) => {
    expect(resolveAppRequest(url, rendererRoot)).toEqual({ ok: true, filePath: path.join(rendererRoot, file), mimeType });
    const response = await handle(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(mimeType);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it('answers 404 for a missing file or a directory', async () => {
    expect((await handle(new Request('app://warroom/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://warroom/assets/'))).status).toBe(404);
  });

  it.each([
    'app://warroom/../passwd',
    'app://warroom/../../../../etc/passwd',
    'app://warroom/%2e%2e/passwd',
    'app://warroom/%2e%2e%2fpasswd',
    'app://warroom/%2E%2E%2Fpasswd',
    'app://warroom/assets/..%2f..%2fpasswd',
    'app://warroom/..%5cpasswd',
    'app://warroom/..\\passwd',
    'app://warroom/assets\\..\\..\\passwd',
    'app://warroom/%2fetc%2fpasswd',
    'app://warroom/..%2frenderer-evil%2findex.html',
    'app://warroom/index.html%00.js',
  ])('never serves anything outside the root for %s', async (url) => {
    const resolved = resolveAppRequest(url, rendererRoot);
    if (resolved.ok) expect(resolved.filePath.startsWith(rendererRoot + path.sep)).toBe(true);
    const response = await handle(new Request(url));
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('refuses encoded separators and NUL outright rather than serving a lookalike', () => {
    expect(resolveAppRequest('app://warroom/%2e%2e%2fpasswd', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('app://warroom/..%5cpasswd', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('app://warroom/index.html%00.js', rendererRoot)).toEqual({ ok: false, status: 403 });
  });

  it('answers 400 for a path that does not decode', () => {
    expect(resolveAppRequest('app://warroom/%E0%A4%A', rendererRoot)).toEqual({ ok: false, status: 400 });
  });

  it.each([
    'app://evil/index.html',
    'app://warroom.evil/index.html',
    'app://user@warroom/index.html',
    'app://warroom:8080/index.html',
    'https://warroom/index.html',
    'file:///etc/passwd',
  ])('refuses %s with 403', async (url) => {
    expect(resolveAppRequest(url, rendererRoot)).toEqual({ ok: false, status: 403 });
    // A plain object: Node's Request refuses URLs with credentials, Electron hands the handler whatever Chromium sent.
    const response = await handle({ url, method: 'GET' } as Request);
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD'])('refuses %s with 405', async (method) => {
    const response = await handle(new Request('app://warroom/index.html', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
  });

  it('answers 500, not 404, when reading fails for another reason', async () => {
    const failing = createAppProtocolHandler(rendererRoot, () =>
      Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
    );
    expect((await failing(new Request('app://warroom/index.html'))).status).toBe(500);
  });
});
