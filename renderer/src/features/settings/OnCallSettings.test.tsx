import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { changeSetting, getOrganisation } from '../../db/organisation';
import { joinHub } from '../../db/syncStore';
import { encodeHlc } from '@shared/domain/hlc';
import { hashToken } from '@shared/sync/membership';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { ingestEvents } from '../../db/eventStore';
import { namedDatabase, renderConsole } from '../../testing/renderConsole';

beforeEach(() => {
  window.location.hash = '#/settings';
});

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//EN',
  'BEGIN:VEVENT',
  'UID:a',
  'DTSTAMP:20260301T000000Z',
  `DTSTART:${stamp(0)}`,
  `DTEND:${stamp(1)}`,
  'RRULE:FREQ=DAILY;COUNT=4',
  'SUMMARY:On call: Cy <b>Twombly</b>',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

/** Midnight UTC `days` from today, as an iCalendar UTC time. */
function stamp(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${day}T000000Z`;
}

// Each test drives Settings through many steps: on two busy cores that takes longer than the default allows.
describe('on-call settings', { timeout: 30_000 }, () => {
  it('keeps the people to reach, with each way to reach them checked, and a phone as a gateway dials it', async () => {
    const db = await namedDatabase();
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'People and how to reach them' });
    await user.click(within(section).getByRole('button', { name: 'Add a person' }));
    await user.type(within(section).getByLabelText('Name of person 1'), 'Ada Lovelace');
    await user.type(within(section).getByLabelText('Phone of person 1'), '12 34 56 78');
    await user.type(within(section).getByLabelText('Push topic of person 1'), 'ada pager');
    await user.click(within(section).getByRole('button', { name: 'Save the people' }));
    expect(within(section).getByLabelText('Phone of person 1')).toHaveAccessibleDescription(/country code/);
    expect(within(section).getByLabelText('Push topic of person 1')).toHaveAccessibleDescription(/letters, digits/);
    expect((await getOrganisation(db)).settings.contacts).toEqual([]);

    await user.clear(within(section).getByLabelText('Phone of person 1'));
    await user.type(within(section).getByLabelText('Phone of person 1'), '+45 12 34 56 78');
    await user.clear(within(section).getByLabelText('Push topic of person 1'));
    await user.type(within(section).getByLabelText('Push topic of person 1'), 'ada-pager');
    await user.type(within(section).getByLabelText('E-mail of person 1'), 'ada@example.org');
    await user.click(within(section).getByRole('button', { name: 'Save the people' }));
    await expect.poll(async () => (await getOrganisation(db)).settings.contacts).toEqual([{ name: 'Ada Lovelace', email: 'ada@example.org', phone: '+4512345678', pushTopic: 'ada-pager' }]);
  });

  it('adds a roster of people taking turns, says who cannot be paged, and imports shifts from a calendar file', async () => {
    const db = await namedDatabase();
    await changeSetting(db, 'contacts', [{ name: 'Ada', email: 'ada@example.org', phone: '', pushTopic: '' }], 'Ada');
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'On-call rosters' });
    expect(within(section).getByText('No roster yet.')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Add a roster…' }));
    let dialog = await screen.findByRole('dialog', { name: 'A new on-call roster' });
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('Give the roster a name.');
    expect(within(dialog).getByLabelText('People, in the order they take turns')).toHaveAccessibleDescription(/Name at least one person/);

    await user.type(within(dialog).getByLabelText('Name'), 'Payments on call');
    await user.type(within(dialog).getByLabelText('Services it answers for'), 'Payments API, Checkout');
    await user.clear(within(dialog).getByLabelText('Time zone'));
    await user.type(within(dialog).getByLabelText('Time zone'), 'Europe/Copenhagen');
    await user.type(within(dialog).getByLabelText('People, in the order they take turns'), 'Ada{Enter}Ben');
    await user.clear(within(dialog).getByLabelText('The first turn begins on'));
    await user.type(within(dialog).getByLabelText('The first turn begins on'), '2026-11-23');
    expect(within(dialog).getByText('a Monday')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('When nobody answers a page, page the next'));
    await user.type(within(dialog).getByLabelText('Then page (a manager, say; optional)'), 'Bo');
    await user.clear(within(dialog).getByLabelText('after (minutes more)'));
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    expect(within(dialog).getByLabelText('after (minutes more)')).toHaveAccessibleDescription(/From 1 to 1,440 minutes/);
    await user.type(within(dialog).getByLabelText('after (minutes more)'), '10');
    await user.selectOptions(within(dialog).getByLabelText('Then start over'), '1×');
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    expect(await screen.findByText('The roster Payments on call was saved.')).toBeInTheDocument();

    const [roster] = (await getOrganisation(db)).settings.rosters;
    expect(roster).toMatchObject({
      id: 'payments-on-call',
      services: ['Payments API', 'Checkout'],
      timeZone: 'Europe/Copenhagen',
      primary: { kind: 'cycle', people: ['Ada', 'Ben'], startsOn: '2026-11-23', handOff: '09:00', lengthDays: 7 },
      secondary: null,
      escalation: { secondaryAfter: 5, then: [{ person: 'Bo', after: 10 }], repeats: 1 },
    });
    expect(await within(section).findByText(/Turns of 7 days among Ada, Ben, handing over at 09:00/)).toBeInTheDocument();
    expect(within(section).getByText(/Not among the people to reach: Ben/)).toBeInTheDocument();

    // The secondary from a calendar file; a file that is not one is refused and changes nothing.
    await user.click(within(section).getByRole('button', { name: 'Edit Payments on call' }));
    dialog = await screen.findByRole('dialog', { name: 'Roster: Payments on call' });
    await user.click(within(dialog).getByLabelText(/It has a secondary/));
    const secondary = within(dialog).getByRole('group', { name: 'Secondary' });
    await user.click(within(secondary).getByLabelText('Shifts from a calendar'));
    const file = within(secondary).getByLabelText('Import shifts from an iCalendar file (.ics)…');
    await user.upload(file, new File(['<html>not a calendar</html>'], 'evil.ics', { type: 'text/calendar' }));
    expect(await within(secondary).findByRole('alert')).toHaveTextContent(/The calendar was not imported: This is not an iCalendar file/);
    await user.upload(file, new File([ICS], 'night shifts.ics', { type: 'text/calendar' }));
    expect(await within(secondary).findByText(/4 shifts read for Cy <b>Twombly<\/b>/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    await expect.poll(async () => (await getOrganisation(db)).settings.rosters[0]!.secondary).toMatchObject({ kind: 'calendar', source: 'night shifts.ics' });
    const saved = (await getOrganisation(db)).settings.rosters[0]!.secondary;
    expect(saved?.kind === 'calendar' && saved.shifts.map((s) => s.person)).toEqual(['Cy <b>Twombly</b>', 'Cy <b>Twombly</b>', 'Cy <b>Twombly</b>', 'Cy <b>Twombly</b>']);
    expect(await within(section).findByText(/4 shifts from night shifts.ics/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Remove Payments on call' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove Payments on call' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove Payments on call' }));
    expect(await within(section).findByText('No roster yet.')).toBeInTheDocument();
  });

  it('subscribes a roster to a calendar address the hub fetches, says how the fetches go, and uses the shifts fetched', async () => {
    const db = await namedDatabase();
    const weekly = { kind: 'cycle' as const, people: ['Ada'], startsOn: '2026-11-23', handOff: '09:00', lengthDays: 7 };
    await changeSetting(db, 'rosters', [{ id: 'pay', name: 'Payments on call', team: '', services: [], timeZone: 'UTC', primary: weekly, secondary: null, overrides: [] }], 'Ada');
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'On-call rosters' });
    await user.click(await within(section).findByRole('button', { name: 'Edit Payments on call' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roster: Payments on call' });
    const primary = within(dialog).getByRole('group', { name: 'Primary' });
    await user.click(within(primary).getByLabelText('Shifts from a calendar'));
    const address = within(primary).getByLabelText('Or subscribe: the calendar’s address, fetched by the hub');
    await user.type(address, 'javascript:alert(1)');
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    expect(address).toHaveAccessibleDescription(/Give the calendar’s address: https:\/\/, http:\/\/ or webcal:\/\//);
    await user.clear(address);
    await user.type(address, 'webcal://calendar.example.org/oncall.ics');
    await user.click(within(dialog).getByRole('button', { name: 'Save the roster' }));
    expect(await screen.findByText('The roster Payments on call was saved.')).toBeInTheDocument();
    expect((await getOrganisation(db)).settings.rosters[0]!.primary).toEqual({ kind: 'calendar', shifts: [], source: 'webcal://calendar.example.org/oncall.ics', url: 'webcal://calendar.example.org/oncall.ics' });
    expect(await within(section).findByText(/Subscribed: the hub has not fetched it yet/)).toBeInTheDocument();

    // What the hub writes once it fetched it: the shifts stand in for the roster's, and the fetch is named.
    const hub = new TestAuthor(21);
    const fetched = (seq: number, payload: object) =>
      hub.sign({
        id: `${hub.deviceId}:${seq}`,
        incidentId: 'organisation',
        type: 'organisation.calendarFetched',
        v: 1,
        hlc: encodeHlc({ ms: Date.now() + seq, counter: 0 }),
        deviceId: hub.deviceId,
        deviceSeq: seq,
        actor: 'Warroom',
        occurredAt: new Date(Date.now() + seq).toISOString(),
        payload: { roster: 'pay', level: 'primary', url: 'webcal://calendar.example.org/oncall.ics', outcome: 'fetched', shifts: [], detail: '', ...payload },
      });
    await act(async () => {
      await ingestEvents(db, [fetched(1, { shifts: [{ person: 'Bo', from: '2026-12-07T09:00:00.000Z', to: '2026-12-14T09:00:00.000Z' }] })]);
    });
    expect(await within(section).findByText(/Subscribed: fetched by the hub/)).toBeInTheDocument();
    expect(within(section).getByText(/1 shifts from webcal:\/\/calendar.example.org\/oncall.ics/)).toBeInTheDocument();
    await act(async () => {
      await ingestEvents(db, [fetched(2, { outcome: 'failed', detail: 'calendar.example.org answered 503' })]);
    });
    expect(await within(section).findByText(/the hub could not fetch it .*: calendar.example.org answered 503. The shifts fetched before stand./)).toBeInTheDocument();
    expect((await getOrganisation(db)).settings.rosters[0]!.primary).toMatchObject({ shifts: [{ person: 'Bo' }] });
  });

  it('makes a roster’s calendar feed on the hub, shows its address once, keeps only its hash, and stops it', async () => {
    const db = await namedDatabase();
    await joinHub(db, 'wss://hub.room.example:4848/sync', 'ABCD-EFGH-JKLM');
    await changeSetting(
      db,
      'rosters',
      [{ id: 'payments', name: 'Payments on call', team: '', services: [], timeZone: 'UTC', primary: { kind: 'cycle', people: ['Ada'], startsOn: '2026-01-05', handOff: '09:00', lengthDays: 7 }, secondary: null, overrides: [] }],
      'Ada',
    );
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'On-call rosters' });
    await user.click(await within(section).findByRole('button', { name: 'Calendar feed of Payments on call…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Calendar feed of Payments on call' });
    await user.click(within(dialog).getByRole('button', { name: 'Make the address' }));
    const address = (await within(dialog).findByTestId('calendar-address')).textContent!;
    const key = /^https:\/\/hub\.room\.example:4848\/oncall\/([a-z2-7]{32})\.ics$/.exec(address)?.[1];
    expect(key).toBeDefined();
    expect((await getOrganisation(db)).settings.rosters[0]!.feed).toEqual({ keyHash: hashToken(key!), keyHint: key!.slice(-4) });
    expect(JSON.stringify(await db.events.toArray())).not.toContain(key);
    await user.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
    expect(await within(section).findByText(`on the hub, key ending …${key!.slice(-4)}`)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Calendar feed of Payments on call…' }));
    dialog = await screen.findByRole('dialog', { name: 'Calendar feed of Payments on call' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop the feed' }));
    await expect.poll(async () => (await getOrganisation(db)).settings.rosters[0]!.feed).toBeUndefined();
  });
});
