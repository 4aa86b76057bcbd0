import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { declareIncident } from '../db/commands';
import { openDatabase } from '../db/eventStore';
import { setProfileName } from '../db/queries';
import { declareInput } from '../testing/fixtures';
import { freshDatabase, renderConsole } from '../testing/renderConsole';
import type { MessageKey } from './en';
import { translate } from './i18n';
import { LOCALE_STORAGE_KEY, initLocale, type Locale } from './locale';

/** The message in both languages, checked to differ so a switch is visible at all. */
function both(key: MessageKey, values?: Record<string, string>) {
  const text = { en: translate('en', key, values), da: translate('da', key, values) };
  expect(text.da, `${key} has no Danish yet`).not.toBe(text.en);
  return text;
}

/** Chooses a language in the profile dialog, as an operator does, and saves. */
async function chooseLanguage(user: ReturnType<typeof renderConsole>['user'], from: Locale, to: Locale) {
  await user.click(await screen.findByRole('button', { name: translate(from, 'profile.loggingAs', { name: 'Ada' }) }));
  const dialog = await screen.findByRole('dialog', { name: translate(from, 'profile.dialogTitle') });
  const picker = within(dialog).getByRole('combobox', { name: translate(from, 'profile.languageLabel') });
  expect([...picker.querySelectorAll('option')].map((option) => option.textContent)).toEqual(['English', 'Dansk']);
  await user.selectOptions(picker, to);
  await user.click(within(dialog).getByRole('button', { name: translate(from, 'profile.save') }));
}

async function consoleWithProfile() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  return db;
}

describe('switching language at run time', () => {
  it('turns the whole screen Danish from the profile dialog, and back, without a reload', async () => {
    const title = both('incidents.title');
    const column = both('incidents.col.services');
    const profile = both('profile.loggingAs', { name: 'Ada' });
    const db = await consoleWithProfile();
    await declareIncident(db, declareInput);
    const { user } = renderConsole(db);
    await screen.findByRole('heading', { level: 1, name: title.en });
    await screen.findByRole('columnheader', { name: column.en });

    await chooseLanguage(user, 'en', 'da');
    expect(await screen.findByRole('heading', { level: 1, name: title.da })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: column.da })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: declareInput.title })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: title.en })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Focus returns to the control that opened the dialog, now in Danish.
    expect(screen.getByRole('button', { name: profile.da })).toHaveFocus();
    expect(document.documentElement.lang).toBe('da');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('da');

    await chooseLanguage(user, 'da', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: title.en })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: profile.en })).toHaveFocus();
    expect(document.documentElement.lang).toBe('en');
  });

  it('keeps the name being saved and the draft being typed', async () => {
    const timeline = both('timeline.label');
    const entryBox = both('composer.label');
    const db = await consoleWithProfile();
    const id = await declareIncident(db, declareInput);
    window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
    const { user } = renderConsole(db);
    await screen.findByRole('region', { name: timeline.en });
    await user.type(screen.getByRole('textbox', { name: entryBox.en }), 'checkout pods restarting');

    await user.click(await screen.findByRole('button', { name: translate('en', 'profile.loggingAs', { name: 'Ada' }) }));
    const dialog = await screen.findByRole('dialog');
    await user.clear(within(dialog).getByRole('textbox', { name: translate('en', 'profile.nameLabel') }));
    await user.type(within(dialog).getByRole('textbox', { name: translate('en', 'profile.nameLabel') }), 'Grace');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: translate('en', 'profile.languageLabel') }), 'da');
    await user.click(within(dialog).getByRole('button', { name: translate('en', 'profile.save') }));

    expect(await screen.findByRole('region', { name: timeline.da })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: declareInput.title })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: entryBox.da })).toHaveValue('checkout pods restarting');
    expect(screen.getByRole('button', { name: translate('da', 'profile.loggingAs', { name: 'Grace' }) })).toBeInTheDocument();
    expect(document.activeElement).not.toBe(document.body);
  });

  it('follows a switch made in another window of the console', async () => {
    const title = both('incidents.title');
    renderConsole(await consoleWithProfile());
    await screen.findByRole('heading', { level: 1, name: title.en });
    act(() => {
      localStorage.setItem(LOCALE_STORAGE_KEY, 'da');
      window.dispatchEvent(new StorageEvent('storage', { key: LOCALE_STORAGE_KEY, newValue: 'da' }));
    });
    expect(await screen.findByRole('heading', { level: 1, name: title.da })).toBeInTheDocument();
  });

  it('opens in the language the URL asks for, over the saved choice', async () => {
    const title = both('incidents.title');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    window.location.hash = '#/incidents?lang=da';
    initLocale();
    renderConsole(await consoleWithProfile());
    expect(await screen.findByRole('heading', { level: 1, name: title.da })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.lang).toBe('da'));
  });
});
