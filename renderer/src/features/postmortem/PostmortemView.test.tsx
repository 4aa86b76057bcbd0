import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { readSection } from '@shared/domain/postmortem';

import { changeStatus, declareIncident, logEntry } from '../../db/commands';
import { markEntry } from '../../db/postmortemCommands';
import { assignRole } from '../../db/rosterCommands';
import { openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

async function prepare() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  return { db, id };
}

async function openReview() {
  const { db, id } = await prepare();
  window.location.hash = `#/incidents/${encodeURIComponent(id)}/review`;
  const view = renderConsole(db);
  await screen.findByRole('heading', { name: 'Blameless post-mortem' }, { timeout: 10_000 });
  return { ...view, id };
}

describe('the post-mortem view', { timeout: 30_000 }, () => {
  it('writes a section from a draft drawn from the log, by keyboard, and shows it as text', async () => {
    const { user, db, id } = await openReview();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText(/Not written yet/)).toBeInTheDocument();
    await user.click(within(summary).getByRole('button', { name: 'Start from the log' }));
    const box = within(summary).getByRole('textbox', { name: 'Summary' });
    expect(box).toHaveFocus();
    expect((box as HTMLTextAreaElement).value).toContain(declareInput.title);
    await user.clear(box);
    await user.type(box, '<img src=x onerror=alert(1)> DNS failed for 40 minutes.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(within(summary).queryByRole('textbox')).toBeNull());
    expect(await within(summary).findByText('<img src=x onerror=alert(1)> DNS failed for 40 minutes.')).toBeInTheDocument();
    expect(summary.querySelector('img')).toBeNull();
    expect(readSection(await db.postmortems.get(id), 'summary').text).toBe('<img src=x onerror=alert(1)> DNS failed for 40 minutes.');
  });

  it('Esc leaves the editor without saving', async () => {
    const { user, db, id } = await openReview();
    const rootCause = screen.getByRole('region', { name: 'Root cause' });
    await user.click(within(rootCause).getByRole('button', { name: 'Edit Root cause' }));
    await user.type(within(rootCause).getByRole('textbox'), 'Not this');
    await user.keyboard('{Escape}');
    expect(within(rootCause).queryByRole('textbox')).toBeNull();
    expect(await db.postmortems.get(id)).toBeUndefined();
  });

  it('adds an action item, refuses a blank one, and tracks its status on the action items page', async () => {
    const { user, db } = await openReview();
    const actions = screen.getByRole('region', { name: 'Action items' });
    await user.click(within(actions).getByRole('button', { name: 'Add action item' }));
    expect(within(actions).getByText('Say what is to be done.')).toBeInTheDocument();
    expect(within(actions).getByLabelText('Action')).toHaveFocus();
    await user.type(within(actions).getByLabelText('Action'), 'Alert on certificate expiry');
    await user.type(within(actions).getByLabelText('Owner'), 'Grace');
    await user.type(within(actions).getByLabelText('Due date'), '2020-01-31');
    await user.click(within(actions).getByRole('button', { name: 'Add action item' }));
    const item = await within(actions).findByText('Alert on certificate expiry');
    const row = item.closest('li')!;
    expect(within(row).getByText('Owner: Grace')).toBeInTheDocument();
    expect(within(row).getByText(/Overdue since/)).toBeInTheDocument();

    window.location.hash = '#/actions';
    const page = await screen.findByRole('heading', { name: 'Action items', level: 1 });
    expect(page).toBeInTheDocument();
    await screen.findByText('1 outstanding · 1 overdue');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status of “Alert on certificate expiry”' }), 'done');
    await screen.findByText('Nothing outstanding. Every action item is done or dropped.');
    await user.click(screen.getByRole('checkbox', { name: 'Show done and dropped items too' }));
    await screen.findByText('1 in all');
    expect(await db.actionItems.where('status').equals('done').count()).toBe(1);
  });

  it('saves tags, folding their case, and refuses one it cannot store', async () => {
    const { user, db, id } = await openReview();
    const tags = screen.getByRole('textbox', { name: 'Tags' });
    await user.clear(tags);
    await user.type(tags, 'Database, DNS outage, <b>');
    await user.click(screen.getByRole('button', { name: 'Save tags' }));
    expect(await screen.findByText(/“<b>” cannot be a tag/)).toBeInTheDocument();
    expect((await db.incidents.get(id))!.summary!.tags).toEqual([]);
    await user.clear(tags);
    await user.type(tags, 'Database, DNS outage');
    await user.click(screen.getByRole('button', { name: 'Save tags' }));
    await waitFor(async () => expect((await db.incidents.get(id))!.summary!.tags).toEqual(['database', 'dns-outage']));
  });
});

describe('what the post-mortem draws from the log', { timeout: 30_000 }, () => {
  it('leads with the key entries and the status changes, and lists who held each role', async () => {
    const { db, id } = await prepare();
    const key = await logEntry(db, { incidentId: id, kind: 'decision', text: 'Fail over to the secondary', actor: 'Ada' });
    await logEntry(db, { incidentId: id, kind: 'note', text: 'Coffee arrived', actor: 'Ada' });
    await markEntry(db, { incidentId: id, targetId: key, key: true, actor: 'Ada' });
    await changeStatus(db, id, 'resolved', 'Ada');
    await assignRole(db, { incidentId: id, role: 'commander', person: 'Grace Hopper', actor: 'Ada' });
    window.location.hash = `#/incidents/${encodeURIComponent(id)}/review`;
    renderConsole(db);
    const keyEvents = await screen.findByRole('region', { name: 'Key events' }, { timeout: 10_000 });
    await within(keyEvents).findByText(/Fail over to the secondary/);
    expect(within(keyEvents).queryByText(/Coffee arrived/)).toBeNull();
    expect(within(keyEvents).getByText(/Resolved/)).toBeInTheDocument();
    const roles = screen.getByRole('region', { name: 'Roles' });
    expect(within(roles).getByText(/Grace Hopper/)).toBeInTheDocument();
  });
});

describe('key entries on the timeline', { timeout: 30_000 }, () => {
  it('are marked and unmarked from the entry, and say so in words', async () => {
    const { db, id } = await prepare();
    await logEntry(db, { incidentId: id, kind: 'decision', text: 'Fail over to the secondary', actor: 'Ada' });
    window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
    const { user } = renderConsole(db);
    const text = await screen.findByText('Fail over to the secondary', {}, { timeout: 10_000 });
    const row = text.closest('.timeline-row') as HTMLElement;
    const mark = within(row).getByRole('button', { name: 'Mark key' });
    // Enabled once the console knows who is logging.
    await waitFor(() => expect(mark).toBeEnabled());
    await user.click(mark);
    await within(row).findByText('★ Key event');
    expect(within(row).getByRole('button', { name: 'Unmark key' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(row).getByRole('button', { name: 'Unmark key' }));
    await waitFor(() => expect(within(row).queryByText('★ Key event')).toBeNull());
  });
});
