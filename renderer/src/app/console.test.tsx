import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { WarroomDatabase } from '../db/database';
import { addPending, useUiStore } from '../state/uiStore';
import { freshDatabase, renderConsole, timelineTexts } from '../testing/renderConsole';

async function declare(user: ReturnType<typeof renderConsole>['user'], title = 'Checkout returns 502') {
  await user.keyboard('n');
  const dialog = await screen.findByRole('dialog', { name: 'Declare an incident' });
  await user.type(within(dialog).getByLabelText('Title'), title);
  await user.type(within(dialog).getByLabelText('Affected services'), 'checkout, payments');
  await user.selectOptions(within(dialog).getByLabelText('Impact'), 'department');
  await user.type(within(dialog).getByLabelText('Declared by'), 'Ada');
  await user.click(within(dialog).getByRole('button', { name: 'Declare' }));
  await screen.findByRole('heading', { level: 1, name: title });
}


const composer = () => screen.getByRole('textbox', { name: 'Log entry' });

describe('the console', () => {
  it('shows an empty incident list with a call to action on first run', async () => {
    renderConsole();
    expect(await screen.findByRole('heading', { name: 'No incidents yet' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /Declare incident/ }).length).toBeGreaterThan(0);
  });

  it('refuses to declare without a title, keeping what was typed', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await user.keyboard('n');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Declared by'), 'Ada');
    await user.click(within(dialog).getByRole('button', { name: 'Declare' }));
    expect(within(dialog).getByText('Give the incident a title.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Title')).toHaveFocus();
    expect(within(dialog).getByLabelText('Declared by')).toHaveValue('Ada');
  });

  it('declares an incident, opens it at once, with priority derived from impact and urgency', async () => {
    const { user, db } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    expect(screen.getByText('P2 · High')).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('investigating');
    await waitFor(() => expect(timelineTexts()[0]).toMatch(/Incident declared: Checkout returns 502/));
    expect(composer()).toHaveFocus();
    expect(await db.outbox.count()).toBe(1);
  });

  it('logs entries by keyboard, with types from slash prefixes, ordered by when they happened', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.type(composer(), 'error rate at 30%{Enter}');
    await user.type(composer(), '/d roll back the config{Enter}');
    await user.type(composer(), '@-30m /a config pushed to the edge{Enter}');
    // An @ before a name is text, and a backslash keeps a time-like start as typed.
    await user.type(composer(), '@ops channel is noisy{Enter}');
    await user.type(composer(), '\\@14:02 was the agreed cut-off{Enter}');
    await waitFor(() =>
      expect(timelineTexts()).toEqual([
        'config pushed to the edge',
        expect.stringMatching(/^Incident declared/),
        'error rate at 30%',
        'roll back the config',
        '@ops channel is noisy',
        '@14:02 was the agreed cut-off',
      ]),
    );
    const rows = screen.getByRole('region', { name: 'Timeline' }).querySelectorAll('.timeline-row');
    expect(within(rows[0] as HTMLElement).getByText('Action')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText('Decision')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText(/^logged /)).toBeInTheDocument();
    expect(composer()).toHaveValue('');
    expect(composer()).toHaveFocus();
  });

  it('corrects the last entry with the up arrow: the correction shows, and the original stays on record', async () => {
    const { user, db } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.type(composer(), 'DB failover at 14:10{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('DB failover at 14:10'));
    // Announced from an effect after the row is drawn.
    await waitFor(() => expect(screen.getByRole('log')).toHaveTextContent('New entry: DB failover at 14:10'));
    await user.keyboard('{ArrowUp}');
    const dialog = await screen.findByRole('dialog', { name: 'Correct entry' });
    const text = within(dialog).getByLabelText('Corrected text');
    await user.clear(text);
    // Enter is a new line in the correction; Ctrl+Enter saves it, as in every other writing box.
    await user.type(text, 'DB failover at 14:12{Enter}(primary)');
    expect(text).toHaveValue('DB failover at 14:12\n(primary)');
    await user.keyboard('{Backspace>10/}{Control>}{Enter}{/Control}');
    await waitFor(() => expect(timelineTexts()).toContain('DB failover at 14:12'));
    expect(screen.getByText('Originally: DB failover at 14:10')).toBeInTheDocument();
    expect(screen.getByText('corrected by Ada')).toBeInTheDocument();
    const types = (await db.events.toArray()).map((e) => e.type);
    expect(types).toEqual(['incident.declared', 'timeline.entryLogged', 'timeline.entryCorrected']);
    await waitFor(() => expect(composer()).toHaveFocus());
  });

  it('strikes an entry through with a reason', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.type(composer(), 'wrong incident{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('wrong incident'));
    await user.click(screen.getByRole('button', { name: 'Strike through' }));
    const dialog = await screen.findByRole('dialog', { name: 'Strike through entry' });
    await user.click(within(dialog).getByRole('button', { name: 'Strike through' }));
    expect(within(dialog).getByText('Say why the entry is struck through.')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('Reason'));
    await user.paste('x'.repeat(5000));
    await user.click(within(dialog).getByRole('button', { name: 'Strike through' }));
    expect(within(dialog).getByText('Keep the reason under 1,000 characters.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveValue('x'.repeat(5000));
    await user.clear(within(dialog).getByLabelText('Reason'));
    await user.type(within(dialog).getByLabelText('Reason'), 'logged in the wrong incident');
    await user.click(within(dialog).getByRole('button', { name: 'Strike through' }));
    await waitFor(() => expect(screen.getByText('wrong incident').tagName).toBe('S'));
    expect(screen.getByText('struck through by Ada: logged in the wrong incident')).toBeInTheDocument();
  });

  it('changes status and shows each change on the timeline', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.selectOptions(screen.getByLabelText('Status'), 'identified');
    await user.selectOptions(screen.getByLabelText('Status'), 'monitoring');
    await waitFor(() =>
      expect(timelineTexts().slice(-2)).toEqual(['Status changed to Identified', 'Status changed to Monitoring']),
    );
    await waitFor(() => expect(screen.getByLabelText('Status')).toHaveValue('monitoring'));
    expect(screen.queryByText(/changed .* at the same time/)).toBeNull(); // a quick second change replaces the first: no conflict
  });

  it('asks before resolving or closing, for a note that goes on the timeline; Cancel and an empty note write nothing', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await waitFor(() => expect(timelineTexts()).toEqual([expect.stringMatching(/^Incident declared/)]));
    const before = timelineTexts();
    // By keyboard, as a commander does: Alt+S, then the arrow keys.
    await user.keyboard('{Alt>}s{/Alt}');
    expect(screen.getByLabelText('Status')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Status'), 'resolved');
    let dialog = await screen.findByRole('dialog', { name: 'Resolve this incident?' });
    expect(within(dialog).getByLabelText('Resolution note')).toHaveFocus();
    expect(screen.getByLabelText('Status')).toHaveValue('investigating');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(timelineTexts()).toEqual(before);
    // Back where the commander was: on the status, to choose again.
    await waitFor(() => expect(screen.getByLabelText('Status')).toHaveFocus());

    await user.selectOptions(screen.getByLabelText('Status'), 'resolved');
    dialog = await screen.findByRole('dialog', { name: 'Resolve this incident?' });
    await user.keyboard('   {Enter}');
    expect(await within(dialog).findByText('Write a resolution note first.')).toBeInTheDocument();
    expect(timelineTexts()).toEqual(before);
    expect(screen.getByLabelText('Status')).toHaveValue('investigating');

    await user.type(within(dialog).getByLabelText('Resolution note'), 'Rolled back the <b>gateway</b>; errors back to baseline{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(timelineTexts().slice(-2)).toEqual(['Resolved: Rolled back the <b>gateway</b>; errors back to baseline', 'Status changed to Resolved']),
    );
    expect(screen.getByLabelText('Status')).toHaveValue('resolved');

    await user.selectOptions(screen.getByLabelText('Status'), 'closed');
    dialog = await screen.findByRole('dialog', { name: 'Close this incident?' });
    await user.type(within(dialog).getByLabelText('Resolution note'), 'Post-mortem booked for Thursday{Enter}');
    await waitFor(() => expect(timelineTexts().slice(-2)).toEqual(['Closed: Post-mortem booked for Thursday', 'Status changed to Closed']));
  });

  it('keeps everything after the console is closed and reopened', async () => {
    const db = freshDatabase();
    const first = renderConsole(db);
    await screen.findByText('No incidents yet');
    await declare(first.user);
    for (const text of ['one', 'two', 'three']) await first.user.type(composer(), `${text}{Enter}`);
    await waitFor(() => expect(timelineTexts()).toHaveLength(4));
    const hash = window.location.hash;
    first.unmount();
    db.close();

    window.location.hash = hash;
    const reopened = new WarroomDatabase(db.name);
    renderConsole(reopened);
    await waitFor(() => expect(timelineTexts()).toEqual([expect.stringMatching(/^Incident declared/), 'one', 'two', 'three']));
  });

  it('keeps an unsent draft when the console is closed mid-typing', async () => {
    const db = freshDatabase();
    const first = renderConsole(db);
    await screen.findByText('No incidents yet');
    await declare(first.user);
    await first.user.type(composer(), 'half a thought');
    const hash = window.location.hash;
    first.unmount();
    window.location.hash = hash;
    renderConsole(db);
    await waitFor(() => expect(composer()).toHaveValue('half a thought'));
  });

  it('gives the text back with the reason when an entry cannot be saved', async () => {
    const { user, db } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    db.close({ disableAutoOpen: true });
    await user.type(composer(), 'must not vanish{Enter}');
    expect(await screen.findByText(/The entry was not saved: .+Your text is still here/)).toBeInTheDocument();
    expect(composer()).toHaveValue('must not vanish');
  });

  it('recovers an entry whose write was cut off by a closed console, and not one that made it', async () => {
    const db = freshDatabase();
    const first = renderConsole(db);
    await screen.findByText('No incidents yet');
    await declare(first.user);
    await first.user.type(composer(), 'made it{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('made it'));
    const hash = window.location.hash;
    const incidentId = decodeURIComponent(hash.split('/').pop()!);
    first.unmount();
    // What a tab closed between Enter and the write's commit leaves behind:
    addPending(incidentId, 'made it');
    addPending(incidentId, '/d cut off mid-write');

    window.location.hash = hash;
    renderConsole(db);
    await waitFor(() => expect(composer()).toHaveValue('/d cut off mid-write'));
    expect(screen.getByText(/Recovered text that was being logged/)).toBeInTheDocument();
    expect(useUiStore.getState().pending).toEqual({});
  });

  it('renders HTML and script as inert text', async () => {
    const { user, container } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user, '<img src=x onerror=alert(1)>');
    await user.type(composer(), '<script>window.pwned=1</script><b>bold</b>{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('<script>window.pwned=1</script><b>bold</b>'));
    expect(container.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('refuses a 1 MB entry with a clear message and keeps the text; nothing logged is lost', async () => {
    const { user, db } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.type(composer(), 'kept{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('kept'));
    const huge = 'x'.repeat(1024 * 1024);
    await user.click(composer());
    await user.paste(huge);
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/This entry is 1,048,576 characters; the limit is 10,000/)).toBeInTheDocument();
    expect((composer() as HTMLTextAreaElement).value).toHaveLength(huge.length);
    expect(timelineTexts()).toContain('kept');
    expect(await db.events.count()).toBe(2);
  });

  it('strips control characters and refuses times in the future', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await declare(user);
    await user.click(composer());
    await user.paste('bell\u0007 and\u0000 null');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('bell and null'));
    const future = new Date(Date.now() + 3 * 3_600_000);
    const hhmm = `${String(future.getHours()).padStart(2, '0')}:${String(future.getMinutes()).padStart(2, '0')}`;
    // A clock time later than now means yesterday, so the future can only be reached by the time field's date rules:
    await user.type(composer(), `@${hhmm} later today{Enter}`);
    await waitFor(() => expect(timelineTexts()).toContain('later today'));
    await user.type(composer(), '@99:99 nonsense{Enter}');
    expect(await screen.findByText(/Use @HH:MM or @-10m/)).toBeInTheDocument();
  });

  it('can be driven with no pointer: declare, log, change status', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await user.keyboard('n');
    await screen.findByRole('dialog');
    // Nobody is named at this console yet: the dialog asks who is declaring first, so Enter after the title declares.
    await waitFor(() => expect(screen.getByLabelText('Declared by')).toHaveFocus());
    await user.keyboard('Kim');
    await user.tab();
    expect(screen.getByLabelText('Title')).toHaveFocus();
    await user.keyboard('Keyboard only{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Keyboard only' });
    expect(screen.getByRole('button', { name: 'Logging as Kim' })).toBeInTheDocument();
    await user.keyboard('first entry{Enter}');
    await waitFor(() => expect(timelineTexts()).toContain('first entry'));
    await act(async () => {
      await user.keyboard('{Alt>}s{/Alt}');
    });
    expect(screen.getByLabelText('Status')).toHaveFocus();
  });

  it('keeps what the scribe types while the incident page is still opening', async () => {
    const db = freshDatabase();
    const { openDatabase } = await import('../db/eventStore');
    const { declareIncident } = await import('../db/commands');
    const { setProfileName } = await import('../db/queries');
    await openDatabase(db);
    await setProfileName(db, 'Ada');
    const id = await declareIncident(db, {
      title: 'Opening', kind: 'service', services: [], impact: 'organisation', urgency: 'missionCritical', declaredBy: 'Ada', drill: false,
    });
    renderConsole(db);
    await screen.findByRole('heading', { name: 'Incidents' });
    // A write transaction held open keeps the page's first read waiting, however fast the machine.
    let released = false;
    const holding = db.transaction('rw', db.incidents, async () => {
      while (!released) await db.incidents.get('nothing');
    });
    // Open the incident and type at once, before its page has read anything.
    act(() => {
      window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.queryByRole('textbox', { name: 'Log entry' })).toBeNull();
    for (const key of 'p99 up') fireEvent.keyDown(window, { key });
    released = true;
    await holding;
    expect(await screen.findByRole('textbox', { name: 'Log entry' })).toHaveValue('p99 up');
  });
});
