import { describe, expect, it, vi } from 'vitest';

import { denyPermissions, guardNavigation, isAllowedExternalUrl, isAppUrl, type GuardableContents } from './security';

type Listener = (event: { url: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      windowOpenHandler = handler;
    },
  };
  const emit = (name: string, url = '') => {
    const event = { url, preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event);
    return event.preventDefault;
  };
  const open = (url: string) => {
    if (!windowOpenHandler) throw new Error('no window open handler');
    return windowOpenHandler({ url });
  };
  return { contents: contents satisfies GuardableContents, emit, open };
}

describe('isAppUrl', () => {
  it.each(['app://warroom/', 'app://warroom/index.html', 'app://warroom/assets/x.js?a=1#b'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://warroom.evil/',
    'app://evil.warroom/',
    'app://user@warroom/',
    'app://warroom:pw@warroom/',
    'app://evil@warroom.evil/',
    'app://warroom:1234/',
    'https://evil/?x=app://warroom',
    'https://warroom/',
    'file:///app://warroom/',
    'javascript:app://warroom/',
    'apps://warroom/',
    'app:warroom',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each(['https://example.com/runbook', 'http://status.example.com', 'mailto:oncall@example.com'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://warroom/', 'ms-settings:', 'nonsense'])(
    'refuses %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(false);
    },
  );
});

describe('guardNavigation', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: blocks foreign URLs and lets app URLs through', (name) => {
    const fake = fakeContents();
    guardNavigation(fake.contents, vi.fn(() => Promise.resolve()));
    expect(fake.emit(name, 'https://evil.example/')).toHaveBeenCalledOnce();
    expect(fake.emit(name, 'app://warroom.evil/index.html')).toHaveBeenCalledOnce();
    expect(fake.emit(name, 'file:///etc/passwd')).toHaveBeenCalledOnce();
    expect(fake.emit(name, 'app://warroom/index.html')).not.toHaveBeenCalled();
  });

  it('blocks every <webview>', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, vi.fn(() => Promise.resolve()));
    expect(fake.emit('will-attach-webview')).toHaveBeenCalledOnce();
  });

  it('denies every new window and hands only http, https and mailto links to the OS', () => {
    const fake = fakeContents();
    const openExternal = vi.fn(() => Promise.resolve());
    guardNavigation(fake.contents, openExternal);

    for (const url of ['https://example.com/', 'http://example.com/', 'mailto:a@example.com']) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://warroom/index.html', 'smb://x/y']) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.com/'], ['http://example.com/'], ['mailto:a@example.com']]);
  });

  it('still denies the window when the OS refuses to open the link', async () => {
    const fake = fakeContents();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    guardNavigation(fake.contents, () => Promise.reject(new Error('no handler')));
    expect(fake.open('https://example.com/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    error.mockRestore();
  });
});

describe('denyPermissions', () => {
  it('denies every permission request and check', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((wc: unknown, permission: string) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler) => (checkHandler = handler),
    });

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(checkHandler?.({}, permission)).toBe(false);
    }
    expect(requestHandler).toBeDefined();
    expect(checkHandler).toBeDefined();
  });
});
