/**
 * The `app://warroom/` scheme serves the built renderer from disk. A custom
 * standard scheme gives the console a real origin (unlike file://), so CSP
 * 'self', fetch and storage behave as they do in a browser.
 */
import path from 'node:path';

import { CONTENT_SECURITY_POLICY } from '@shared/platform/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'warroom';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type AppRequestResolution =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404 | 405 };

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps an app:// URL to a file under rendererRoot, refusing anything that could reach outside it. */
export function resolveAppRequest(url: string, rendererRoot: string, method = 'GET'): AppRequestResolution {
  if (method !== 'GET') return { ok: false, status: 405 };

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.hostname !== APP_HOST ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return { ok: false, status: 403 };
  }

  // Decode segment by segment: an encoded '/' or '..' must stay inside its segment and be refused there.
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { ok: false, status: 403 };
    if (segment !== '') segments.push(segment);
  }

  const root = path.resolve(rendererRoot);
  const filePath = segments.length === 0 ? path.join(root, 'index.html') : path.resolve(root, ...segments);
  // Backstop for what segment checks cannot see, e.g. a Windows drive-relative segment like 'D:x'.
  if (!filePath.startsWith(root + path.sep)) return { ok: false, status: 403 };

  return { ok: true, filePath, mimeType: mimeTypeOf(filePath) };
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
} as const;

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errorResponse(status: number): Response {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
  if (status === 405) headers.Allow = 'GET';
  return new Response(null, { status, headers });
}

/** The handler for `protocol.handle('app', ...)`; readFile is injected so it runs on plain Node in tests. */
export function createAppProtocolHandler(rendererRoot: string, readFile: ReadFile): (request: Request) => Promise<Response> {
  return async (request) => {
    const resolved = resolveAppRequest(request.url, rendererRoot, request.method);
    if (!resolved.ok) return errorResponse(resolved.status);
    let body: Uint8Array;
    try {
      body = await readFile(resolved.filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      return errorResponse(code !== undefined && MISSING_FILE_CODES.has(code) ? 404 : 500);
    }
    // Copied into a fresh ArrayBuffer: a Node Buffer may be a view on a larger shared pool.
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': resolved.mimeType },
    });
  };
}
