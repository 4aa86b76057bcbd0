import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { WarroomDatabase } from '../../db/database';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

async function openSettings(seed?: (db: WarroomDatabase) => Promise<unknown>) {
  const db = freshDatabase();
  await setProfileName(db, 'Ada');
  await seed?.(db);
  window.location.hash = '#/settings';
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 2, name: 'Runbooks' }, { timeout: 10_000 });
  await screen.findByText('Changes are recorded as Ada.');
  return view;
}

const runbooks = () => screen.getByRole('region', { name: 'Runbooks' });

describe('runbooks settings', () => {
  it('shows the default runbooks in both languages, each with when it attaches itself', async () => {
    await openSettings();
    const view = runbooks();
    expect(within(view).getAllByText('Security incident')).toHaveLength(1);
    expect(within(view).getByText('Sikkerhedshændelse')).toBeInTheDocument();
    expect(within(view).getAllByText(/when: Security/).length).toBeGreaterThan(0);
  });

  it('adds a runbook with conditions and steps that wait for each other, saved as version 1, and an edit makes version 2', async () => {
    const { user, db } = await openSettings();
    const view = runbooks();
    await user.click(within(view).getByRole('button', { name: 'Edit runbooks' }));
    await user.click(within(view).getByRole('button', { name: 'New runbook' }));
    expect(within(view).getByLabelText('Title')).toHaveFocus();
    await user.type(within(view).getByLabelText('Title'), 'Ledger fail-over');
    await user.click(within(within(view).getByRole('group', { name: 'Priority' })).getByLabelText('P1 · Critical'));
    await user.type(within(view).getByLabelText('Services (any of them, separated by commas)'), 'Ledger');
    // The catalogue lists no Ledger: said, not refused.
    expect(within(view).getByText(/Can never attach itself to an incident on a catalogued service/)).toBeInTheDocument();
    await user.type(within(view).getByLabelText('Step 1'), 'Promote the **replica**');
    await user.click(within(view).getByRole('button', { name: 'Add a step' }));
    expect(within(view).getByLabelText('Step 2')).toHaveFocus();
    await user.type(within(view).getByLabelText('Step 2'), 'Repoint the apps');
    await user.click(within(within(view).getByRole('group', { name: 'Step 2 waits for' })).getByLabelText('Step 1: Promote the replica'));
    await user.click(within(view).getByRole('button', { name: 'Save runbooks' }));
    await waitFor(async () => expect((await getOrganisation(db)).settings.runbooks.find((r) => r.id === 'ledger-fail-over')).toMatchObject({
      version: 1,
      conditions: { priorities: ['P1'], services: ['Ledger'] },
      steps: [{ id: 'step', text: 'Promote the **replica**' }, { id: 'step-2', after: ['step'] }],
    }));

    await user.click(await within(view).findByRole('button', { name: 'Edit runbooks' }));
    await user.selectOptions(within(view).getByLabelText('Runbook'), 'Ledger fail-over (Every language without its own)');
    await user.click(within(view).getByRole('button', { name: 'Move step 2 up' }));
    expect(within(view).getByText('Version 1; saving makes version 2')).toBeInTheDocument();
    await user.click(within(view).getByRole('button', { name: 'Save runbooks' }));
    await waitFor(async () => {
      const saved = (await getOrganisation(db)).settings.runbooks.find((r) => r.id === 'ledger-fail-over')!;
      expect(saved.version).toBe(2);
      expect(saved.steps.map((s) => s.id)).toEqual(['step-2', 'step']);
    });
  });

  it('writes a change of when a runbook attaches itself to every language version of it', async () => {
    const { user, db } = await openSettings();
    const view = runbooks();
    await user.click(within(view).getByRole('button', { name: 'Edit runbooks' }));
    await user.selectOptions(within(view).getByLabelText('Runbook'), 'Sikkerhedshændelse (Danish)');
    await user.click(within(within(view).getByRole('group', { name: 'Priority' })).getByLabelText('P1 · Critical'));
    await user.click(within(view).getByRole('button', { name: 'Save runbooks' }));
    await waitFor(async () => {
      const security = (await getOrganisation(db)).settings.runbooks.filter((r) => r.id === 'security');
      expect(security.map((r) => [r.language ?? 'any', r.conditions.priorities, r.version])).toEqual([
        ['any', ['P1'], 2],
        ['da', ['P1'], 2],
      ]);
    });
  });

  it('refuses steps that wait on each other, showing the runbook in error, and writes nothing', async () => {
    const { user, db } = await openSettings();
    const before = (await getOrganisation(db)).heads.runbooks;
    const view = runbooks();
    await user.click(within(view).getByRole('button', { name: 'Edit runbooks' }));
    await user.selectOptions(within(view).getByLabelText('Runbook'), 'Security incident (Every language without its own)');
    await user.click(within(within(view).getByRole('group', { name: 'Step 1 waits for' })).getByLabelText(/^Step 2: /));
    await user.click(within(view).getByRole('button', { name: 'Save runbooks' }));
    expect(await within(view).findByText(/Some steps wait for each other/)).toBeInTheDocument();
    expect((await getOrganisation(db)).heads.runbooks).toEqual(before);
  });

  it('points out a runbook whose priorities the matrix never gives', async () => {
    await openSettings(async (db) => {
      const { settings } = await getOrganisation(db);
      await changeSetting(db, 'runbooks', [{ ...settings.runbooks[0]!, conditions: { ...settings.runbooks[0]!.conditions, tiers: [], priorities: ['P5'] } }], 'Ada');
      const matrix = { organisation: { missionCritical: 'P1', supporting: 'P2', internal: 'P3' }, department: { missionCritical: 'P2', supporting: 'P3', internal: 'P4' }, individual: { missionCritical: 'P3', supporting: 'P4', internal: 'P4' } } as const;
      await changeSetting(db, 'priorityMatrix', matrix, 'Ada');
    });
    expect(await within(runbooks()).findByText('Can never attach itself: the priority matrix gives no incident P5 · Planning.')).toBeInTheDocument();
  });
});
