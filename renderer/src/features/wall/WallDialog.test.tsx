import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { DisplayInfo } from '@shared/platform/bridge';
import { DEFAULT_WALL_OPTIONS } from '@shared/platform/wallRoute';

import { declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { fakeShell } from '../../testing/fakeShell';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { readWallFields } from './WallDialog';
import { useWallPreferences } from './wallPreferences';

const laptop: DisplayInfo = { id: 1, name: 'Built-in Retina Display', width: 2880, height: 1800, primary: true, hostsConsole: true, hasWall: false };
const noc: DisplayInfo = { id: 7, name: 'LG 65UN', width: 3840, height: 2160, primary: false, hostsConsole: false, hasWall: false };

afterEach(() => {
  // The preferences live in memory as well as in local storage: each test starts from the defaults.
  useWallPreferences.setState({ options: DEFAULT_WALL_OPTIONS });
});

async function consoleWithIncident() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  const shell = fakeShell();
  shell.displays = [laptop, noc];
  return { db, id, shell };
}

async function openFromIncident() {
  const setup = await consoleWithIncident();
  window.location.hash = `#/incidents/${encodeURIComponent(setup.id)}`;
  const view = renderConsole(setup.db, setup.shell);
  await screen.findByRole('heading', { level: 1, name: declareInput.title });
  await view.user.click(screen.getByRole('button', { name: 'Show on wall…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Show on a wall screen' });
  // The screens arrive after the dialog opens; the largest one away from the console is offered.
  await waitFor(() => expect(within(dialog).getByRole('radio', { name: /LG 65UN/ })).toBeChecked());
  return { ...setup, ...view, dialog };
}

async function openFromList() {
  const setup = await consoleWithIncident();
  window.location.hash = '#/';
  const view = renderConsole(setup.db, setup.shell);
  await view.user.click(await screen.findByRole('button', { name: 'Show all on wall…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Show on a wall screen' });
  await waitFor(() => expect(within(dialog).getByRole('radio', { name: /LG 65UN/ })).toBeChecked());
  return { ...setup, ...view, dialog };
}

const zoneField = (dialog: HTMLElement, number: number) => within(dialog).getByLabelText(`Time zone ${number}`);

// Each test drives the whole console through many steps: on two busy cores that takes longer than the default allows.
const SLOW = { timeout: 30_000 };

describe('WallDialog', SLOW, () => {
  it('from an incident offers that incident or every open incident; the rotation only for the overview', async () => {
    const { dialog, user } = await openFromIncident();
    const show = within(dialog).getByRole('group', { name: 'Show' });
    const thisOne = within(show).getByRole('radio', { name: 'This incident: Payments down' });
    const all = within(show).getByRole('radio', { name: /All open incidents/ });
    expect(thisOne).toBeChecked();
    expect(within(dialog).queryByRole('textbox', { name: 'Seconds on each incident' })).toBeNull();
    await user.click(all);
    expect(all).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Seconds on each incident' })).toHaveValue('20');
  });

  it('from the incident list offers only the overview', async () => {
    const { dialog } = await openFromList();
    expect(within(dialog).queryByRole('group', { name: 'Show' })).toBeNull();
    expect(within(dialog).queryByRole('radio', { name: /This incident/ })).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: 'Seconds on each incident' })).toBeInTheDocument();
  });

  it('an unknown time zone and a bad rotation show inline errors and open nothing', async () => {
    const { dialog, user, shell } = await openFromList();
    await user.type(zoneField(dialog, 1), 'Mars/Olympus');
    await user.type(zoneField(dialog, 3), 'Europe/../etc');
    const rotate = within(dialog).getByRole('textbox', { name: 'Seconds on each incident' });
    await user.clear(rotate);
    await user.type(rotate, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));

    expect(zoneField(dialog, 1)).toHaveAccessibleDescription('“Mars/Olympus” is not a time zone this computer knows. Pick one from the list, such as Europe/Copenhagen.');
    expect(zoneField(dialog, 1)).toBeInvalid();
    expect(zoneField(dialog, 2)).toBeValid();
    expect(zoneField(dialog, 3)).toHaveAccessibleDescription(/“Europe\/..\/etc” is not a time zone/);
    expect(rotate).toHaveAccessibleDescription('Use 0, or a whole number of seconds from 5 to 3600.');
    expect(rotate).toBeInvalid();
    // Each error stands under its own field, in words.
    expect(within(dialog).getByText(/“Mars\/Olympus” is not a time zone/)).toBeVisible();
    expect(within(dialog).getByText('Use 0, or a whole number of seconds from 5 to 3600.')).toBeVisible();
    expect(shell.walls).toEqual([]);
    expect(screen.getByRole('dialog', { name: 'Show on a wall screen' })).toBe(dialog);
    expect(useWallPreferences.getState().options).toEqual(DEFAULT_WALL_OPTIONS);

    // Put right, the same dialog opens the wall.
    await user.clear(zoneField(dialog, 1));
    await user.clear(zoneField(dialog, 3));
    await user.clear(rotate);
    await user.type(rotate, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));
    await waitFor(() => expect(shell.walls).toHaveLength(1));
    expect(shell.walls[0]!.options).toEqual({ zones: [], rotateSeconds: 0 });
  });

  it('opens the incident wall on the chosen screen with its clocks, and offers the same clocks next time', async () => {
    const { dialog, user, shell, id } = await openFromIncident();
    await user.type(zoneField(dialog, 1), ' Europe/Copenhagen ');
    await user.type(zoneField(dialog, 3), 'America/Argentina/Buenos_Aires');
    await user.click(within(dialog).getByRole('radio', { name: /Kiosk/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(shell.walls).toEqual([
      { incidentId: id, displayId: noc.id, mode: 'kiosk', options: { zones: ['Europe/Copenhagen', 'America/Argentina/Buenos_Aires'], rotateSeconds: 20 } },
    ]);
    expect(await screen.findByText('The wall shows “Payments down”.')).toBeInTheDocument();
    expect(useWallPreferences.getState().options).toEqual({ zones: ['Europe/Copenhagen', 'America/Argentina/Buenos_Aires'], rotateSeconds: 20 });

    await user.click(screen.getByRole('button', { name: 'Show on wall…' }));
    const again = await screen.findByRole('dialog', { name: 'Show on a wall screen' });
    expect(zoneField(again, 1)).toHaveValue('Europe/Copenhagen');
    expect(zoneField(again, 2)).toHaveValue('America/Argentina/Buenos_Aires');
    expect(zoneField(again, 3)).toHaveValue('');
  });

  it('opens the overview from an incident, with the rotation asked for, remembered for next time', async () => {
    const { dialog, user, shell } = await openFromIncident();
    await user.click(within(dialog).getByRole('radio', { name: /All open incidents/ }));
    const rotate = within(dialog).getByRole('textbox', { name: 'Seconds on each incident' });
    await user.clear(rotate);
    await user.type(rotate, '45');
    await user.type(zoneField(dialog, 1), 'UTC');
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));

    await waitFor(() => expect(shell.walls).toHaveLength(1));
    expect(shell.walls[0]).toEqual({ incidentId: null, displayId: noc.id, mode: 'fullscreen', options: { zones: ['UTC'], rotateSeconds: 45 } });
    expect(await screen.findByText('The wall shows “Open incidents”.')).toBeInTheDocument();
    expect(useWallPreferences.getState().options).toEqual({ zones: ['UTC'], rotateSeconds: 45 });
    expect(JSON.parse(localStorage.getItem('warroom.wall')!).state.options).toEqual({ zones: ['UTC'], rotateSeconds: 45 });
  });

  it('a bad rotation typed for the overview does not block the incident wall, where no rotation applies', async () => {
    const { dialog, user, shell, id } = await openFromIncident();
    await user.click(within(dialog).getByRole('radio', { name: /All open incidents/ }));
    const rotate = within(dialog).getByRole('textbox', { name: 'Seconds on each incident' });
    await user.clear(rotate);
    await user.type(rotate, 'abc');
    await user.click(within(dialog).getByRole('radio', { name: /This incident/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Show on wall' }));

    await waitFor(() => expect(shell.walls).toHaveLength(1));
    expect(shell.walls[0]).toMatchObject({ incidentId: id, options: { zones: [], rotateSeconds: 20 } });
  });
});

describe('readWallFields', () => {
  const read = (zones: string[], rotate: string) => readWallFields({ zones, rotate });

  it('trims the fields, drops blank clocks and reads the rotation', () => {
    expect(read([' UTC ', '', 'Etc/GMT+5'], ' 30 ')).toEqual({ options: { zones: ['UTC', 'Etc/GMT+5'], rotateSeconds: 30 } });
    expect(read(['', '', ''], '0')).toEqual({ options: { zones: [], rotateSeconds: 0 } });
  });

  it.each(['-1', '1e3', 'abc', '4', '3601', '', '2.5', '99999999'])('refuses rotation %j', (rotate) => {
    const result = read([], rotate);
    expect('errors' in result && result.errors.rotate).toBe('Use 0, or a whole number of seconds from 5 to 3600.');
  });

  it('names each unknown zone at its own field', () => {
    const result = read(['Europe/Copenhagen', "' OR 1=1", 'Mars/Olympus'], '20');
    expect('errors' in result && result.errors).toEqual({
      zones: [null, expect.stringContaining("“' OR 1=1”"), expect.stringContaining('“Mars/Olympus”')],
      rotate: null,
    });
  });
});
