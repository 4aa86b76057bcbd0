import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { encodeHlc, hlcTime } from '@shared/domain/hlc';
import { DEFAULT_PRIORITY_MATRIX } from '@shared/domain/priority';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { RefusedError, changeStatus, changeTier, declareIncident, reprioritise } from '../../db/commands';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { assignRole } from '../../db/rosterCommands';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';

async function openIncident(minutesAgo = 0) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const declaredAt = Date.now() - minutesAgo * 60_000;
  const id = await declareIncident(db, declareInput, () => declaredAt);
  window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 1, name: declareInput.title });
  return { ...view, id };
}

/** The conflict banner (the header may also alert that nobody is in command). */
const conflictBanner = () =>
  waitFor(() => {
    const banner = screen.getAllByRole('alert').find((el) => el.textContent?.includes('at the same time'));
    if (!banner) throw new Error('no conflict banner yet');
    return banner;
  });


describe('tiers and service-level clocks', () => {
  it('escalates to major by keyboard: reason and decider recorded, the clock now counts to continuity', async () => {
    const { user, db, id } = await openIncident();
    const clock = await screen.findByRole('group', { name: 'Service-level clock' });
    expect(within(clock).getByText('Major decision due')).toBeInTheDocument();

    await user.keyboard('{Control>}{Shift>}E{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Escalate or de-escalate' });
    expect(within(dialog).getByRole('radio', { name: /Major incident/ })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    expect(within(dialog).getByText('Say why: the reason goes on the record.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveFocus();

    await user.keyboard('DNS failing in every region');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).parentElement).toHaveTextContent('Major incident'));
    expect(await within(clock).findByText('Continuity decision due')).toBeInTheDocument();
    await waitFor(() => expect(timelineTexts().at(-1)).toBe('Major incident: decided by Ada. DNS failing in every region'));
    expect((await db.incidents.get(id))?.summary).toMatchObject({ tier: 'major' });
    // Focus goes back to the entry box, where the scribe logs.
    expect(screen.getByRole('textbox', { name: 'Log entry' })).toHaveFocus();
  });

  it('credits the decision to the commander by default, not to whoever is at the console', async () => {
    const { user, db, id } = await openIncident();
    await act(() => assignRole(db, { incidentId: id, role: 'commander', person: 'Grace Hopper', actor: 'Ada' }));
    await user.keyboard('{Control>}{Shift>}E{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Escalate or de-escalate' });
    await waitFor(() => expect(within(dialog).getByLabelText('Decided by')).toHaveValue('Grace Hopper'));
    await user.type(within(dialog).getByLabelText('Reason'), 'Card payments down in every region{Enter}');
    await waitFor(() => expect(timelineTexts().at(-1)).toBe('Major incident: decided by Grace Hopper. Card payments down in every region'));
  });

  it('a backdated decision starts the new clock when it was taken', async () => {
    const { user, db, id } = await openIncident(30);
    await user.keyboard('{Control>}{Shift>}E{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Escalate or de-escalate' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Checkout down for everyone');
    await user.type(within(dialog).getByLabelText('Decided at (if earlier)'), '-20m');
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const summary = (await db.incidents.get(id))!.summary!;
    const event = (await db.events.filter((e) => e.type === 'incident.tierChanged').first())!;
    // The decision's time is 20 minutes before the form was sent, which was just before the write's clock value.
    const logged = hlcTime(event.hlc);
    expect(Date.parse(summary.tierSince)).toBeLessThanOrEqual(logged - 20 * 60_000);
    expect(Date.parse(summary.tierSince)).toBeGreaterThan(logged - 21 * 60_000);
  });

  it('refuses a decider-less, reason-less or same-tier change and writes nothing', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const id = await declareIncident(db, declareInput);
    const before = await db.events.count();
    const attempt = (over: Partial<Parameters<typeof changeTier>[1]>) =>
      changeTier(db, { incidentId: id, tier: 'major', reason: 'Down', decidedBy: 'Ada', actor: 'Ada', ...over });
    await expect(attempt({ reason: ' \u0007 ' })).rejects.toEqual(new RefusedError('reasonRequired'));
    await expect(attempt({ decidedBy: '' })).rejects.toEqual(new RefusedError('deciderRequired'));
    await expect(attempt({ tier: 'normal' })).rejects.toEqual(new RefusedError('unchanged'));
    await expect(attempt({ decidedAt: new Date(Date.now() + 3_600_000) })).rejects.toEqual(new RefusedError('future'));
    expect(await db.events.count()).toBe(before);
    await attempt({});
    await attempt({ tier: 'normal', reason: 'Contained: back to normal handling' });
    expect((await db.incidents.get(id))?.summary).toMatchObject({ tier: 'normal', conflicts: [] });
  });

  it('shows when the clock runs out, in words, and raises one alert', async () => {
    // Declared 20 minutes ago: a P1's 15 minutes to decide on major are over. The console alerts; it does not escalate.
    const { id, db, user } = await openIncident(20);
    const clock = await screen.findByRole('group', { name: 'Service-level clock' });
    expect(within(clock).getByText(/^Overdue \d+:\d\d$/)).toBeInTheDocument();
    expect(within(clock).getByText(/^Overdue since /)).toBeInTheDocument();
    // The late updates' alert came after it: the folded band shows the newest, Show all lists both.
    const band = await screen.findByRole('region', { name: 'Alerts' });
    await user.click(await within(band).findByRole('button', { name: 'Show all 2' }));
    const alerts = await within(band).findAllByText(/“Payments down”: Major decision due was due at/);
    expect(alerts).toHaveLength(1);
    expect((await db.incidents.get(id))?.summary?.tier).toBe('normal');
  });
});

describe('a resolved or closed incident', () => {
  it('looks it: its clock has stopped, and it says how long it ran instead of counting on', async () => {
    const { db, id } = await openIncident(72);
    const header = screen.getByRole('heading', { level: 1 }).closest('header')!;
    expect(within(header).getByText('Open for')).toBeInTheDocument();
    await act(() => changeStatus(db, id, 'closed', 'Ada'));
    await waitFor(() => expect(within(header).queryByText('Open for')).toBeNull());
    const ended = within(header).getByText('Closed', { selector: 'dt' });
    expect(ended.nextElementSibling).toHaveTextContent(/^after 1 hour 1[12] minutes$/);
    const clock = within(header).getByRole('group', { name: 'Service-level clock' });
    expect(clock).toHaveTextContent('Stopped: closed');
    expect(clock).not.toHaveTextContent(/No clock|Overdue/);
  });
});

describe('priority', () => {
  it('reprioritises through the organisation matrix as it stands now; each change is on the timeline', async () => {
    const { user, db, id } = await openIncident();
    const matrix = { ...DEFAULT_PRIORITY_MATRIX, department: { ...DEFAULT_PRIORITY_MATRIX.department, missionCritical: 'P1' as const } };
    await act(() => changeSetting(db, 'priorityMatrix', matrix, 'Ada'));

    await user.click(screen.getByRole('button', { name: 'Reprioritise…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reprioritise' });
    await user.selectOptions(within(dialog).getByLabelText('Impact'), 'department');
    // The organisation now rates a department on a mission-critical service P1: nothing changes.
    expect(within(dialog).queryByText('becomes')).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('Urgency'), 'supporting');
    expect(within(dialog).getByText('P3 · Moderate')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(timelineTexts().slice(-3)).toEqual([
        'Impact changed to A department or site',
        'Urgency changed to Supporting',
        'Priority changed to P3 · Moderate',
      ]),
    );
    expect((await db.incidents.get(id))?.summary?.priority).toBe('P3');
  });

  it('records the priority given at declaration: a later matrix edit does not rewrite it', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const id = await declareIncident(db, declareInput);
    const lowered = { ...DEFAULT_PRIORITY_MATRIX, organisation: { ...DEFAULT_PRIORITY_MATRIX.organisation, missionCritical: 'P2' as const } };
    await changeSetting(db, 'priorityMatrix', lowered, 'Ada');
    expect((await db.incidents.get(id))?.summary?.priority).toBe('P1');
    expect(await reprioritise(db, { incidentId: id, impact: 'organisation', urgency: 'missionCritical', actor: 'Ada' })).toBe(true);
    expect((await db.incidents.get(id))?.summary?.priority).toBe('P2');
    const second = await declareIncident(db, declareInput);
    expect((await db.incidents.get(second))?.summary?.priority).toBe('P2');
  });
});

describe('concurrent decisions', () => {
  it('two consoles escalating differently at once: keeping one is a recorded decision that settles it', async () => {
    const { user, db, id } = await openIncident();
    const declared = (await db.events.get(id))!;
    const decision = (seq: number, author: TestAuthor, tier: string) => author.sign({
      id: `${author.deviceId}:${seq}`,
      incidentId: id,
      type: 'incident.tierChanged',
      v: 1,
      hlc: encodeHlc({ ms: Date.now(), counter: seq }),
      deviceId: author.deviceId,
      deviceSeq: seq,
      actor: 'Bo',
      occurredAt: new Date().toISOString(),
      payload: { tier, reason: `Bo thinks ${tier}`, decidedBy: 'Bo', prev: [declared.id] },
    });
    await act(() => ingestEvents(db, [decision(1, new TestAuthor(2), 'major'), decision(1, new TestAuthor(3), 'continuity')]));
    const banner = await conflictBanner();
    await user.click(within(banner).getByRole('button', { name: 'Keep “Major incident”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Escalate or de-escalate' });
    expect(within(dialog).getByRole('radio', { name: /^Major incident/ })).toBeChecked();
    await user.type(within(dialog).getByLabelText('Reason'), 'Failover not needed yet');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(async () => expect((await db.incidents.get(id))?.summary).toMatchObject({ tier: 'major', conflicts: [] }));
  });

  it('keeping one of two impacts goes through the matrix: the priority follows the kept value', async () => {
    const { user, db, id } = await openIncident();
    const declared = (await db.events.get(id))!;
    const impact = (author: TestAuthor, value: string) => author.sign({
      id: `${author.deviceId}:1`,
      incidentId: id,
      type: 'incident.fieldChanged',
      v: 1,
      hlc: encodeHlc({ ms: Date.now(), counter: 1 }),
      deviceId: author.deviceId,
      deviceSeq: 1,
      actor: 'Bo',
      occurredAt: new Date().toISOString(),
      payload: { field: 'impact', value, prev: [declared.id] },
    });
    await act(() => ingestEvents(db, [impact(new TestAuthor(2), 'department'), impact(new TestAuthor(3), 'individual')]));
    const banner = await conflictBanner();
    await user.click(within(banner).getByRole('button', { name: 'Keep “One person or a few”' }));
    await waitFor(async () =>
      expect((await db.incidents.get(id))?.summary).toMatchObject({ impact: 'individual', priority: 'P3', conflicts: [] }),
    );
  });
});
