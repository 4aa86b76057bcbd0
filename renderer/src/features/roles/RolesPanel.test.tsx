import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { CURRENT_VERSION, type EventType, type PayloadOf } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { DatabaseProvider } from '../../app/DatabaseContext';
import { declareIncident } from '../../db/commands';
import type { WarroomDatabase } from '../../db/database';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { assignRole, recordStep } from '../../db/rosterCommands';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';
import { useSyncStatus } from '../../sync/syncStatus';
import { ReadOnlyProvider } from '../../ui/ReadOnly';
import { CommanderStatus } from './CommanderStatus';

async function prepare() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  return { db, id };
}

/** The console opened on an incident's people view. */
async function openPeople(prepared?: { db: WarroomDatabase; id: string }) {
  const { db, id } = prepared ?? (await prepare());
  window.location.hash = `#/incidents/${encodeURIComponent(id)}/people`;
  const view = renderConsole(db);
  // The first render compiles the whole console: give it time.
  await screen.findByRole('heading', { name: 'Roles' }, { timeout: 10_000 });
  return { ...view, id };
}

/** Keyboard only: move focus to a control and press Enter on it. */
async function press(user: UserEvent, element: HTMLElement) {
  act(() => element.focus());
  expect(element).toHaveFocus();
  await user.keyboard('{Enter}');
}

const roleCard = (name: string) => screen.getByRole('listitem', { name });
const personRow = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;

const otherConsole = new TestAuthor(9);
/** The last sequence number each author has written (an author's numbers run on across the tests, never reused). */
const lastSeq = new Map<TestAuthor, number>();
/** An event written by another console, as sync would deliver it: signed by its author. */
function foreign<T extends EventType>(incidentId: string, type: T, payload: PayloadOf<T>, author = otherConsole, occurredAt?: string) {
  const seq = (lastSeq.get(author) ?? 0) + 1;
  lastSeq.set(author, seq);
  const ms = Date.now();
  return author.sign({
    id: `${author.deviceId}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type],
    hlc: encodeHlc({ ms, counter: seq }),
    deviceId: author.deviceId,
    deviceSeq: seq,
    actor: 'Other console',
    occurredAt: occurredAt ?? new Date(ms).toISOString(),
    payload,
  });
}


describe('roles and engagement', () => {
  it('assigns the commander, then hands over, by keyboard; both are on the timeline and the new holder is recorded as joined', async () => {
    const { user, db } = await openPeople();
    expect(within(roleCard('Incident commander')).getByText('This incident has no commander. Assign one first.')).toBeInTheDocument();

    await press(user, screen.getByRole('button', { name: 'Assign Incident commander' }));
    let dialog = await screen.findByRole('dialog', { name: 'Assign Incident commander' });
    expect(within(dialog).getByLabelText('Person')).toHaveFocus();
    await user.keyboard('Ana{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(roleCard('Incident commander')).getByText('Ana')).toBeInTheDocument());
    expect(within(personRow('Ana')).getByText('Joined', { selector: '.step-badge' })).toBeInTheDocument();
    expect(within(personRow('Ana')).getByText('Incident commander')).toBeInTheDocument();

    // A hand-over to nobody says so and writes nothing.
    const before = await db.events.count();
    await press(user, screen.getByRole('button', { name: 'Hand over Incident commander' }));
    dialog = await screen.findByRole('dialog', { name: 'Hand over Incident commander' });
    expect(within(dialog).getByText('Now held by Ana.')).toBeInTheDocument();
    // The people already engaged are offered.
    const list = document.getElementById(within(dialog).getByLabelText('Person').getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['Ana']);
    await user.keyboard('   {Enter}');
    expect(within(dialog).getByText('Say who: the name cannot be empty.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Person')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.events.count()).toBe(before);

    await user.clear(within(dialog).getByLabelText('Person'));
    await user.keyboard('Bo{Enter}');
    await waitFor(() => expect(within(roleCard('Incident commander')).getByText('Bo')).toBeInTheDocument());
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(timelineTexts()).toEqual([
      expect.stringMatching(/^Incident declared/),
      'Ana joined',
      'Ana assigned as Incident commander',
      'Bo joined',
      'Incident commander handed over from Ana to Bo',
    ]));
  });

  it('pages, acknowledges, joins and releases someone with a reason, then can page them again', async () => {
    const { user } = await openPeople();
    expect(screen.getByText(/Nobody recorded yet/)).toBeInTheDocument();
    await press(user, screen.getByRole('button', { name: 'Page someone…' }));
    await screen.findByRole('dialog', { name: 'Page someone' });
    await user.keyboard('Cy{Enter}');
    await waitFor(() => expect(within(personRow('Cy')).getByText('Paged', { selector: '.step-badge' })).toBeInTheDocument());
    expect(within(personRow('Cy')).getAllByText('not yet')).toHaveLength(2);

    await press(user, screen.getByRole('button', { name: 'Record that Cy acknowledged' }));
    await waitFor(() => expect(within(personRow('Cy')).getByText('Acknowledged', { selector: '.step-badge' })).toBeInTheDocument());
    await press(user, screen.getByRole('button', { name: 'Record that Cy joined' }));
    await waitFor(() => expect(within(personRow('Cy')).getByText('Joined', { selector: '.step-badge' })).toBeInTheDocument());
    expect(within(personRow('Cy')).getByText('Could be released')).toBeInTheDocument();
    expect(screen.getByText(/^Longest on the incident: Cy/)).toBeInTheDocument();
    expect(screen.getByText('1 engaged · 1 in the room · 1 could be released')).toBeInTheDocument();

    await press(user, screen.getByRole('button', { name: 'Release Cy…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release Cy' });
    expect(within(dialog).getByLabelText('Reason')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText('Say why they are released.')).toBeInTheDocument();
    await user.keyboard('not needed for DNS{Enter}');
    await waitFor(() => expect(within(personRow('Cy')).getByText('Released: not needed for DNS')).toBeInTheDocument());
    expect(within(personRow('Cy')).queryByText('Could be released')).toBeNull();

    await press(user, screen.getByRole('button', { name: 'Page Cy again' }));
    await waitFor(() => expect(within(personRow('Cy')).getByText('time 2 on this incident')).toBeInTheDocument());
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(timelineTexts()).toEqual([
      expect.stringMatching(/^Incident declared/),
      'Cy paged',
      'Cy acknowledged',
      'Cy joined',
      'Cy released: not needed for DNS',
      'Cy paged',
    ]));
  });

  it('offers whoever is on call now for the incident’s services, and pages them in one step', async () => {
    const prepared = await prepare();
    const weekly = { kind: 'cycle' as const, startsOn: '2020-01-06', handOff: '09:00', lengthDays: 7 };
    await changeSetting(prepared.db, 'contacts', [{ name: 'Bo', email: 'bo@example.org', phone: '', pushTopic: '' }], 'Ada');
    await changeSetting(
      prepared.db,
      'rosters',
      [
        { id: 'pay', name: 'Payments on call', team: '', services: ['Payments'], timeZone: 'UTC', primary: { ...weekly, people: ['Bo'] }, secondary: { ...weekly, people: ['Cy'] }, overrides: [] },
        { id: 'search', name: 'Search on call', team: '', services: ['Search'], timeZone: 'UTC', primary: { ...weekly, people: ['Di'] }, secondary: null, overrides: [] },
      ],
      'Ada',
    );
    const { user } = await openPeople(prepared);
    await user.click(screen.getByRole('button', { name: 'Page someone…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Page someone' });
    expect(await within(dialog).findByText('On call now for payments:')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Page Di' })).toBeNull();
    expect(within(dialog).getByText(/Secondary of Payments on call · No way to reach them is set/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Page Bo' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await screen.findByRole('rowheader', { name: /^Bo/ });
    expect(personRow('Bo')).toHaveTextContent(/paged/i);
  });

  it('says a page waits for a hub while none is reachable, then shows what the hub sent by each way and what failed', async () => {
    const prepared = await prepare();
    await changeSetting(prepared.db, 'contacts', [{ name: 'Bo', email: 'bo@example.org', phone: '+4512345678', pushTopic: '' }], 'Ada');
    await recordStep(prepared.db, { incidentId: prepared.id, person: 'Bo', step: 'paged', actor: 'Ada' });
    await recordStep(prepared.db, { incidentId: prepared.id, person: 'Zed <b>x</b>', step: 'paged', actor: 'Ada' });
    await openPeople(prepared);
    const pages = (name: string) => within(personRow(name)).getByRole('list', { name: `Pages to ${name}` });
    await screen.findByRole('rowheader', { name: /^Zed/ });
    expect(pages('Bo')).toHaveTextContent('Queued: no hub reachable');
    expect(pages('Zed <b>x</b>')).toHaveTextContent('No way to reach Zed <b>x</b>');
    // A hub that sends no pages: the record is the page. One that does: it is waited for.
    try {
      act(() => useSyncStatus.setState({ status: { state: 'synced', at: Date.now(), paging: false } }));
      expect(pages('Bo')).toHaveTextContent('Recorded only: this hub sends no pages');
      act(() => useSyncStatus.setState({ status: { state: 'synced', at: Date.now(), paging: true } }));
      expect(pages('Bo')).toHaveTextContent('Waiting for the hub to send');
    } finally {
      act(() => useSyncStatus.setState({ status: { state: 'off' } }));
    }

    const hub = new TestAuthor(12);
    await act(async () => {
      await ingestEvents(prepared.db, [
        foreign(prepared.id, 'page.sent', { person: 'Bo', cycle: 1, wave: 0, method: 'sms', outcome: 'failed', attempts: 3, detail: 'the SMS gateway answered 503' }, hub),
        foreign(prepared.id, 'page.sent', { person: 'Bo', cycle: 1, wave: 0, method: 'email', outcome: 'sent', attempts: 1, detail: 'the mail relay took it' }, hub),
      ]);
    });
    await waitFor(() => expect(within(pages('Bo')).getAllByRole('listitem')).toHaveLength(2));
    const [sms, mail] = within(pages('Bo')).getAllByRole('listitem');
    expect(sms).toHaveTextContent('SMS: not sent: the SMS gateway answered 503');
    expect(mail).toHaveTextContent(/^E-mail: sent \d{2}:\d{2}/);
    // What the gateway reports later stands beside the send.
    await act(async () => {
      await ingestEvents(prepared.db, [foreign(prepared.id, 'page.delivered', { person: 'Bo', cycle: 1, wave: 0, method: 'email', outcome: 'delivered', detail: '' }, hub)]);
    });
    await waitFor(() => expect(within(pages('Bo')).getAllByRole('listitem')[1]).toHaveTextContent(/^E-mail: sent [\d:]+, delivered [\d:]+$/));
    // Each send is on the timeline too, in the scribe's words.
    act(() => void (window.location.hash = `#/incidents/${encodeURIComponent(prepared.id)}`));
    await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() => expect(timelineTexts()).toEqual(expect.arrayContaining(['Page to Bo by SMS not sent: the SMS gateway answered 503', 'Page to Bo sent by E-mail'])));
  });

  it('refuses to release the commander without a successor, and with one hands command over first', async () => {
    const prepared = await prepare();
    await assignRole(prepared.db, { incidentId: prepared.id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' });
    await assignRole(prepared.db, { incidentId: prepared.id, role: 'scribe', person: 'Ana', actor: 'Ada' });
    const { user, db } = await openPeople(prepared);
    const before = await db.events.count();
    await press(user, await screen.findByRole('button', { name: 'Release Ana…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release Ana' });
    expect(within(dialog).getByText('They also leave: Scribe.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Hand Incident commander over to')).toHaveFocus();
    await user.tab();
    await user.keyboard('going home{Enter}');
    expect(within(dialog).getByText('An incident always needs a commander: name who takes over from Ana.')).toBeInTheDocument();
    expect(await db.events.count()).toBe(before);

    await user.click(within(dialog).getByLabelText('Hand Incident commander over to'));
    await user.keyboard('Bo{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(roleCard('Incident commander')).getByText('Bo')).toBeInTheDocument());
    expect(within(roleCard('Scribe')).getByText('Vacant')).toBeInTheDocument();
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(timelineTexts().slice(-4)).toEqual([
      'Bo joined',
      'Incident commander handed over from Ana to Bo',
      'Ana released from Scribe',
      'Ana released: going home',
    ]));
  });

  it('keeps hostile names as inert text, and refuses a megabyte of name with a clear limit', async () => {
    const { user, container, db } = await openPeople();
    await press(user, screen.getByRole('button', { name: 'Page someone…' }));
    await screen.findByRole('dialog', { name: 'Page someone' });
    await user.paste('<img src=x onerror="window.pwned=1">\u0007');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('rowheader', { name: '<img src=x onerror="window.pwned=1">' })).toBeInTheDocument());
    expect(container.querySelector('img')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();

    const before = await db.events.count();
    await press(user, screen.getByRole('button', { name: 'Page someone…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Page someone' });
    await user.paste('=cmd|x'.repeat(200_000));
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText('Keep names under 100 characters.')).toBeInTheDocument();
    expect(await db.events.count()).toBe(before);
  });

  it('shows two consoles assigning the same role at once as a conflict, with a Keep choice per value', async () => {
    const prepared = await prepare();
    await assignRole(prepared.db, { incidentId: prepared.id, role: 'scribe', person: 'Ana', actor: 'Ada' });
    const base = (await prepared.db.events.filter((e) => e.type === 'role.assigned').first())!;
    const payload = (holders: string[]) => ({ role: 'scribe', roleName: 'Scribe', holders, previousHolders: ['Ana'], prev: [base.id] });
    await ingestEvents(prepared.db, [foreign(prepared.id, 'role.assigned', payload(['Bo']), new TestAuthor(2)), foreign(prepared.id, 'role.assigned', payload(['Cy']), new TestAuthor(3))]);
    const { user } = await openPeople(prepared);
    // The header also alerts that nobody is in command; the conflict has its own alert.
    const banner = (await screen.findAllByRole('alert')).find((el) => el.textContent?.includes('Two consoles assigned'))!;
    expect(banner).toHaveTextContent('Two consoles assigned Scribe at the same time.');
    expect(within(roleCard('Scribe')).getByText('Conflict: two consoles assigned this role at once')).toBeInTheDocument();
    await press(user, within(banner).getByRole('button', { name: 'Keep Cy' }));
    expect(within(banner).getByRole('button', { name: 'Keep Bo' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/Two consoles assigned/)).toBeNull());
    expect(within(roleCard('Scribe')).getByText('Cy')).toBeInTheDocument();
  });

  it('lists a hundred people, longest on the incident first, with who could be released', async () => {
    const prepared = await prepare();
    const start = Date.now() - 100 * 60_000;
    const roomConsole = new TestAuthor(4);
    await ingestEvents(
      prepared.db,
      Array.from({ length: 100 }, (_, i) =>
        foreign(prepared.id, 'participant.engaged', { person: `Person ${String(100 - i).padStart(3, '0')}`, step: 'joined' }, roomConsole, new Date(start + i * 60_000).toISOString()),
      ),
    );
    await assignRole(prepared.db, { incidentId: prepared.id, role: COMMANDER_ROLE, person: 'Person 050', actor: 'Ada' });
    await openPeople(prepared);
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(101);
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('Person 100');
    expect(within(rows[100]!).getByRole('rowheader')).toHaveTextContent('Person 001');
    expect(screen.getAllByText('Could be released')).toHaveLength(99);
    expect(screen.getByText('100 engaged · 100 in the room · 99 could be released')).toBeInTheDocument();
  });
});

describe('commander status', () => {
  function renderStatus(db: WarroomDatabase, id: string, readOnly = false) {
    return render(
      <DatabaseProvider db={db}>
        <ReadOnlyProvider value={readOnly}>
          <CommanderStatus incidentId={id} />
        </ReadOnlyProvider>
      </DatabaseProvider>,
    );
  }

  it('says prominently that nobody is in command, with a way to assign one, and names the commander once there is one', async () => {
    const { db, id } = await prepare();
    renderStatus(db, id);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No incident commander');
    within(alert).getByRole('button', { name: 'Assign a commander…' }).click();
    expect(window.location.hash).toBe(`#/incidents/${encodeURIComponent(id)}/people`);
    await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' });
    expect(await screen.findByText('Incident commander: Ana')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('on a read-only wall shows the alert without controls', async () => {
    const { db, id } = await prepare();
    renderStatus(db, id, true);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No incident commander');
    expect(within(alert).queryByRole('button')).toBeNull();
  });

  it('from the header opens the people view with the commander dialog up', async () => {
    const { db, id } = await prepare();
    const { user } = await openPeople({ db, id });
    renderStatus(db, id);
    await press(user, await screen.findByRole('button', { name: 'Assign a commander…' }));
    expect(await screen.findByRole('dialog', { name: 'Assign Incident commander' })).toBeInTheDocument();
  });
});

describe('engagement steps from the command palette', () => {
  it('records that someone acknowledged and joined by name, and offers only the steps that can come next', async () => {
    const prepared = await prepare();
    await recordStep(prepared.db, { incidentId: prepared.id, person: 'Grace Hopper', step: 'paged', actor: 'Ada' });
    const { user } = await openPeople(prepared);
    await waitFor(() => expect(within(personRow('Grace Hopper')).getByText('Paged')).toBeInTheDocument());

    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('Grace');
    const options = within(palette).getAllByRole('option').map((o) => o.textContent ?? '');
    expect(options).toEqual(
      expect.arrayContaining([expect.stringContaining('Record that Grace Hopper acknowledged'), expect.stringContaining('Record that Grace Hopper joined')]),
    );
    expect(options.some((o) => o.includes('Page Grace Hopper again'))).toBe(false);
    await user.keyboard(' acknowledged{Enter}');
    await waitFor(() => expect(within(personRow('Grace Hopper')).getByText('Acknowledged')).toBeInTheDocument());
  });
});
