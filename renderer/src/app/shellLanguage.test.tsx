import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { openDatabase } from '../db/eventStore';
import { setProfileName } from '../db/queries';
import { translate } from '../i18n/i18n';
import { LOCALE_STORAGE_KEY, initLocale, type Locale } from '../i18n/locale';
import { fakeShell } from '../testing/fakeShell';
import { freshDatabase, renderConsole } from '../testing/renderConsole';

async function consoleWithProfile() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  return db;
}

/** Chooses a language in the profile dialog, as an operator does, and saves. */
async function chooseLanguage(user: ReturnType<typeof renderConsole>['user'], from: Locale, to: Locale) {
  await user.click(await screen.findByRole('button', { name: translate(from, 'profile.loggingAs', { name: 'Ada' }) }));
  const dialog = await screen.findByRole('dialog', { name: translate(from, 'profile.dialogTitle') });
  await user.selectOptions(within(dialog).getByRole('combobox', { name: translate(from, 'profile.languageLabel') }), to);
  await user.click(within(dialog).getByRole('button', { name: translate(from, 'profile.save') }));
}

describe("the shell's language", () => {
  it('is told at start, and again when the operator switches to Danish in the profile dialog', async () => {
    const shell = fakeShell();
    const { user } = renderConsole(await consoleWithProfile(), shell);
    await screen.findByRole('heading', { level: 1, name: translate('en', 'incidents.title') });
    await waitFor(() => expect(shell.languages).toEqual(['en']));

    await chooseLanguage(user, 'en', 'da');
    await screen.findByRole('heading', { level: 1, name: translate('da', 'incidents.title') });
    await waitFor(() => expect(shell.languages).toEqual(['en', 'da']));
  });

  it('is the saved choice when the console opens in it, and follows a switch back to English', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'da');
    initLocale();
    const shell = fakeShell();
    const { user } = renderConsole(await consoleWithProfile(), shell);
    await screen.findByRole('heading', { level: 1, name: translate('da', 'incidents.title') });
    await waitFor(() => expect(shell.languages).toEqual(['da']));

    await chooseLanguage(user, 'da', 'en');
    await screen.findByRole('heading', { level: 1, name: translate('en', 'incidents.title') });
    await waitFor(() => expect(shell.languages).toEqual(['da', 'en']));
  });

  it('is left alone by a wall, even one opened in another language', async () => {
    window.location.hash = '#/wall?lang=da';
    initLocale();
    const shell = fakeShell();
    renderConsole(await consoleWithProfile(), shell);
    await screen.findByRole('heading', { name: translate('da', 'wall.overview.heading') });
    expect(shell.languages).toEqual([]);
  });

  it('going untold does not stop the console from switching', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const shell = fakeShell();
    shell.setLanguage = () => Promise.reject(new Error('IPC "shell:set-language" refused'));
    const { user } = renderConsole(await consoleWithProfile(), shell);
    await screen.findByRole('heading', { level: 1, name: translate('en', 'incidents.title') });

    await chooseLanguage(user, 'en', 'da');
    expect(await screen.findByRole('heading', { level: 1, name: translate('da', 'incidents.title') })).toBeInTheDocument();
    const untold = () => logged.mock.calls.filter(([, error]) => error instanceof Error && /set-language/.test(error.message));
    await waitFor(() => expect(untold()).toHaveLength(2));
    logged.mockRestore();
  });

  it('a shell from before the switch existed (no setLanguage) is logged, and the console still opens', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const shell = fakeShell();
    (shell as { setLanguage?: unknown }).setLanguage = undefined;
    renderConsole(await consoleWithProfile(), shell);
    expect(await screen.findByRole('heading', { level: 1, name: translate('en', 'incidents.title') })).toBeInTheDocument();
    await waitFor(() => expect(logged.mock.calls.some(([message]) => /shell the console language/.test(String(message)))).toBe(true));
    logged.mockRestore();
  });
});
