import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { attachRunbook } from '../../db/checklistCommands';
import { checklistsOf } from '../../db/checklistQueries';
import { changeField, changeTier, declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { DEFAULT_RUNBOOKS } from '@shared/domain/catalogues';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { useSyncStatus } from '../../sync/syncStatus';

async function openChecklists(kind: 'service' | 'security' = 'security') {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, { ...declareInput, kind });
  window.location.hash = `#/incidents/${encodeURIComponent(id)}/checklists`;
  const view = renderConsole(db);
  await screen.findByRole('heading', { name: 'Checklists', level: 2 }, { timeout: 10_000 });
  return { ...view, db, id };
}

const stepRow = (n: number, of: number) => screen.getByRole('listitem', { name: new RegExp(`^Step ${n} of ${of},`) });

describe('runbooks attaching themselves', () => {
  it('wait while a hub is still handing the console its log, and attach once it has', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await setProfileName(db, 'Ada');
    act(() => useSyncStatus.setState({ status: { state: 'syncing', toSend: 0, toReceive: 120 } }));
    const id = await declareIncident(db, { ...declareInput, kind: 'security' });
    window.location.hash = `#/incidents/${encodeURIComponent(id)}/checklists`;
    renderConsole(db);
    await screen.findByRole('heading', { name: 'Checklists', level: 2 }, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await checklistsOf(db, id)).toEqual([]);
    act(() => useSyncStatus.setState({ status: { state: 'synced', at: Date.now() } }));
    await screen.findByRole('heading', { name: 'Security incident' }, { timeout: 5_000 });
    act(() => useSyncStatus.setState({ status: { state: 'off' } }));
  });
});

describe('the checklist panel', () => {
  it('shows the runbook that attached itself on declaration, and works its steps by keyboard', async () => {
    const { user, db, id } = await openChecklists();
    await screen.findByRole('heading', { name: 'Security incident' }, { timeout: 5_000 });
    const first = stepRow(1, 4);
    act(() => first.focus());
    await user.keyboard(' ');
    await waitFor(() => expect(stepRow(1, 4)).toHaveAccessibleName(/^Step 1 of 4, Done: Preserve evidence before changing anything/));
    expect(within(stepRow(1, 4)).getByText(/^Done by Ada at/)).toBeInTheDocument();

    // Down to the next step, then skip it with a reason.
    await user.keyboard('{ArrowDown}');
    expect(stepRow(2, 4)).toHaveFocus();
    await user.keyboard('s');
    const dialog = await screen.findByRole('dialog', { name: 'Skip a step' });
    await user.click(within(dialog).getByRole('button', { name: 'Skip the step' }));
    expect(await within(dialog).findByText('Say why the step is skipped.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox'), 'Accounts are service accounts; rotated instead');
    await user.click(within(dialog).getByRole('button', { name: 'Skip the step' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(stepRow(2, 4)).toHaveAccessibleName(/^Step 2 of 4, Skipped:/));
    expect(stepRow(2, 4)).toHaveFocus();
    expect(screen.getAllByText('2 of 4 steps finished')).toHaveLength(2);

    // The step after the skipped one no longer waits; one that waits says for what, and Space is refused with the reason.
    await user.keyboard('{End}');
    expect(stepRow(4, 4)).toHaveFocus();
    const [list] = await checklistsOf(db, id);
    expect(list!.steps.map((s) => s.state)).toEqual(['done', 'skipped', 'open', 'open']);
    await user.keyboard(' ');
    await waitFor(() => expect(stepRow(4, 4)).toHaveAccessibleName(/^Step 4 of 4, Done:/));
    expect((await checklistsOf(db, id))[0]!.steps[3]!.state).toBe('done');
    await user.keyboard(' ');
    await waitFor(async () => expect((await checklistsOf(db, id))[0]!.steps[3]!.state).toBe('open'));
  });

  it('reaches the current step’s own controls with Tab, and comes back to the step after a skip done with the mouse', async () => {
    const { user } = await openChecklists();
    await screen.findByRole('heading', { name: 'Security incident' }, { timeout: 5_000 });
    act(() => stepRow(3, 4).focus());
    await user.tab();
    expect(within(stepRow(3, 4)).getByRole('button', { name: 'Done' })).toHaveFocus();
    await user.click(within(stepRow(3, 4)).getByRole('button', { name: 'Skip…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Skip a step' });
    await user.type(within(dialog).getByRole('textbox'), 'The identity team is in the room');
    await user.click(within(dialog).getByRole('button', { name: 'Skip the step' }));
    await waitFor(() => expect(stepRow(3, 4)).toHaveAccessibleName(/^Step 3 of 4, Skipped:/));
    await waitFor(() => expect(stepRow(3, 4)).toHaveFocus());
    expect(stepRow(3, 4)).toHaveAccessibleDescription(/Skipped by Ada at .*: The identity team is in the room/);
  });

  it('refuses a step that waits for another, saying which', async () => {
    const { user } = await openChecklists();
    await screen.findByRole('heading', { name: 'Security incident' }, { timeout: 5_000 });
    expect(within(stepRow(2, 4)).getByText(/^Waits for: Preserve evidence before changing anything/)).toBeInTheDocument();
    act(() => stepRow(2, 4).focus());
    await user.keyboard(' ');
    const panel = screen.getByRole('region', { name: 'Checklists' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent(/^This step waits for Preserve evidence before changing anything/);
  });

  it('attaches a runbook by hand from the palette key, and offers only those not attached', async () => {
    const { user, db, id } = await openChecklists('service');
    expect(screen.getByText(/No checklist on this incident yet/)).toBeInTheDocument();
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    await user.keyboard('{Escape}a');
    const dialog = await screen.findByRole('dialog', { name: 'Attach a runbook' });
    const select = within(dialog).getByRole('combobox', { name: 'Runbook' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Major incident declared (attaches itself)',
      'Security incident (attaches itself)',
      'Continuity invoked (attaches itself)',
      'Resolved and closed (attaches itself)',
    ]);
    await user.selectOptions(select, 'continuity');
    await user.click(within(dialog).getByRole('button', { name: 'Attach' }));
    expect(await screen.findByRole('heading', { name: 'Continuity invoked' })).toBeInTheDocument();
    expect(screen.getByText(/^Attached .* by Ada/)).toBeInTheDocument();
    expect((await checklistsOf(db, id)).map((c) => c.trigger)).toEqual(['hand']);
  });

  it('attaches a runbook when an escalation brings the incident to its conditions, and renders hostile Markdown inert', async () => {
    const { db, id, container } = await openChecklists('service');
    const hostile = [
      '<script>window.pwned = true</script> <img src=x onerror="window.pwned = true">',
      '[click](javascript:window.pwned=true) [data](data:text/html,hi) ![pixel](https://tracker.example/p.png)',
      '[wiki](https://wiki.example.com/major) **bold**',
    ].join('\n\n');
    const major = DEFAULT_RUNBOOKS.find((r) => r.id === 'major-declared' && !r.language)!;
    await changeSetting(db, 'runbooks', [{ ...major, steps: [{ ...major.steps[0]!, text: hostile }, ...major.steps.slice(1)] }], 'Ada');
    await changeTier(db, { incidentId: id, tier: 'major', reason: 'Everyone is affected', decidedBy: 'Ada', actor: 'Ada' });
    await screen.findByRole('heading', { name: 'Major incident declared' }, { timeout: 5_000 });
    const body = container.querySelector('.checklist-step .markdown')!;
    expect(body.querySelector('script, img, iframe')).toBeNull();
    expect(body.textContent).toContain('<script>window.pwned = true</script>');
    const links = [...body.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    // An image is never fetched: at most a link to it remains.
    expect(links).toEqual(['https://tracker.example/p.png', 'https://wiki.example.com/major']);
    expect(body.querySelector('strong')?.textContent).toBe('bold');
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
    // Attached once, however often the incident changes while it meets the conditions.
    await changeField(db, id, 'status', 'identified', 'Ada');
    await expect(attachRunbook(db, { incidentId: id, runbook: 'major-declared', language: 'en', actor: 'Ada' })).rejects.toThrow(/alreadyAttached/);
    expect((await checklistsOf(db, id)).map((c) => c.runbook)).toEqual(['major-declared']);
  });
});
