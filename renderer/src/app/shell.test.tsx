import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { DisplayInfo } from '@shared/platform/bridge';
import { incidentRoute } from '@shared/platform/routes';
import { DEFAULT_WALL_OPTIONS, wallRoute } from '@shared/platform/wallRoute';

import { correctEntry, declareIncident, logEntry } from '../db/commands';
import { openDatabase } from '../db/eventStore';
import { exportIncident } from '../db/exchange';
import { setProfileName } from '../db/queries';
import { fakeShell } from '../testing/fakeShell';
import { freshDatabase, renderConsole } from '../testing/renderConsole';
import { declareInput as baseInput } from '../testing/fixtures';

const declareInput = { ...baseInput, title: 'Checkout returns 502', services: ['checkout'] };

async function consoleWithIncident() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  const entry = await logEntry(db, { incidentId: id, kind: 'note', text: 'Error rate at 30%', actor: 'Ada', occurredAt: new Date() });
  await correctEntry(db, { incidentId: id, targetId: entry, replaces: [entry], kind: 'observation', text: 'Error rate at 35%', actor: 'Ada' });
  return { db, id };
}

const notices = () => screen.getByRole('status', { name: 'Notices' });
const alerts = () => screen.getByRole('alert', { name: 'Alerts' });
const findAlerts = () => screen.findByRole('alert', { name: 'Alerts' });

describe('incident files in the console', () => {
  it('exports the open incident through the shell and imports it on another console', async () => {
    const { db, id } = await consoleWithIncident();
    const shell = fakeShell();
    window.location.hash = `#/incidents/${id}`;
    const { user, unmount } = renderConsole(db, shell);
    await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' });

    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await within(notices()).findByText('Exported 3 events of “Checkout returns 502”');
    expect(within(notices()).getByText('/home/ada/Documents/incident.warroom')).toBeInTheDocument();
    expect(shell.saved[0]!.suggestedName).toMatch(/^checkout-returns-502-\d{4}-\d{2}-\d{2}-\d{4}\.warroom$/);
    unmount();

    const other = freshDatabase();
    await openDatabase(other);
    const otherShell = fakeShell();
    otherShell.nextOpen = { status: 'opened', name: 'checkout.warroom', contents: shell.saved[0]!.contents };
    window.location.hash = '';
    const second = renderConsole(other, otherShell);
    await second.user.click(await screen.findByRole('button', { name: 'Import…' }));
    await within(notices()).findByText('Imported checkout.warroom: 3 new events, 0 already here.');
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' })).toBeInTheDocument();
    expect(window.location.hash).toBe(incidentRoute(id));
    expect(await screen.findByText('Error rate at 35%')).toBeInTheDocument();
  });

  it('says why a file was refused, and adds nothing', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const shell = fakeShell();
    const { user } = renderConsole(db, shell);
    for (const [contents, reason] of [
      ['<html><script>alert(1)</script></html>', 'It is not a Warroom incident file: it is damaged or of another kind.'],
      ['{"format":"warroom.incident","version":9}', 'It was written by a newer Warroom (file version 9). Update this console to import it.'],
      ['{"rows":[["=HYPERLINK(\\"http://evil\\")"]]}', 'It is not a Warroom incident file.'],
    ] as const) {
      shell.nextOpen = { status: 'opened', name: 'evil.warroom', contents };
      await user.click(await screen.findByRole('button', { name: 'Import…' }));
      await within(await findAlerts()).findByText(reason);
    }
    shell.nextOpen = { status: 'tooLarge', name: 'huge.warroom', bytes: 300 * 1024 * 1024 };
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    await within(await findAlerts()).findByText('It is 300 MB; incident files are at most 256 MB.');
    expect(await db.events.count()).toBe(0);
    expect(document.querySelector('script')).toBeNull();
  });

  it('imports a file the operating system opened, and merges without duplicating', async () => {
    const { db, id } = await consoleWithIncident();
    const text = (await exportIncident(db, id))!.text;
    const shell = fakeShell();
    renderConsole(db, shell);
    await screen.findByRole('heading', { name: 'Incidents' });
    act(() => void shell.send({ type: 'incidentFileOpened', file: { status: 'opened', name: 'again.warroom', contents: text } }));
    await within(notices()).findByText('Imported again.warroom: 0 new events, 3 already here.');
    expect(await db.events.count()).toBe(3);
  });
});

describe('shell commands', () => {
  it('opens the declare dialog and the profile from the menu, and ignores malformed commands', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const shell = fakeShell();
    renderConsole(db, shell);
    await screen.findByText('No incidents yet');
    act(() => void shell.send({ type: 'rm -rf' }));
    act(() => void shell.send({ type: 'navigate', route: 'https://evil.example/' }));
    expect(window.location.hash).toBe('');
    act(() => void shell.send({ type: 'declareIncident' }));
    expect(await screen.findByRole('dialog', { name: 'Declare an incident' })).toBeInTheDocument();
  });

  it('asks for an incident to export, and offers the overview of all for a wall, when none is open', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const shell = fakeShell();
    renderConsole(db, shell);
    await screen.findByText('No incidents yet');
    act(() => void shell.send({ type: 'exportIncident' }));
    await within(notices()).findByText('Open an incident to export it.');
    expect(shell.saved).toEqual([]);
    act(() => void shell.send({ type: 'chooseWallDisplay' }));
    const dialog = await screen.findByRole('dialog', { name: 'Show on a wall screen' });
    expect(within(dialog).queryByRole('radio', { name: /This incident/ })).toBeNull();
    expect(within(dialog).getByLabelText('Seconds on each incident')).toBeInTheDocument();
  });

  it('goes where a clicked notification points', async () => {
    const { db, id } = await consoleWithIncident();
    const shell = fakeShell();
    renderConsole(db, shell);
    await screen.findByRole('heading', { name: 'Incidents' });
    act(() => void shell.send({ type: 'navigate', route: `#/incidents/${id}` }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' })).toBeInTheDocument();
  });
});

describe('wall', () => {
  const laptop: DisplayInfo = { id: 1, name: 'Built-in', width: 2880, height: 1800, primary: true, hostsConsole: true, hasWall: false };
  const tv: DisplayInfo = { id: 7, name: 'LG 65UN', width: 3840, height: 2160, primary: false, hostsConsole: false, hasWall: false };

  it('lists the displays, picks the wall screen, and opens the incident on it in the chosen mode', async () => {
    const { db, id } = await consoleWithIncident();
    const shell = fakeShell();
    shell.displays = [laptop, tv];
    window.location.hash = `#/incidents/${id}`;
    const { user } = renderConsole(db, shell);
    await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' });

    await user.keyboard('{Control>}{Shift>}d{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Show on a wall screen' });
    const wallScreen = await within(dialog).findByRole('radio', { name: /2: LG 65UN \(3840 × 2160\)/ });
    expect(wallScreen).toBeChecked();
    expect(wallScreen).toHaveFocus();
    expect(within(dialog).getByRole('radio', { name: /1: Built-in .*this screen/ })).not.toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /Kiosk/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));

    expect(shell.walls).toEqual([{ incidentId: id, displayId: 7, mode: 'kiosk', options: DEFAULT_WALL_OPTIONS }]);
    await within(notices()).findByText('The wall shows “Checkout returns 502”.');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a wall on a display named by the menu, and says so when the display is gone', async () => {
    const { db, id } = await consoleWithIncident();
    const shell = fakeShell();
    window.location.hash = `#/incidents/${id}`;
    renderConsole(db, shell);
    await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' });
    act(() => void shell.send({ type: 'showWallOn', displayId: 7 }));
    await waitFor(() => expect(shell.walls).toEqual([{ incidentId: id, displayId: 7, mode: 'fullscreen', options: DEFAULT_WALL_OPTIONS }]));
    shell.wallResult = { status: 'noSuchDisplay' };
    act(() => void shell.send({ type: 'showWallOn', displayId: 9 }));
    await within(await findAlerts()).findByText('That screen is no longer attached. Choose another.');
  });

  it('shows the incident read-only: no entry box, no corrections, status as text', async () => {
    const { db, id } = await consoleWithIncident();
    window.location.hash = wallRoute(id);
    renderConsole(db, fakeShell());
    await screen.findByRole('heading', { level: 1, name: 'Checkout returns 502' });
    expect(await screen.findByText('Error rate at 35%')).toBeInTheDocument();
    expect(screen.getByText('Wall · read-only')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('follows the incident live as the console logs to it', async () => {
    const { db, id } = await consoleWithIncident();
    window.location.hash = wallRoute(id);
    renderConsole(db, fakeShell());
    await screen.findByText('Error rate at 35%');
    await logEntry(db, { incidentId: id, kind: 'action', text: 'Rolled back the 14:02 push', actor: 'Ada', occurredAt: new Date() });
    expect(await screen.findByText('Rolled back the 14:02 push')).toBeInTheDocument();
  });
});

describe('notices', () => {
  it('sends alerts to the desktop too, and keeps them until dismissed', async () => {
    const { notify } = await import('../features/notices/noticeStore');
    const db = freshDatabase();
    await openDatabase(db);
    const shell = fakeShell();
    const { user } = renderConsole(db, shell);
    await screen.findByText('No incidents yet');
    await act(() => notify(shell, { tone: 'alert', title: 'Stakeholder update overdue', detail: 'P1 · 5 minutes late', route: '#/incidents/x' }));
    await act(() => notify(shell, { tone: 'success', title: 'Saved' }));
    expect(shell.notices).toEqual([{ title: 'Stakeholder update overdue', body: 'P1 · 5 minutes late', route: '#/incidents/x' }]);
    const alert = within(alerts()).getByText('Stakeholder update overdue').closest('li')!;
    expect(within(alert).getByText('Alert')).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Dismiss: Stakeholder update overdue' }));
    expect(screen.queryByText('Stakeholder update overdue')).toBeNull();
  });
});
