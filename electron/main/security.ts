/**
 * Guards every webContents and the session: the console only ever shows its
 * own app:// pages, never opens windows, never hosts <webview>, and is granted
 * no web permissions. Electron objects are injected so this runs on plain Node.
 */
import { APP_HOST, APP_SCHEME } from './protocol';

type PreventableEvent = { preventDefault(): void };
type NavigationEvent = PreventableEvent & { readonly url: string };

export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export type OpenExternal = (url: string) => Promise<void>;

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True only for the console's own origin: app://warroom, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Links the user may follow out to the OS: anything else (file:, javascript:, custom handlers) is dropped. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && EXTERNAL_PROTOCOLS.has(parsed.protocol);
}

export function guardNavigation(contents: GuardableContents, openExternal: OpenExternal): void {
  const blockForeign = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => console.error('Could not open external link', error));
    }
    return { action: 'deny' };
  });
}

export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
