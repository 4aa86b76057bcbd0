import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { LOCALE_STORAGE_KEY, chooseLocale, getLocale, initLocale, localeFromHash, localeFromLanguages, setLocale, useLocale } from './locale';

/** What another window of the console does when it saves a choice. */
const switchElsewhere = (newValue: string | null) =>
  act(() => window.dispatchEvent(new StorageEvent('storage', { key: LOCALE_STORAGE_KEY, newValue })));

afterEach(() => vi.restoreAllMocks());

describe('choosing the language at start', () => {
  it('takes the lang query parameter of the hash route over the saved choice', () => {
    expect(chooseLocale({ hash: '#/wall/abc?zones=UTC&lang=da', stored: 'en', languages: ['en-GB'] })).toEqual({ locale: 'da', fromUrl: true });
    expect(chooseLocale({ hash: '#/wall?lang=en', stored: 'da', languages: ['da'] })).toEqual({ locale: 'en', fromUrl: true });
  });

  it('then the saved choice, then the browser languages, then English', () => {
    expect(chooseLocale({ hash: '', stored: 'da', languages: ['en-US'] }).locale).toBe('da');
    expect(chooseLocale({ hash: '', stored: null, languages: ['da-DK', 'en'] }).locale).toBe('da');
    expect(chooseLocale({ hash: '', stored: null, languages: ['fr-FR'] }).locale).toBe('en');
    expect(chooseLocale({ hash: '', stored: null, languages: [] }).locale).toBe('en');
  });

  it('ignores values it does not know, wherever they come from', () => {
    expect(chooseLocale({ hash: '#/wall?lang=klingon', stored: '{"da":1}', languages: ['DA'] })).toEqual({ locale: 'da', fromUrl: false });
    expect(localeFromHash('#/incidents/x?lang=')).toBeNull();
    expect(localeFromHash('#/incidents/lang=da')).toBeNull();
  });

  it('follows the order of the browser languages, and does not take Norwegian or Swedish for Danish', () => {
    expect(localeFromLanguages(['nb-NO', 'sv-SE'])).toBeNull();
    expect(localeFromLanguages(['nb-NO', 'da', 'en'])).toBe('da');
    expect(localeFromLanguages(['en-US', 'da-DK'])).toBe('en');
    expect(localeFromLanguages(['dav'])).toBeNull();
  });

  it('reads the window: the URL wins over storage, a bad stored value falls back to the browser', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    window.location.hash = '#/wall/abc?lang=da';
    initLocale();
    expect(getLocale()).toBe('da');

    window.location.hash = '';
    localStorage.setItem(LOCALE_STORAGE_KEY, 'dk');
    initLocale();
    expect(getLocale()).toBe('en');

    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['da-DK', 'en-GB']);
    initLocale();
    expect(getLocale()).toBe('da');
  });

  it('survives storage that refuses to be read', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => initLocale()).not.toThrow();
    expect(getLocale()).toBe('en');
  });
});

describe('switching language', () => {
  it('saves the choice, marks the document and tells subscribers', () => {
    const { result } = renderHook(() => useLocale());
    expect(result.current).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    act(() => setLocale('da'));
    expect(result.current).toBe('da');
    expect(getLocale()).toBe('da');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('da');
    expect(document.documentElement.lang).toBe('da');

    act(() => setLocale('en'));
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('follows a choice saved in another window, and ignores values it does not know', () => {
    const { result } = renderHook(() => useLocale());
    switchElsewhere('da');
    expect(result.current).toBe('da');
    expect(document.documentElement.lang).toBe('da');
    switchElsewhere('xx');
    switchElsewhere(null);
    expect(result.current).toBe('da');
    switchElsewhere('en');
    expect(result.current).toBe('en');
  });

  it('keeps a window opened for a language by URL in that language when others switch', () => {
    window.location.hash = '#/wall?lang=da';
    initLocale();
    const { result } = renderHook(() => useLocale());
    switchElsewhere('en');
    expect(result.current).toBe('da');

    // Chosen here, it is this window's choice again.
    act(() => setLocale('en'));
    switchElsewhere('da');
    expect(result.current).toBe('da');
  });

  it('takes a language given later in the URL', async () => {
    const { result } = renderHook(() => useLocale());
    act(() => {
      window.location.hash = '#/wall/abc?lang=da';
    });
    await vi.waitFor(() => expect(result.current).toBe('da'));
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });
});
