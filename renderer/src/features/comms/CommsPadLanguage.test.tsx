import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import type { Template } from '@shared/domain/comms';

import { incidentViewRoute } from '../../app/router';
import { declareIncident } from '../../db/commands';
import type { WarroomDatabase } from '../../db/database';
import { openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { assignRole } from '../../db/rosterCommands';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime, translate } from '../../i18n/i18n';
import { setLocale, type Locale } from '../../i18n/locale';
import { useCommsDrafts } from '../../state/commsDrafts';
import { fakeShell } from '../../testing/fakeShell';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const da = (key: MessageKey, values?: Record<string, string>) => translate('da', key, values);

/** The console, in a desktop shell and a language, opened on an incident's communications pad. */
async function openComms(screenLanguage: Locale, seed?: (db: WarroomDatabase) => Promise<unknown>) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' });
  await seed?.(db);
  setLocale(screenLanguage);
  const shell = fakeShell();
  window.location.hash = incidentViewRoute(id, 'comms');
  const view = renderConsole(db, shell);
  const audiences = translate(screenLanguage, 'comms.audiences');
  // The first render compiles the whole console: give it time.
  await screen.findByRole('navigation', { name: audiences }, { timeout: 10_000 });
  const declaredAt = new Date((await db.incidents.get(id))!.summary!.declaredAt);
  return { ...view, id, shell, declaredAt, audiences };
}

/** Picks an audience by the name the screen shows, by keyboard, and returns its draft. */
async function chooseAudience(user: UserEvent, language: Locale, shownName: string) {
  const list = screen.getByRole('navigation', { name: translate(language, 'comms.audiences') });
  const button = within(list).getByText(shownName, { selector: '.comms-audience-name' }).closest('button')!;
  act(() => button.focus());
  await user.keyboard('{Enter}');
  return screen.findByRole('region', { name: translate(language, 'comms.draftHeading', { audience: shownName }) });
}

const field = (region: HTMLElement, language: Locale, key: MessageKey) => within(region).getByLabelText(translate(language, key)) as HTMLInputElement;

afterEach(() => {
  useCommsDrafts.setState({ drafts: {}, selected: {} });
});

describe('the pad writes each message in one language', () => {
  it('on a Danish screen, takes the Danish template and writes the incident’s facts in Danish', async () => {
    const { user, declaredAt } = await openComms('da');
    // Default names follow the screen; the draft starts on the technical bridge.
    const technical = await chooseAudience(user, 'da', 'Teknisk bro');
    expect(field(technical, 'da', 'comms.language.label')).toHaveValue('da');
    expect(field(technical, 'da', 'comms.subject')).toHaveValue(`[${da('priority.P1')}] Hændelse erklæret: Payments down`);
    const text = field(technical, 'da', 'comms.text').value;
    expect(text).toContain(`Der er erklæret en hændelse med prioritet ${da('priority.P1')} den ${formatDateTime(declaredAt, 'da')}: Payments down`);
    expect(text).toContain(`Status: ${da('status.investigating')}`);
    expect(text).toContain(`Påvirkning: ${da('impact.organisation')}`);
    expect(text).toContain('Hændelsesleder: Ana');
    expect(text).not.toMatch(/Investigating|Whole organisation|Critical/);
    expect(field(technical, 'da', 'comms.text')).toHaveAttribute('lang', 'da');
  });

  it('re-fills an unedited draft when its language is switched, and keeps an edited one until asked', async () => {
    const { user } = await openComms('en');
    const executives = await chooseAudience(user, 'en', 'Executives');
    const language = within(executives).getByRole('combobox', { name: 'Language' });
    // English screen: the English fallback, English facts.
    expect(language).toHaveValue('en');
    expect(field(executives, 'en', 'comms.subject')).toHaveValue('[P1 · Critical] Major incident: Payments down');
    expect(within(language).getAllByRole('option').map((o) => o.textContent)).toEqual(['English', 'Danish']);

    act(() => language.focus());
    await user.selectOptions(language, 'da');
    expect(language).toHaveFocus();
    await waitFor(() => expect(field(executives, 'en', 'comms.subject')).toHaveValue(`[${da('priority.P1')}] Alvorlig hændelse: Payments down`));
    expect(field(executives, 'en', 'comms.text').value).toContain(`Status: ${da('status.investigating')}`);
    // The screen itself stays English.
    expect(screen.getByRole('region', { name: 'Message to Executives' })).toBe(executives);

    await user.type(field(executives, 'en', 'comms.text'), ' Ekstra.');
    await user.selectOptions(language, 'en');
    expect(field(executives, 'en', 'comms.text').value).toMatch(/Ekstra\.$/);
    await user.click(within(executives).getByRole('button', { name: 'Fill again from the template' }));
    await waitFor(() => expect(field(executives, 'en', 'comms.subject')).toHaveValue('[P1 · Critical] Major incident: Payments down'));
    expect(field(executives, 'en', 'comms.text').value).toContain('Status: Investigating');
  });

  it('falls back to the template without a language, in English, when the screen’s language has none', async () => {
    const ownWords: Template[] = [
      { audience: 'executives', phase: 'initial', subject: '[{{priority}}] {{title}}', body: 'Status: {{status}}', version: 2 },
      { audience: 'customers', phase: 'initial', subject: 'Om {{services}}', body: 'Status: {{status}}', version: 1, language: 'da' },
      { audience: 'customers', phase: 'update', subject: 'About {{services}}', body: 'Status: {{status}}', version: 1 },
    ];
    const { user } = await openComms('da', (db) => changeSetting(db, 'templates', ownWords, 'Ada'));
    const fallbackNote = da('comms.language.fallback', { language: da('language.inSentence.da'), fallback: da('language.inSentence.en') });

    // Only the fallback: no choice to make, and its facts in English, not mixed with Danish.
    const executives = await chooseAudience(user, 'da', 'Ledelsen');
    expect(within(executives).queryByRole('combobox', { name: da('comms.language.label') })).toBeNull();
    expect(field(executives, 'da', 'comms.subject')).toHaveValue('[P1 · Critical] Payments down');
    expect(field(executives, 'da', 'comms.text')).toHaveValue('Status: Investigating');
    expect(within(executives).getByText(fallbackNote)).toBeInTheDocument();

    // Danish for the initial notice; the update has only the fallback, and the pad says so.
    const customers = await chooseAudience(user, 'da', 'Nøglekunder');
    expect(field(customers, 'da', 'comms.language.label')).toHaveValue('da');
    expect(field(customers, 'da', 'comms.text')).toHaveValue(`Status: ${da('status.investigating')}`);
    await user.selectOptions(field(customers, 'da', 'comms.phase.label'), 'update');
    await waitFor(() => expect(field(customers, 'da', 'comms.subject')).toHaveValue('About payments'));
    expect(field(customers, 'da', 'comms.text')).toHaveValue('Status: Investigating');
    expect(field(customers, 'da', 'comms.language.label')).toHaveValue('da');
    expect(within(customers).getByText(fallbackNote)).toBeInTheDocument();
  });

  it('uses a template in another language rather than leave a draft blank, and says so', async () => {
    const danishOnly: Template[] = [{ audience: 'users', phase: 'initial', subject: 'Om {{services}}', body: 'Status: {{status}}', version: 1, language: 'da' }];
    const { user } = await openComms('en', (db) => changeSetting(db, 'templates', danishOnly, 'Ada'));
    const users = await chooseAudience(user, 'en', 'Impacted users (status page)');
    expect(field(users, 'en', 'comms.subject')).toHaveValue('Om payments');
    expect(field(users, 'en', 'comms.text')).toHaveValue(`Status: ${da('status.investigating')}`);
    expect(within(users).getByText('There is no English template for this phase: the Danish one is used, and the facts are written in Danish.')).toBeInTheDocument();
    expect(within(users).queryByRole('combobox', { name: 'Language' })).toBeNull();
  });

  it('saves a status page in the message’s language, whatever the screen’s', async () => {
    const { user, shell } = await openComms('en');
    const users = await chooseAudience(user, 'en', 'Impacted users (status page)');
    await user.selectOptions(within(users).getByRole('combobox', { name: 'Language' }), 'da');
    const eta = within(users).getByLabelText('ETA');
    await user.type(eta, 'kl. 15{Enter}');
    await waitFor(() => expect(field(users, 'en', 'comms.text').value).toContain('Forventet løst: kl. 15'));
    await user.click(within(users).getByRole('radio', { name: 'Status page snapshot (HTML file)' }));
    await user.click(within(users).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(shell.statusPages).toHaveLength(1));
    // The pad finishes recording the message before the test ends, so nothing updates a torn-down page.
    expect(await within(users).findByText(/^Status page saved: publish the file where/)).toBeInTheDocument();
    const page = shell.statusPages[0]!.contents;
    expect(page).toContain('<html lang="da">');
    expect(page).toContain('Driftsstatus');
    expect(page).toContain(da('comms.statusPage.currentStatus'));
    expect(page).toContain(da('status.investigating'));
    expect(page).not.toContain('Service status');
  });
});
