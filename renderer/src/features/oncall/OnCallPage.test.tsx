import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import type { Roster } from '@shared/domain/oncall';
import { consoleTimeZone } from '@shared/domain/timeZone';

import { openDatabase } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

beforeEach(() => {
  window.location.hash = '#/oncall';
});

/** Daily turns from 7 January 2030 at 09:00 on this computer's clock: nobody is on call before then. */
const nightly: Roster = {
  id: 'payments',
  name: 'Payments on call',
  team: 'Payments',
  services: ['Payments API'],
  timeZone: consoleTimeZone(),
  primary: { kind: 'cycle', people: ['Ada', 'Ben'], startsOn: '2030-01-07', handOff: '09:00', lengthDays: 1 },
  secondary: { kind: 'cycle', people: ['Eve'], startsOn: '2020-01-06', handOff: '09:00', lengthDays: 7 },
  overrides: [],
  escalation: { secondaryAfter: 5, then: [{ person: 'Bo', after: 10 }], repeats: 0 },
};

async function withRoster() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  await changeSetting(db, 'contacts', [{ name: 'Eve', email: '', phone: '+4512345678', pushTopic: 'eve' }], 'Ada');
  await changeSetting(db, 'rosters', [nightly], 'Ada');
  return db;
}

const showing = () => document.querySelector('.oncall-showing')!;

describe('who is on call', () => {
  it('answers for now and for a time asked for, with how to reach each person, and puts someone else on call', async () => {
    const db = await withRoster();
    const { user } = renderConsole(db);
    const card = (await screen.findByRole('heading', { level: 2, name: 'Payments on call' })).closest('li')!;
    expect(showing()).toHaveTextContent('Showing who is on call now.');
    const line = (level: string) => within(card).getByText(level, { selector: 'dt' }).nextElementSibling!;
    expect(line('Primary')).toHaveTextContent('Nobody is scheduled');
    expect(line('Secondary')).toHaveTextContent(/Eve/);
    expect(line('Secondary')).toHaveTextContent('Reach by: Push, SMS');
    // Nobody on the primary yet: a page goes to the secondary at once.
    expect(within(card).getByText('A page nobody answers reaches Eve (Secondary) at once · Bo (named) after 10 min')).toBeInTheDocument();

    const at = screen.getByLabelText('At');
    // A date and time picker: what it hands the page is its value.
    fireEvent.change(at, { target: { value: '2030-01-08T10:00' } });
    expect(showing()).toHaveTextContent(/Showing who is on call on/);
    expect(line('Primary')).toHaveTextContent(/^Ben/);
    expect(line('Primary')).toHaveTextContent(/then Ada/);
    expect(line('Primary')).toHaveTextContent('No way to reach them is set');
    expect(within(card).getByText('A page nobody answers reaches Ben (Primary) at once · Eve (Secondary) after 5 min · Bo (named) after 15 min')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: /Put someone else on call/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Put someone else on call: Payments on call' });
    await user.click(within(dialog).getByRole('button', { name: 'Put them on call' }));
    expect(within(dialog).getByLabelText('Who')).toHaveAccessibleDescription('Say who is on call instead.');
    await user.type(within(dialog).getByLabelText('Who'), 'Zed <img src=x onerror=alert(1)>');
    await user.type(within(dialog).getByLabelText('Why (optional)'), 'Ben at the dentist');
    await user.click(within(dialog).getByRole('button', { name: 'Put them on call' }));
    expect(await within(card).findByText('Override')).toBeInTheDocument();
    expect(line('Primary')).toHaveTextContent(/^Zed <img src=x onerror=alert\(1\)>/);
    expect(document.querySelector('img')).toBeNull();
    expect((await getOrganisation(db)).settings.rosters[0]!.overrides).toEqual([
      expect.objectContaining({ level: 'primary', person: 'Zed <img src=x onerror=alert(1)>', reason: 'Ben at the dentist' }),
    ]);

    await user.click(within(card).getByRole('button', { name: /Remove the override of Zed/ }));
    await expect.poll(() => line('Primary').textContent).toMatch(/^Ben/);
    expect((await getOrganisation(db)).settings.rosters[0]!.overrides).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Now' }));
    expect(showing()).toHaveTextContent('Showing who is on call now.');
  });

  it('says when shifts imported from a calendar run out', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const shifts = [{ person: 'Cy', from: new Date(Date.now() - 86_400_000).toISOString(), to: soon }];
    await changeSetting(db, 'rosters', [{ ...nightly, secondary: { kind: 'calendar', shifts, source: 'nights.ics' } }], 'Ada');
    renderConsole(db);
    expect(await screen.findByText(/Secondary: the shifts from nights.ics run out on .+\. Import the calendar again/)).toBeInTheDocument();
  });

  it('sends people to Settings when there is no roster yet', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    renderConsole(db);
    expect(await screen.findByText('No roster yet: nobody is on call.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set up on-call rosters' })).toHaveAttribute('href', '#/settings');
  });
});
