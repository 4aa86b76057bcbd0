import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Impact, Urgency } from '@shared/domain/priority';

import { incidentViewRoute } from '../../app/router';
import { bindingLabel } from '../../commands/keys';
import { availableCommands, commandLabel, useCommandRegistry } from '../../commands/registry';
import { changeStatus, declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';

type User = ReturnType<typeof renderConsole>['user'];

/** A console with a name on record and `incidents` declared, opened at `route` (default: the list). */
async function openConsole(incidents: { title: string; impact?: Impact; urgency?: Urgency }[] = [], route?: (ids: string[]) => string) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const ids: string[] = [];
  for (const incident of incidents) ids.push(await declareIncident(db, { ...declareInput, ...incident }));
  if (route) window.location.hash = route(ids);
  const rendered = renderConsole(db);
  return { ...rendered, ids };
}

/** The console opened on an incident's page, with focus in the entry box. */
async function openIncident() {
  const opened = await openConsole([{ title: 'Payments down' }], ([id]) => incidentViewRoute(id!, 'timeline'));
  await screen.findByRole('heading', { level: 1, name: 'Payments down' }, { timeout: 10_000 });
  await waitFor(() => expect(composer()).toHaveFocus());
  // The page's commands are registered once its first read is in.
  await waitFor(() => expect(registeredIds()).toContain('hypotheses.propose'));
  return { ...opened, id: opened.ids[0]! };
}

const composer = () => screen.getByRole('textbox', { name: 'Log entry' });
const registeredIds = () => availableCommands().map((c) => c.id);
const optionTexts = (palette: HTMLElement) => within(palette).queryAllByRole('option').map((o) => o.querySelector('.palette-label')!.textContent);

async function openPalette(user: User) {
  await user.keyboard('{Control>}k{/Control}');
  const palette = await screen.findByRole('dialog', { name: 'Command palette' });
  return { palette, input: within(palette).getByRole('combobox', { name: 'Type a command' }) };
}

/** Runs a command from the palette by typing part of its name and pressing Enter. */
async function runFromPalette(user: User, query: string, expected: string) {
  const { palette } = await openPalette(user);
  await user.keyboard(query);
  expect(optionTexts(palette)[0]).toBe(expected);
  await user.keyboard('{Enter}');
  await waitFor(() => expect(palette).not.toBeInTheDocument());
}


// Each test drives the whole console through many steps: on two busy cores that takes longer than the default allows.
const SLOW = { timeout: 30_000 };

describe('the command palette', SLOW, () => {
  it('opens on Ctrl+K with focus in its combobox, filters as one types, and closes on Esc handing focus back', async () => {
    const { user } = await openConsole([{ title: 'Checkout returns 502' }]);
    const link = await screen.findByRole('link', { name: 'Checkout returns 502' });
    link.focus();

    const { palette, input } = await openPalette(user);
    expect(input).toHaveFocus();
    const listbox = within(palette).getByRole('listbox', { name: 'Commands' });
    expect(input).toHaveAttribute('aria-controls', listbox.id);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    const first = within(listbox).getAllByRole('option')[0]!;
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', first.id);
    // Each option shows its group and its keys, as text and for assistive technology.
    const declare = within(listbox).getByRole('option', { name: /^Declare incident…/ });
    expect(within(declare).getByText('Incidents')).toBeInTheDocument();
    expect(within(declare).getByText('N')).toBeInTheDocument();
    expect(declare).toHaveAttribute('aria-keyshortcuts', 'N');

    await user.keyboard('SETTINGS');
    expect(optionTexts(palette)).toEqual(['Go to settings']);
    await user.clear(input);
    await user.keyboard('go to');
    expect(optionTexts(palette)).toEqual(['Go to incident: Checkout returns 502', 'Go to incidents', 'Go to the alert inbox', 'Go to settings', 'Go to sync']);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const third = within(listbox).getAllByRole('option')[2]!;
    expect(third).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', third.id);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(within(listbox).getAllByRole('option')[4]).toHaveAttribute('aria-selected', 'true'); // wrapped round to the last

    await user.clear(input);
    await user.keyboard('no such thing');
    expect(within(palette).queryByRole('option')).toBeNull();
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).not.toHaveAttribute('aria-activedescendant');
    expect(within(palette).getByText('No command matches “no such thing”.')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(palette).not.toBeInTheDocument();
    expect(link).toHaveFocus();
  });

  it('runs the chosen command with Enter: declares through the real dialog, then sets a status that reaches the log', async () => {
    const { user } = await openConsole();
    await screen.findByText('No incidents yet');
    await runFromPalette(user, 'declare', 'Declare incident…');
    const dialog = await screen.findByRole('dialog', { name: 'Declare an incident' });
    await user.type(within(dialog).getByLabelText('Title'), 'Search is slow');
    await user.click(within(dialog).getByRole('button', { name: 'Declare' }));
    await screen.findByRole('heading', { level: 1, name: 'Search is slow' });
    await waitFor(() => expect(composer()).toHaveFocus());

    await runFromPalette(user, 'identified', 'Set status: Identified');
    await waitFor(() => expect(timelineTexts()).toContain('Status changed to Identified'));
    expect(screen.getByLabelText('Status')).toHaveValue('identified');
    // Focus went back to where the palette was opened from.
    expect(composer()).toHaveFocus();
    // The status now held is not offered again.
    const { palette } = await openPalette(user);
    await user.keyboard('set status');
    expect(optionTexts(palette)).toEqual(['Set status: Investigating', 'Set status: Monitoring', 'Set status: Resolved', 'Set status: Closed']);
    // Resolving asks for its note first, as from the status field.
    await user.keyboard('{Escape}');
    await runFromPalette(user, 'resolved', 'Set status: Resolved');
    const resolve = await screen.findByRole('dialog', { name: 'Resolve this incident?' });
    expect(screen.getByLabelText('Status')).toHaveValue('identified');
    await user.type(within(resolve).getByLabelText('Resolution note'), 'Reindexed the search cluster{Enter}');
    await waitFor(() => expect(timelineTexts().slice(-2)).toEqual(['Resolved: Reindexed the search cluster', 'Status changed to Resolved']));
  });

  it('lists open incidents by priority, and on an incident each audience and each role from the live data', async () => {
    const { user, db, ids } = await openConsole([
      { title: 'Printer jam', impact: 'individual', urgency: 'internal' },
      { title: 'Core banking down', impact: 'organisation', urgency: 'missionCritical' },
      { title: 'Old outage' },
      { title: 'Branch VPN flaps', impact: 'department', urgency: 'supporting' },
    ]);
    await changeStatus(db, ids[2]!, 'closed', 'Ada');
    await screen.findByRole('link', { name: 'Printer jam' });

    const { palette } = await openPalette(user);
    await user.keyboard('go to incident:');
    expect(optionTexts(palette)).toEqual(['Go to incident: Core banking down', 'Go to incident: Branch VPN flaps', 'Go to incident: Printer jam']);
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Core banking down' });

    const onIncident = await openPalette(user);
    await user.keyboard('go to incident:');
    // The incident shown is not offered as somewhere to go.
    expect(optionTexts(onIncident.palette)).toEqual(['Go to incident: Branch VPN flaps', 'Go to incident: Printer jam']);
    await user.clear(onIncident.input);
    await user.keyboard('draft message to');
    await waitFor(() =>
      expect(optionTexts(onIncident.palette)).toEqual([
        'Draft message to Technical bridge',
        'Draft message to Business bridge',
        'Draft message to Executives',
        'Draft message to Key customers',
        'Draft message to Impacted users (status page)',
        'Draft message to Social channels',
      ]),
    );
    await user.clear(onIncident.input);
    await user.keyboard('assign');
    expect(optionTexts(onIncident.palette)).toEqual(expect.arrayContaining(['Assign Incident commander…', 'Assign Scribe…', 'Assign a role…']));

    // Choosing an audience opens the communications view with that audience's draft ready to type in.
    await user.clear(onIncident.input);
    await user.keyboard('executives{Enter}');
    await waitFor(() => expect(screen.getByLabelText('Message')).toHaveFocus());
    expect(screen.getByRole('heading', { name: 'Message to Executives' })).toBeInTheDocument();
  });

  it('switches the language, offering each language in itself', async () => {
    const { user } = await openConsole();
    await screen.findByText('No incidents yet');
    const { palette } = await openPalette(user);
    await user.keyboard('dansk');
    expect(optionTexts(palette)).toEqual(['Sprog: Dansk']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.documentElement.lang).toBe('da'));

    await user.keyboard('{Control>}k{/Control}');
    const danish = await screen.findByRole('dialog', { name: 'Kommandopalet' });
    expect(within(danish).getByRole('combobox', { name: 'Skriv en kommando' })).toHaveFocus();
    await user.keyboard('english');
    expect(optionTexts(danish)).toEqual(['Language: English']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
  });

  it('is not on a wall, which registers no commands', async () => {
    const { user } = await openConsole([{ title: 'On the wall' }], ([id]) => `#/wall/${encodeURIComponent(id!)}`);
    await screen.findByText('On the wall', {}, { timeout: 10_000 });
    await user.keyboard('{Control>}k{/Control}?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useCommandRegistry.getState().contributions).toEqual({});
  });
});

describe('keyboard shortcuts', SLOW, () => {
  it('? lists every command that has a shortcut here, grouped, with its keys', async () => {
    const { user } = await openIncident();
    await user.keyboard('{Escape}?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const keyed = availableCommands().filter((c) => c.keys?.length);
    expect(keyed.length).toBeGreaterThan(10);
    // The commands first; then the keys of the entry box, the board and dialogs, which are not commands.
    const rows = within(help).getAllByRole('row').filter((row) => within(row).queryByRole('rowheader')).slice(0, keyed.length);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(keyed.map(commandLabel));
    expect(within(help).getByRole('table', { name: 'In the entry box' })).toHaveTextContent('Shift+EnterNew line');
    expect(within(help).getByRole('table', { name: 'On the hypothesis board' })).toHaveTextContent('Alt+← Alt+→Move the card to the previous or next column');
    expect(within(help).getByRole('table', { name: 'In dialogs and drafts' })).toHaveTextContent('Ctrl+EnterSave or send');
    for (const [i, command] of keyed.entries()) {
      expect(rows[i]!.querySelectorAll('kbd')).toHaveLength(command.keys!.length);
      expect([...rows[i]!.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(command.keys!.map(bindingLabel));
    }
    expect(within(help).getByRole('table', { name: 'Hypotheses' })).toHaveTextContent('HPropose a hypothesis…');
    await user.keyboard('{Escape}');
    expect(help).not.toBeInTheDocument();

    // ...and the help is one of the palette's commands too.
    await runFromPalette(user, 'keyboard', 'Keyboard shortcuts');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('single keys act outside text fields and never in the entry box; other keys still land in the entry box', async () => {
    const { user } = await openIncident();
    await user.keyboard('sh');
    expect(composer()).toHaveValue('sh');
    expect(composer()).toHaveFocus();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('region', { name: 'Timeline' })).toBeInTheDocument();

    // Esc leaves the entry box for the page; the text stays as the draft, and the hint says how to go on.
    expect(screen.getByText(/Esc, then \? for shortcuts · Ctrl\+K for every command/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('region', { name: 'Payments down' })).toHaveFocus();
    await user.keyboard('s');
    expect(screen.getByLabelText('Status')).toHaveFocus();

    // A key that is no shortcut, typed outside a text field, goes on the draft.
    screen.getByRole('region', { name: 'Payments down' }).focus();
    await user.keyboard('y');
    expect(composer()).toHaveFocus();
    expect(composer()).toHaveValue('shy');

    // Views by digit, and back to the entry box with L.
    await user.keyboard('{Escape}3');
    expect(await screen.findByRole('heading', { name: 'Roles' })).toBeInTheDocument();
    await user.keyboard('l');
    expect(composer()).toHaveFocus();
    expect(composer()).toHaveValue('shy');
  });

  it('Esc in the entry box, then H, opens the propose-hypothesis dialog on the hypotheses view', async () => {
    const { user } = await openIncident();
    await user.keyboard('{Escape}h');
    const dialog = await screen.findByRole('dialog', { name: 'Propose a hypothesis' });
    expect(within(dialog).getByLabelText('Hypothesis')).toHaveFocus();
    expect(screen.getByRole('heading', { level: 2, name: 'Hypotheses' })).toBeInTheDocument();
    // Closing it does not bring it back.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Propose hypothesis' })).toBeInTheDocument();
  });

  it('asks who is on call from anywhere', async () => {
    const { user } = await openConsole();
    await screen.findByText('No incidents yet');
    await runFromPalette(user, 'on call', 'Who is on call');
    expect(await screen.findByRole('heading', { level: 1, name: 'On call' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/oncall');
  });

  it('Esc in the entry box, then M, opens the communications view with the focus in the shown draft', async () => {
    const { user } = await openIncident();
    await user.keyboard('{Escape}m');
    const draft = await screen.findByRole('region', { name: /^Message to / });
    await waitFor(() => expect(within(draft).getByLabelText('Message', { exact: true })).toHaveFocus());
  });

  it('runs a whole mini-incident with no pointer: declare, log, set status, propose a hypothesis, assign a role', async () => {
    const { user, db } = await openConsole();
    await screen.findByText('No incidents yet');

    await user.keyboard('n');
    await screen.findByRole('dialog', { name: 'Declare an incident' });
    await user.keyboard('DNS outage');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'DNS outage' });

    await waitFor(() => expect(composer()).toHaveFocus());
    await user.keyboard('resolvers time out{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('resolvers time out'));

    await runFromPalette(user, 'ident', 'Set status: Identified');
    await waitFor(() => expect(screen.getByLabelText('Status')).toHaveValue('identified'));

    await user.keyboard('{Escape}h');
    const propose = await screen.findByRole('dialog', { name: 'Propose a hypothesis' });
    await user.keyboard('Resolver cache poisoned');
    await user.type(within(propose).getByLabelText('Probe: what we do'), 'Flush the cache');
    await user.type(within(propose).getByLabelText('Time box (minutes)'), '{Enter}');
    await waitFor(() => expect(propose).not.toBeInTheDocument());
    // Focus is on the new card, outside any text field: the next single key works at once.
    await waitFor(() => expect(screen.getByRole('article', { name: 'Resolver cache poisoned' })).toHaveFocus());

    await user.keyboard('r');
    const roles = await screen.findByRole('dialog', { name: 'Assign a role' });
    await user.keyboard('commander{Enter}');
    await waitFor(() => expect(roles).not.toBeInTheDocument());
    const assign = await screen.findByRole('dialog', { name: 'Assign Incident commander' });
    expect(within(assign).getByLabelText('Person')).toHaveFocus();
    await user.keyboard('Ana{Enter}');
    await waitFor(() => expect(assign).not.toBeInTheDocument());

    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() =>
      expect(timelineTexts()).toEqual([
        expect.stringMatching(/^Incident declared: DNS outage/),
        'resolvers time out',
        'Status changed to Identified',
        'Hypothesis proposed: Resolver cache poisoned (owner Ada, time box 20 min)',
        'Ana joined',
        'Ana assigned as Incident commander',
      ]),
    );
    expect(await db.events.count()).toBe(6);
  });
});

describe('the last entry and the bridges, from the keyboard', () => {
  it('marks the last entry key with K, and offers its correction, its strike-through and the bridges in the palette', SLOW, async () => {
    const { user } = await openIncident();
    await user.keyboard('Checkout errors back to normal{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('Checkout errors back to normal'));

    await user.keyboard('{Escape}k');
    const row = () => screen.getByText('Checkout errors back to normal').closest('.timeline-row') as HTMLElement;
    expect(await within(row()).findByText('★ Key event')).toBeInTheDocument();

    await runFromPalette(user, 'strike through the last', 'Strike through the last entry…');
    const strike = await screen.findByRole('dialog', { name: 'Strike through entry' });
    expect(within(strike).getByText('Checkout errors back to normal')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await runFromPalette(user, 'bridges', 'Bridges…');
    expect(await screen.findByRole('dialog', { name: 'Bridges for this incident' })).toBeInTheDocument();
  });
});
