import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { DEFAULT_AUDIENCES } from '@shared/domain/comms';

import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import type { MessageKey } from '../../i18n/en';
import { translate } from '../../i18n/i18n';
import { setLocale } from '../../i18n/locale';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const da = (key: MessageKey, values?: Record<string, string>) => translate('da', key, values);

async function openDanishSettings(renameExecutives?: string) {
  const db = freshDatabase();
  await setProfileName(db, 'Ada');
  if (renameExecutives) {
    await changeSetting(db, 'audiences', DEFAULT_AUDIENCES.map((a) => (a.id === 'executives' ? { ...a, name: renameExecutives } : a)), 'Ada');
  }
  setLocale('da');
  window.location.hash = '#/settings';
  const view = renderConsole(db);
  await screen.findByText(da('settings.changingAs', { name: 'Ada' }), {}, { timeout: 10_000 });
  return view;
}

const section = (key: MessageKey) => screen.getByRole('region', { name: da(key) });

describe('default names in the settings summaries', () => {
  it('reads the shipped names in Danish, while the editors edit the stored names', async () => {
    const { user } = await openDanishSettings();
    const audiences = section('settings.audiences.heading');
    expect(within(audiences).getByRole('rowheader', { name: 'Ledelsen' })).toBeInTheDocument();
    expect(within(audiences).getByRole('rowheader', { name: 'Berørte brugere (statusside)' })).toBeInTheDocument();
    expect(within(section('settings.templates.heading')).getByRole('rowheader', { name: 'Nøglekunder' })).toBeInTheDocument();
    expect(within(section('settings.channels.heading')).getByText(da('settings.channels.statusTitleLine', { title: 'Driftsstatus' }))).toBeInTheDocument();

    // The form holds what is stored: saving it unchanged must not rename anything.
    await user.click(within(audiences).getByRole('button', { name: da('settings.audiences.edit') }));
    expect(within(audiences).getByLabelText(da('settings.audiences.nameLabel', { n: '3' }))).toHaveValue('Executives');
    expect(within(section('settings.roles.heading')).getByLabelText(da('settings.roles.nameLabel', { n: '1' }))).toHaveValue('Incident commander');
  });

  it('shows a renamed audience as written', async () => {
    await openDanishSettings('Direktionen');
    const audiences = section('settings.audiences.heading');
    expect(within(audiences).getByRole('rowheader', { name: 'Direktionen' })).toBeInTheDocument();
    expect(within(audiences).queryByRole('rowheader', { name: 'Ledelsen' })).toBeNull();
    expect(within(audiences).getByRole('rowheader', { name: 'Nøglekunder' })).toBeInTheDocument();
  });
});
