import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Scenario } from '@shared/domain/drills';
import { DEFAULT_SETTINGS } from '@shared/domain/organisation';

import { openDatabase } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { fakeShell } from '../../testing/fakeShell';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';
import { scenarioJson } from './scenarioFile';

const SCENARIO: Scenario = {
  id: 'quick',
  title: 'Quick drill',
  briefing: 'Two injects, a second apart.',
  incident: { title: 'Checkout slow (exercise)', kind: 'service', services: [], impact: 'department', urgency: 'supporting' },
  injects: [
    { id: 'alert', offsetSeconds: 0, kind: 'alert', title: 'Checkout p95 above 2 s', service: '', severity: 'warning' },
    { id: 'desk', offsetSeconds: 1, kind: 'entry', from: 'Service desk (role-player)', text: 'Customers say checkout hangs' },
  ],
  version: 1,
};

async function prepare() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  // Executives are not safe for exercises; the technical bridge is (the default).
  await changeSetting(db, 'audiences', DEFAULT_SETTINGS.audiences, 'Ada');
  return db;
}

describe('a drill', () => {
  it('is imported in Settings, started from the incident list, plays its injects on time, and holds messages to audiences not safe for exercises', async () => {
    const db = await prepare();
    window.location.hash = '#/settings';
    const shell = fakeShell();
    const { user } = renderConsole(db, shell);
    const section = await screen.findByRole('region', { name: 'Drill scenarios' }, { timeout: 10_000 });
    await user.click(within(section).getByRole('button', { name: 'Import a scenario…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import a drill scenario' });
    const paste = within(dialog).getByLabelText('Or paste the scenario’s JSON');
    await user.click(paste);
    await user.paste(scenarioJson({ ...SCENARIO, injects: [SCENARIO.injects[1]!, SCENARIO.injects[0]!] }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/inject alert plays before desk, listed above it/);
    await user.clear(paste);
    await user.paste(scenarioJson(SCENARIO));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(section).getByText('Quick drill')).toBeInTheDocument();
    expect((await getOrganisation(db)).settings.scenarios.map((s) => s.id)).toEqual(['payment-outage', 'quick']);

    // Export gives back the same JSON.
    await user.click(within(section).getByRole('button', { name: 'Export “Quick drill”' }));
    await waitFor(() => expect(shell.scenarios).toEqual([{ suggestedName: 'quick.json', contents: scenarioJson(SCENARIO) }]));

    window.location.hash = '#/';
    await user.click(await screen.findByRole('button', { name: 'Start a drill…' }));
    const start = await screen.findByRole('dialog', { name: 'Start a drill' });
    await user.selectOptions(within(start).getByLabelText('Scenario'), 'Quick drill');
    expect(within(start).getByText('2 injects over 1 second')).toBeInTheDocument();
    await user.click(within(start).getByRole('button', { name: 'Start the drill' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout slow (exercise)' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/^Drill “Quick drill”: 2 of 2 injects played · every inject played$/)).toBeInTheDocument(), { timeout: 5_000 });
    await waitFor(() =>
      expect(timelineTexts()).toEqual(
        expect.arrayContaining(['Exercise alert: Checkout p95 above 2 s (Warning)', 'Exercise: Service desk (role-player) reports: Customers say checkout hangs']),
      ),
    );

    // Messages: marked, and held back from an audience not safe for exercises.
    await user.keyboard('{Alt>}4{/Alt}');
    await user.click(await screen.findByText('Executives', { selector: '.comms-audience-name' }));
    const executives = await screen.findByRole('region', { name: 'Message to Executives' });
    expect(within(executives).getByRole('note')).toHaveTextContent('Executives is not marked safe for exercises: nothing is sent to it during a drill.');
    await user.click(within(executives).getByRole('button', { name: 'Send' }));
    expect(await within(executives).findByRole('alert')).toHaveTextContent('Executives is not marked safe for exercises');
    expect(shell.copied).toEqual([]);
    await user.click(screen.getByText('Technical bridge', { selector: '.comms-audience-name' }));
    const technical = await screen.findByRole('region', { name: 'Message to Technical bridge' });
    expect(within(technical).getByRole('note')).toHaveTextContent('Exercise: messages are marked [EXERCISE]');
    await user.clear(within(technical).getByLabelText('Subject'));
    await user.type(within(technical).getByLabelText('Subject'), 'Checkout');
    await user.clear(within(technical).getByLabelText('Message'));
    await user.type(within(technical).getByLabelText('Message'), 'Checkout is slow; we are on it.');
    await user.click(within(technical).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(shell.copied).toHaveLength(1));
    // Marked once, on what is read first.
    expect(shell.copied[0]).toBe('[EXERCISE] Checkout\n\nCheckout is slow; we are on it.');
  });
});
