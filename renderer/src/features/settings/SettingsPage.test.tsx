import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PRIORITY_MATRIX } from '@shared/domain/priority';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import type { WarroomDatabase } from '../../db/database';
import { ingestEvents } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

type User = ReturnType<typeof renderConsole>['user'];

async function openSettings(name = 'Ada') {
  const db = freshDatabase();
  if (name) await setProfileName(db, name);
  window.location.hash = '#/settings';
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 2, name: 'Priority matrix' });
  // The profile is read after the page: wait until it is known either way, as a person would see it.
  if (name) await screen.findByText(`Changes are recorded as ${name}.`);
  else await screen.findByText('Set your name before changing settings: every change records who made it.');
  return view;
}

const section = (name: string) => screen.getByRole('region', { name });
const settingEvents = async (db: WarroomDatabase) => (await db.events.toArray()).filter((e) => e.type === 'organisation.settingChanged');

/** From the settings page to the declare dialog, as a person would: the app name, then N on the incident list. */
async function openDeclareDialog(user: User) {
  await user.click(screen.getByRole('link', { name: 'Warroom' }));
  await screen.findByRole('heading', { level: 1, name: 'Incidents' });
  await user.keyboard('n');
  return screen.findByRole('dialog', { name: 'Declare an incident' });
}

describe('the settings page', () => {
  it('is reached from the app bar', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await user.click(screen.getByRole('link', { name: 'Settings' }));
    for (const name of ['Roles', 'Priority matrix', 'Service levels', 'Service catalogue']) {
      expect(await screen.findByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  });

  it('saves an edited matrix, and a new incident takes its priority from it', async () => {
    const { user, db } = await openSettings();
    const matrix = section('Priority matrix');
    expect(within(matrix).getByRole('button', { name: 'Save matrix' })).toBeDisabled();
    await user.selectOptions(within(matrix).getByLabelText('Priority for A department or site × Supporting'), 'P1');
    expect(within(matrix).getByRole('status')).toHaveTextContent('Unsaved changes');
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));

    expect(await screen.findByText('Priority matrix saved')).toBeInTheDocument();
    await waitFor(async () => expect((await getOrganisation(db)).settings.priorityMatrix.department.supporting).toBe('P1'));
    expect(await settingEvents(db)).toHaveLength(1);
    expect(within(matrix).getByLabelText('Priority for A department or site × Supporting')).toHaveValue('P1');
    expect(within(matrix).getByRole('status')).toHaveTextContent('Saved');

    const dialog = await openDeclareDialog(user);
    await user.type(within(dialog).getByLabelText('Title'), 'Branch VPN down');
    await user.selectOptions(within(dialog).getByLabelText('Impact'), 'department');
    await user.selectOptions(within(dialog).getByLabelText('Urgency'), 'supporting');
    expect(within(dialog).getByText('P1 · Critical')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Declare' }));
    await screen.findByRole('heading', { level: 1, name: 'Branch VPN down' });
    expect(screen.getAllByText('P1 · Critical').length).toBeGreaterThan(0);
  });

  it('refuses a matrix with a gap, naming the cell, writing nothing and keeping the edit', async () => {
    const { user, db } = await openSettings();
    const matrix = section('Priority matrix');
    const cell = within(matrix).getByLabelText('Priority for A department or site × Internal');
    await user.selectOptions(cell, '');
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));

    expect(within(matrix).getByText('Every cell needs a priority: A department or site × Internal is empty.')).toBeInTheDocument();
    expect(within(matrix).getByRole('alert')).toHaveTextContent('Not saved: 1 field needs attention.');
    expect(cell).toHaveFocus();
    expect(cell).toHaveAttribute('aria-invalid', 'true');
    expect(cell).toHaveAccessibleDescription('Every cell needs a priority: A department or site × Internal is empty.');
    expect(cell).toHaveValue('');
    expect(await db.events.count()).toBe(0);

    // Choosing a priority clears the message; discarding returns to the saved matrix.
    await user.selectOptions(cell, 'P2');
    expect(within(matrix).queryByRole('alert')).toBeNull();
    await user.click(within(matrix).getByRole('button', { name: 'Discard changes' }));
    expect(cell).toHaveValue(DEFAULT_PRIORITY_MATRIX.department.internal);
    expect(await db.events.count()).toBe(0);
  });

  it('renames a role and adds one by keyboard; the commander cannot be removed', async () => {
    const { user, db } = await openSettings();
    const roles = section('Roles');
    expect(within(roles).queryByRole('button', { name: 'Remove role 1' })).toBeNull();
    expect(within(roles).queryByLabelText('Role 1 held by')).toBeNull();

    const scribe = within(roles).getByLabelText('Role 3 name');
    expect(scribe).toHaveValue('Scribe');
    await user.clear(scribe);
    await user.type(scribe, 'Recorder');

    await user.click(within(roles).getByRole('button', { name: 'Add role' }));
    const added = within(roles).getByLabelText('Role 9 name');
    expect(added).toHaveFocus();
    await user.type(added, 'Network engineer');
    await user.tab();
    expect(within(roles).getByLabelText('Role 9 held by')).toHaveFocus();
    await user.selectOptions(within(roles).getByLabelText('Role 9 held by'), 'many');
    await user.tab();
    expect(within(roles).getByLabelText('Role 9 is needed before the room counts as engaged')).toHaveFocus();
    await user.keyboard(' ');
    await user.click(added);
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Roles saved')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await getOrganisation(db)).settings.roles).toEqual(
        expect.arrayContaining([
          { id: 'scribe', name: 'Recorder', seats: 'one', required: true },
          { id: 'network-engineer', name: 'Network engineer', seats: 'many', required: true },
        ]),
      ),
    );
    expect((await getOrganisation(db)).settings.roles).toHaveLength(9);
  });

  it('moves and removes roles with focus following, and refuses a duplicate name', async () => {
    const { user, db } = await openSettings();
    const roles = section('Roles');
    await user.click(within(roles).getByRole('button', { name: 'Move role 3 up' }));
    expect(within(roles).getByLabelText('Role 2 name')).toHaveValue('Scribe');
    expect(within(roles).getByRole('button', { name: 'Move role 2 up' })).toHaveFocus();
    await user.click(within(roles).getByRole('button', { name: 'Remove role 3' }));
    expect(within(roles).getByLabelText('Role 3 name')).toHaveValue('Communications lead');
    expect(within(roles).getByLabelText('Role 3 name')).toHaveFocus();

    await user.clear(within(roles).getByLabelText('Role 3 name'));
    await user.type(within(roles).getByLabelText('Role 3 name'), 'scribe{Enter}');
    expect(within(roles).getByText('Another role is already called “Scribe”.')).toBeInTheDocument();
    expect(within(roles).getByLabelText('Role 3 name')).toHaveFocus();
    expect(await db.events.count()).toBe(0);
  });

  it('never gives a new role the id of a removed one, whose holders incidents still name', async () => {
    const { user, db } = await openSettings();
    const roles = section('Roles');
    expect(within(roles).getByLabelText('Role 3 name')).toHaveValue('Scribe');
    await user.click(within(roles).getByRole('button', { name: 'Remove role 3' }));
    await user.click(within(roles).getByLabelText('Role 3 name'));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Roles saved')).toBeInTheDocument();
    await waitFor(async () => expect((await getOrganisation(db)).settings.roles.map((r) => r.id)).not.toContain('scribe'));

    await user.click(within(roles).getByRole('button', { name: 'Add role' }));
    await user.type(within(roles).getByLabelText('Role 8 name'), 'Scribe{Enter}');
    await waitFor(async () => expect((await getOrganisation(db)).settings.roles.at(-1)).toEqual({ id: 'scribe-2', name: 'Scribe', seats: 'one' }));
  });

  it('refuses a warning that comes after the deadline, in words, and saves once it is fixed', async () => {
    const { user, db } = await openSettings();
    const levels = section('Service levels');
    const warn = within(levels).getByLabelText('P1 · Critical: minutes of warning before a deadline');
    await user.clear(warn);
    await user.type(warn, '20{Enter}');

    const message = 'The warning must come before the deadline: use fewer than 15 minutes.';
    expect(within(levels).getByText(message)).toBeInTheDocument();
    expect(warn).toHaveFocus();
    expect(warn).toHaveAccessibleDescription(message);
    expect(await db.events.count()).toBe(0);

    await user.clear(warn);
    await user.type(warn, '10');
    const toMajor = within(levels).getByLabelText('P5 · Planning: minutes until it must become major');
    expect(toMajor).toHaveValue('');
    await user.type(toMajor, '2880{Enter}');
    expect(await screen.findByText('Service levels saved')).toBeInTheDocument();
    await waitFor(async () => expect((await getOrganisation(db)).settings.serviceLevels.P1.warnMinutes).toBe(10));
    expect((await getOrganisation(db)).settings.serviceLevels.P5.toMajorMinutes).toBe(2880);
  });

  it('adds a service that declaring then offers, suggesting urgency from its criticality', async () => {
    const { user, db } = await openSettings();
    const services = section('Service catalogue');
    expect(within(services).getByText(/No services yet/)).toBeInTheDocument();
    await user.click(within(services).getByRole('button', { name: 'Add service' }));
    const name = within(services).getByLabelText('Service 1 name');
    expect(name).toHaveFocus();
    await user.type(name, 'Payroll');
    await user.selectOptions(within(services).getByLabelText('Service 1 criticality'), 'internal');
    await user.type(within(services).getByLabelText('Service 1 owner'), 'Grace');
    await user.selectOptions(within(services).getByLabelText('Service 1 continuity strategy'), 'warm');
    await user.click(within(services).getByLabelText('Service 1 owner'));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Service catalogue saved')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await getOrganisation(db)).settings.services).toEqual([{ name: 'Payroll', criticality: 'internal', owner: 'Grace', continuity: 'warm' }]),
    );

    const dialog = await openDeclareDialog(user);
    const known = document.getElementById('declare-services-known');
    expect(known?.querySelector('option[value="Payroll"]')).not.toBeNull();
    expect(within(dialog).getByLabelText('Urgency')).toHaveValue('missionCritical');
    await user.type(within(dialog).getByLabelText('Affected services'), 'payroll');
    expect(within(dialog).getByLabelText('Urgency')).toHaveValue('internal');
  });

  it('keeps hostile text inert and refuses megabytes clearly', async () => {
    const { user, db } = await openSettings();
    const services = section('Service catalogue');
    await user.click(within(services).getByRole('button', { name: 'Add service' }));
    const name = within(services).getByLabelText('Service 1 name');
    await user.click(name);
    await user.paste('x'.repeat(1_000_000));
    await user.type(within(services).getByLabelText('Service 1 owner'), 'Grace{Enter}');
    expect(within(services).getByText('Keep it to 100 characters; this is 1,000,000.')).toBeInTheDocument();
    expect(name).toHaveFocus();
    expect(await db.events.count()).toBe(0);

    await user.clear(name);
    await user.paste('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>');
    await user.click(within(services).getByRole('button', { name: 'Add service' }));
    await user.type(within(services).getByLabelText('Service 2 name'), '=cmd|"/c calc"!A1');
    await user.type(within(services).getByLabelText('Service 2 owner'), 'Bad\u0007bell{Enter}');
    expect(within(services).getByText('Remove the invisible control characters from this text.')).toBeInTheDocument();
    await user.clear(within(services).getByLabelText('Service 2 owner'));
    await user.type(within(services).getByLabelText('Service 2 owner'), 'Ops{Enter}');

    expect(await screen.findByText('Service catalogue saved')).toBeInTheDocument();
    await waitFor(async () => expect((await getOrganisation(db)).settings.services).toHaveLength(2));
    expect(document.querySelector('img[src="x"], .settings-page script')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    expect(within(services).getByLabelText('Service 2 name')).toHaveValue('=cmd|"/c calc"!A1');
  });

  it('asks for a name before saving, and writes nothing without one', async () => {
    const { user, db } = await openSettings('');
    expect(screen.getByText('Set your name before changing settings: every change records who made it.')).toBeInTheDocument();
    const matrix = section('Priority matrix');
    await user.selectOptions(within(matrix).getByLabelText('Priority for One person or a few × Internal'), 'P4');
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));
    expect(await screen.findByRole('dialog', { name: 'Who is at this console?' })).toBeInTheDocument();
    expect(within(matrix).getByRole('alert')).toHaveTextContent('Set your name before changing settings');
    expect(within(matrix).getByLabelText('Priority for One person or a few × Internal')).toHaveValue('P4');
    expect(await db.events.count()).toBe(0);
  });

  it('saving an edit begun before another console\'s change arrived shows both as a conflict, losing neither', async () => {
    const { user, db } = await openSettings();
    const matrix = section('Priority matrix');
    const cell = within(matrix).getByLabelText('Priority for A department or site × Supporting');
    await user.selectOptions(cell, 'P1');
    // While this console edits, another one's change arrives, made from the same (default) matrix.
    const theirs = { ...DEFAULT_PRIORITY_MATRIX, organisation: { missionCritical: 'P2', supporting: 'P3', internal: 'P4' } };
    const bea = new TestAuthor(2);
    const result = await ingestEvents(db, [
      bea.sign({
        id: `${bea.deviceId}:1`,
        incidentId: 'organisation',
        type: 'organisation.settingChanged',
        v: 1,
        hlc: encodeHlc({ ms: Date.now(), counter: 0 }),
        deviceId: bea.deviceId,
        deviceSeq: 1,
        actor: 'Bea',
        occurredAt: new Date().toISOString(),
        payload: { setting: 'priorityMatrix', value: theirs, prev: [] },
      }),
    ]);
    expect(result.added).toBe(1);
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));

    expect(await within(matrix).findByText(/Two consoles changed the priority matrix at the same time, so 2 versions are live/)).toBeInTheDocument();
    const live = (await getOrganisation(db)).conflicts.priorityMatrix!.map((c) => c.value);
    expect(live).toHaveLength(2);
    expect(live).toContainEqual(theirs);
    expect(live).toContainEqual({ ...DEFAULT_PRIORITY_MATRIX, department: { ...DEFAULT_PRIORITY_MATRIX.department, supporting: 'P1' } });
    const mine = (await settingEvents(db)).find((e) => e.deviceId !== bea.deviceId)!;
    expect((mine.payload as { prev: string[] }).prev).toEqual([]);
  });

  it('a second edit right after a save replaces that save rather than conflicting with it', async () => {
    const { user, db } = await openSettings();
    const matrix = section('Priority matrix');
    await user.selectOptions(within(matrix).getByLabelText('Priority for A department or site × Supporting'), 'P1');
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));
    await screen.findByText('Priority matrix saved');
    await user.selectOptions(within(matrix).getByLabelText('Priority for A department or site × Internal'), 'P2');
    await user.click(within(matrix).getByRole('button', { name: 'Save matrix' }));
    await waitFor(async () => expect(await settingEvents(db)).toHaveLength(2));
    await waitFor(async () => expect((await getOrganisation(db)).settings.priorityMatrix.department).toMatchObject({ supporting: 'P1', internal: 'P2' }));
    expect((await getOrganisation(db)).heads.priorityMatrix).toHaveLength(1);
  });

  it('shows both versions of a conflicting change, and keeping one resolves it', async () => {
    const { user, db } = await openSettings();
    await changeSetting(db, 'priorityMatrix', DEFAULT_PRIORITY_MATRIX, 'Ada');
    const base = (await getOrganisation(db)).heads.priorityMatrix;
    const raise = { ...DEFAULT_PRIORITY_MATRIX, individual: { missionCritical: 'P1', supporting: 'P2', internal: 'P3' } };
    const lower = { ...DEFAULT_PRIORITY_MATRIX, organisation: { missionCritical: 'P2', supporting: 'P3', internal: 'P4' } };
    const now = Date.now();
    const remote = (author: TestAuthor, offset: number, value: unknown, actor: string) => author.sign({
      id: `${author.deviceId}:1`,
      incidentId: 'organisation',
      type: 'organisation.settingChanged',
      v: 1,
      hlc: encodeHlc({ ms: now + offset, counter: 0 }),
      deviceId: author.deviceId,
      deviceSeq: 1,
      actor,
      occurredAt: new Date(now).toISOString(),
      payload: { setting: 'priorityMatrix', value, prev: base },
    });
    const result = await ingestEvents(db, [remote(new TestAuthor(2), 1, raise, 'Bea'), remote(new TestAuthor(3), 2, lower, 'Cy')]);
    expect(result.added).toBe(2);

    const matrix = section('Priority matrix');
    const banner = await within(matrix).findByText(/Two consoles changed the priority matrix at the same time, so 2 versions are live/);
    expect(banner).toBeInTheDocument();
    const versions = within(matrix).getAllByRole('group', { name: /^Version \d of 2/ });
    expect(versions).toHaveLength(2);
    const conflicts = (await getOrganisation(db)).conflicts.priorityMatrix!;
    expect(conflicts).toHaveLength(2);
    // Each version shows its own matrix: the row for one person starts P1 in one and P3 in the other.
    const firstCells = (i: number) => within(versions[i]!).getByRole('row', { name: /^One person or a few/ }).textContent;
    const starts = conflicts.map((c) => c.value.individual.missionCritical);
    expect([...starts].sort()).toEqual(['P1', 'P3']);
    expect(firstCells(0)).toMatch(new RegExp(`^One person or a few${starts[0]}`));
    expect(firstCells(1)).toMatch(new RegExp(`^One person or a few${starts[1]}`));
    const second = conflicts[1]!.value;

    await user.click(within(versions[1]!).getByRole('button', { name: 'Keep this version' }));
    await waitFor(() => expect(within(matrix).queryByRole('group', { name: /^Version/ })).toBeNull());
    const after = await getOrganisation(db);
    expect(after.conflicts.priorityMatrix).toBeUndefined();
    expect(after.settings.priorityMatrix).toEqual(second);
    expect(screen.getByText('Priority matrix: version 2 kept')).toBeInTheDocument();
    expect(within(matrix).getByLabelText('Priority for One person or a few × Mission critical')).toHaveValue(second.individual.missionCritical);
    expect(within(matrix).getByLabelText('Priority for Whole organisation × Mission critical')).toHaveValue(second.organisation.missionCritical);
  });
});
