import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE, DEFAULT_ROLES } from '@shared/domain/catalogues';

import { declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { assignRole } from '../../db/rosterCommands';
import { translate } from '../../i18n/i18n';
import { setLocale, type Locale } from '../../i18n/locale';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

/** The people view of an incident whose commander is Ana and scribe Bo, in a language; the scribe role renamed if asked. */
async function openPeople(language: Locale, scribeName?: string) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  if (scribeName) await changeSetting(db, 'roles', DEFAULT_ROLES.map((r) => (r.id === 'scribe' ? { ...r, name: scribeName } : r)), 'Ada');
  const id = await declareIncident(db, declareInput);
  await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' });
  await assignRole(db, { incidentId: id, role: 'scribe', person: 'Bo', actor: 'Ada' });
  setLocale(language);
  window.location.hash = `#/incidents/${encodeURIComponent(id)}/people`;
  const view = renderConsole(db);
  // The first render compiles the whole console: give it time.
  await screen.findByRole('heading', { name: translate(language, 'roles.rolesHeading') }, { timeout: 10_000 });
  return view;
}

const roleCard = (name: string) => screen.getByRole('listitem', { name });
const personRow = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;

describe('role names', () => {
  it('shows the shipped role names in Danish on a Danish screen', async () => {
    await openPeople('da');
    expect(within(roleCard('Hændelsesleder')).getByText('Ana')).toBeInTheDocument();
    expect(within(roleCard('Referent')).getByText('Bo')).toBeInTheDocument();
    expect(roleCard('Stedfortrædende hændelsesleder')).toBeInTheDocument();
    expect(screen.queryByText('Incident commander')).toBeNull();
    // The engagement table and the incident header say it the same way.
    expect(within(personRow('Ana')).getByText('Hændelsesleder')).toBeInTheDocument();
    expect(within(personRow('Bo')).getByText('Referent')).toBeInTheDocument();
    expect(screen.getByText(translate('da', 'roles.commanderHeld', { role: 'Hændelsesleder', name: 'Ana' }))).toBeInTheDocument();
    // So does the assign dialog, named after the role.
    const handOver = within(roleCard('Referent')).getByRole('button', { name: translate('da', 'roles.handOverLabel', { role: 'Referent' }) });
    act(() => handOver.click());
    expect(await screen.findByRole('dialog', { name: translate('da', 'roles.dialog.handOverTitle', { role: 'Referent' }) })).toBeInTheDocument();
  });

  it('shows a role the organisation renamed as written, in any language', async () => {
    await openPeople('da', 'Logfører');
    await waitFor(() => expect(within(roleCard('Logfører')).getByText('Bo')).toBeInTheDocument());
    expect(within(personRow('Bo')).getByText('Logfører')).toBeInTheDocument();
    expect(roleCard('Hændelsesleder')).toBeInTheDocument();
  });

  it('keeps the shipped names on an English screen', async () => {
    await openPeople('en');
    expect(within(roleCard('Incident commander')).getByText('Ana')).toBeInTheDocument();
    expect(within(personRow('Bo')).getByText('Scribe')).toBeInTheDocument();
  });
});
