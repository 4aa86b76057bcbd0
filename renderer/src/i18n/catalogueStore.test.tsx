import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * A window as it starts: only English held. The suite's setup loads Danish for every other test, so these
 * import fresh copies of the language modules, whose catalogues start empty.
 */
async function freshWindow() {
  vi.resetModules();
  const store = await import('./catalogueStore');
  const locale = await import('./locale');
  const i18n = await import('./i18n');
  return { ...store, ...locale, ...i18n };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('the Danish catalogue, loaded on first use', () => {
  it('is not held by a window that speaks English, and Danish text falls back to English until it arrives', async () => {
    const w = await freshWindow();
    expect(w.isCatalogueHeld('en')).toBe(true);
    expect(w.isCatalogueHeld('da')).toBe(false);
    expect(w.translate('da', 'app.retry')).toBe('Try again');
    expect(w.formatDate(new Date(2026, 9, 12), 'da')).toBe('12 Oct 2026');

    await w.loadCatalogue('da');
    expect(w.translate('da', 'app.retry')).toBe('Prøv igen');
    expect(w.formatDate(new Date(2026, 9, 12), 'da')).toBe('12. okt. 2026');
  });

  it('is loaded once however many ask for it at the same time', async () => {
    const w = await freshWindow();
    const first = w.loadCatalogue('da');
    const second = w.loadCatalogue('da');
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(w.isCatalogueHeld('da')).toBe(true);
  });

  it('refuses a language this build does not speak, with its name', async () => {
    const w = await freshWindow();
    await expect(w.loadCatalogue('sv' as never)).rejects.toThrow('"sv"');
  });

  it('switches the screen only once it has arrived, so the screen is never half in each language', async () => {
    const w = await freshWindow();
    w.setLocale('da');
    expect(w.getLocale()).toBe('en');
    expect(document.documentElement.lang).not.toBe('da');
    await w.localeReady();
    expect(w.getLocale()).toBe('da');
    expect(document.documentElement.lang).toBe('da');
    expect(w.t('app.retry')).toBe('Prøv igen');
  });

  it('gives way to a choice made while it loads: back to English before Danish arrived stays English', async () => {
    const w = await freshWindow();
    w.setLocale('da');
    const danish = w.localeReady();
    w.setLocale('en');
    await danish;
    await w.localeReady();
    expect(w.getLocale()).toBe('en');
    expect(localStorage.getItem(w.LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('is loaded before the first screen when the window starts in Danish', async () => {
    localStorage.setItem('warroom.locale', 'da');
    const w = await freshWindow();
    await w.localeReady();
    expect(w.getLocale()).toBe('da');
    expect(w.t('app.retry')).toBe('Prøv igen');
  });

  it('is loaded for a view that writes in Danish on an English screen, which waits for it', async () => {
    const w = await freshWindow();
    function DanishLine() {
      const { state } = w.useCatalogues(['da']);
      return <p>{state === 'ready' ? w.translate('da', 'app.retry') : 'waiting'}</p>;
    }
    render(<DanishLine />);
    expect(screen.getByText('waiting')).toBeInTheDocument();
    expect(await screen.findByText('Prøv igen')).toBeInTheDocument();
    expect(w.getLocale()).toBe('en');
  });

  it('leaves the screen in the language it speaks when the file cannot be loaded, says so, and tries again at the next choice', async () => {
    vi.doMock('./da', () => {
      throw new Error('file missing from the install');
    });
    const w = await freshWindow();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const unavailable: string[] = [];
    w.onLocaleUnavailable((locale) => unavailable.push(locale));
    w.setLocale('da');
    expect(w.getChosenLocale()).toBe('da');
    await act(() => w.localeReady());
    expect(w.getLocale()).toBe('en');
    // Nothing is on its way any more: a menu offers Danish again.
    expect(w.getChosenLocale()).toBe('en');
    expect(unavailable).toEqual(['da']);
    expect(error).toHaveBeenCalledWith('Could not load the da catalogue', expect.any(Error));

    vi.doUnmock('./da');
    vi.resetModules();
    w.setLocale('da');
    await w.localeReady();
    expect(w.getLocale()).toBe('da');
    expect(unavailable).toEqual(['da']);
  });

  it('tells a view waiting on it that it failed, and loads it when the view tries again', async () => {
    vi.doMock('./da', () => {
      throw new Error('replaced by a newer version of the console');
    });
    const w = await freshWindow();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function DanishLine() {
      const { state, retry } = w.useCatalogues(['da']);
      return (
        <p>
          {state === 'ready' ? w.translate('da', 'app.retry') : state}
          {state === 'failed' && (
            <button type="button" onClick={retry}>
              again
            </button>
          )}
        </p>
      );
    }
    render(<DanishLine />);
    const again = await screen.findByRole('button', { name: 'again' });
    expect(screen.getByText('failed')).toBeInTheDocument();

    vi.doUnmock('./da');
    vi.resetModules();
    act(() => again.click());
    expect(await screen.findByText('Prøv igen')).toBeInTheDocument();
  });

  it('names the language on its way as the one chosen, so a menu can take the choice back before it arrives', async () => {
    const w = await freshWindow();
    w.setLocale('da');
    expect(w.getLocale()).toBe('en');
    expect(w.getChosenLocale()).toBe('da');
    w.setLocale('en');
    expect(w.getChosenLocale()).toBe('en');
    await w.localeReady();
    expect(w.getLocale()).toBe('en');
  });
});
