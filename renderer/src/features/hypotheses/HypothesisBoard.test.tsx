import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { incidentViewRoute } from '../../app/router';
import { declareIncident, logEntry } from '../../db/commands';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { editHypothesis, moveHypothesis, proposeHypothesis } from '../../db/hypothesisCommands';
import { listHypotheses } from '../../db/hypothesisQueries';
import { sealForLeaving } from '../../db/outgoing';
import { setProfileName } from '../../db/queries';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const draft = { statement: 'The 14:02 config push broke DNS', owner: 'Ana', action: 'Roll back', expectation: 'Lookups recover', timeBox: '20' };

async function openBoard(seed?: (db: ReturnType<typeof freshDatabase>, incidentId: string) => Promise<void>) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const incidentId = await declareIncident(db, declareInput);
  await seed?.(db, incidentId);
  window.location.hash = incidentViewRoute(incidentId, 'hypotheses');
  const rendered = renderConsole(db);
  await screen.findByRole('heading', { level: 2, name: 'Hypotheses' });
  return { ...rendered, incidentId };
}

const column = (name: RegExp) => screen.getByRole('region', { name });
const card = (statement: string) => screen.getByRole('article', { name: statement });

describe('hypothesis board', () => {
  it('proposes by keyboard, refusing empty fields and writing nothing until they are fixed', async () => {
    const { user, db, incidentId } = await openBoard();
    screen.getByRole('button', { name: 'Propose hypothesis' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Propose a hypothesis' });
    const statement = within(dialog).getByLabelText('Hypothesis');
    expect(statement).toHaveFocus();
    await user.clear(within(dialog).getByLabelText('Owner'));
    await user.clear(within(dialog).getByLabelText('Time box (minutes)'));
    await user.type(within(dialog).getByLabelText('Time box (minutes)'), '0{Enter}');
    expect(within(dialog).getByText('Say what you think is going on.')).toBeInTheDocument();
    expect(within(dialog).getByText('Say who owns this hypothesis.')).toBeInTheDocument();
    expect(within(dialog).getByText('Give the time box in whole minutes, from 1 to 1,440.')).toBeInTheDocument();
    await waitFor(() => expect(statement).toHaveFocus());
    expect(await listHypotheses(db, incidentId)).toEqual([]);

    await user.type(statement, draft.statement);
    await user.type(within(dialog).getByLabelText('Owner'), 'Ana');
    await user.type(within(dialog).getByLabelText('Probe: what we do'), 'Roll back');
    const box = within(dialog).getByLabelText('Time box (minutes)');
    await user.clear(box);
    await user.type(box, '20{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(within(column(/^Proposed: 1 hypothesis$/)).getByRole('article', { name: draft.statement })).toHaveFocus());
    expect(screen.getByText('Proposed (1)')).toBeInTheDocument();
    expect(within(card(draft.statement)).getByText('Owner: Ana')).toBeInTheDocument();
  });

  it('moves cards with Alt+arrows, and asks why before reopening a verdict', async () => {
    const { user, db, incidentId } = await openBoard(async (db, incidentId) => {
      await proposeHypothesis(db, { incidentId, actor: 'Ada', draft });
    });
    const target = await screen.findByRole('article', { name: draft.statement });
    target.focus();
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await waitFor(() => expect(within(column(/^Testing/)).getByRole('article', { name: draft.statement })).toHaveFocus());
    expect(screen.getByText(`“${draft.statement}” moved to Testing.`)).toHaveAttribute('role', 'status');
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await waitFor(() => expect(within(column(/^Confirmed/)).getByRole('article', { name: draft.statement })).toHaveFocus());
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    // Overturning "confirmed" needs a reason too.
    await user.type(await screen.findByLabelText('Reason'), 'Rollback did not hold{Enter}');
    await waitFor(() => expect(within(column(/^Refuted/)).getByRole('article', { name: draft.statement })).toHaveFocus());
    // A card refuted on the board stays on the board.
    expect(screen.getByText('Refuted (1)')).toBeInTheDocument();

    const before = await db.events.count();
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: `Reopen “${draft.statement}”?` });
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText(/a verdict is reopened only with a reason on the record/)).toBeInTheDocument();
    expect(await db.events.count()).toBe(before);
    await user.type(within(dialog).getByLabelText('Reason'), 'Errors came back{Enter}');
    await waitFor(() => expect(within(column(/^Confirmed/)).getByRole('article', { name: draft.statement })).toHaveFocus());
    const [summary] = await listHypotheses(db, incidentId);
    expect(summary).toMatchObject({ status: 'confirmed', statusReason: 'Errors came back' });
  });

  it('moves focus with the arrows and opens a card with Enter to add evidence and an experiment', async () => {
    const { user, db, incidentId } = await openBoard(async (db, incidentId) => {
      await logEntry(db, { incidentId, kind: 'observation', text: 'NXDOMAIN spike at 14:03', actor: 'Ada' });
      await proposeHypothesis(db, { incidentId, actor: 'Ada', draft });
      const other = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: 'Cache is cold' } });
      await moveHypothesis(db, { hypothesisId: other, to: 'testing', actor: 'Ada' });
    });
    (await screen.findByRole('article', { name: draft.statement })).focus();
    await user.keyboard('{ArrowRight}');
    expect(card('Cache is cold')).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(card(draft.statement)).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: draft.statement });

    await user.click(within(dialog).getByRole('radio', { name: 'Against' }));
    const entrySelect = within(dialog).getByLabelText('Timeline entry that shows it (optional)');
    const option = within(entrySelect).getByRole('option', { name: /NXDOMAIN spike at 14:03/ }) as HTMLOptionElement;
    await user.selectOptions(entrySelect, option.value);
    await user.click(within(dialog).getByRole('button', { name: 'Add evidence' }));
    expect(await within(dialog).findByText(/^Entry \d\d:\d\d:\d\d: NXDOMAIN spike at 14:03$/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Record experiment' }));
    expect(within(dialog).getByText('Say what the experiment showed.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('What the experiment showed'), 'Rolled back, no change');
    await user.click(within(dialog).getByRole('radio', { name: /^Dampen/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Record experiment' }));
    expect(await within(dialog).findByText('Rolled back, no change')).toBeInTheDocument();
    await user.keyboard('{Escape}');

    expect(await within(card(draft.statement)).findByText('0 for · 1 against · 1 experiment')).toBeInTheDocument();
    const [summary] = await listHypotheses(db, incidentId);
    expect(summary!.experiments.map((e) => e.response)).toEqual(['dampened']);
    // Every one of them is on the timeline, readable on its own.
    const texts = (await db.events.toArray()).map((e) => e.type);
    expect(texts.filter((type) => type === 'hypothesis.evidenceAdded' || type === 'hypothesis.experimentRecorded')).toHaveLength(2);
  });

  it('says in words when a time box has run out', async () => {
    await openBoard(async (db, incidentId) => {
      const started = Date.now() - 32 * 60_000 - 5_000;
      const id = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft }, () => started - 60_000);
      await moveHypothesis(db, { hypothesisId: id, to: 'testing', actor: 'Ada' }, () => started);
      const fresh = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: 'Cache is cold' } });
      await moveHypothesis(db, { hypothesisId: fresh, to: 'testing', actor: 'Ada' });
    });
    expect(within(await screen.findByRole('article', { name: draft.statement })).getByText('Time box over by 12 min')).toBeInTheDocument();
    expect(within(card('Cache is cold')).getByText('20 min left of 20 min')).toBeInTheDocument();
  });

  it('shows a conflict on the card and settles it with "Keep …"', async () => {
    const other = freshDatabase();
    let hypothesisId = '';
    const { user, db } = await openBoard(async (db, incidentId) => {
      hypothesisId = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft });
      await openDatabase(other);
      await ingestEvents(other, await sealForLeaving(db, await db.events.toArray()));
      await editHypothesis(other, { hypothesisId, actor: 'Bo', draft: { ...draft, owner: 'Carl' } });
      await editHypothesis(db, { hypothesisId, actor: 'Ada', draft: { ...draft, owner: 'Bea' } });
      await ingestEvents(db, await sealForLeaving(other, await other.events.toArray()));
    });
    const target = await screen.findByRole('article', { name: draft.statement });
    expect(within(target).getByText('Changed on two consoles at once')).toBeInTheDocument();
    const keepCarl = within(target).getByRole('button', { name: 'Keep owner “Carl”' });
    expect(within(target).getByRole('button', { name: 'Keep owner “Bea”' })).toBeInTheDocument();
    keepCarl.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(card(draft.statement)).queryByRole('button', { name: /^Keep/ })).not.toBeInTheDocument());
    expect(within(card(draft.statement)).getByText('Owner: Carl')).toBeInTheDocument();
    expect((await listHypotheses(db, (await db.hypotheses.get(hypothesisId))!.incidentId))[0]!.conflicts).toEqual([]);
  });

  it('moves a card by drag and drop', async () => {
    const { db, incidentId } = await openBoard(async (db, incidentId) => {
      await proposeHypothesis(db, { incidentId, actor: 'Ada', draft });
    });
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()];
      },
      dropEffect: 'none',
      effectAllowed: 'all',
    };
    const target = await screen.findByRole('article', { name: draft.statement });
    fireEvent.dragStart(target, { dataTransfer });
    const testing = column(/^Testing/);
    fireEvent.dragOver(testing, { dataTransfer });
    expect(testing).toHaveClass('drop-target');
    fireEvent.drop(testing, { dataTransfer });
    await waitFor(() => expect(within(column(/^Testing/)).getByRole('article', { name: draft.statement })).toBeInTheDocument());
    expect((await listHypotheses(db, incidentId))[0]!.status).toBe('testing');
  });

  it('shows hostile text as inert text, on the board and on the timeline', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> =cmd|\'/C calc\'!A0';
    const { user } = await openBoard(async (db, incidentId) => {
      await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: hostile } });
    });
    expect(await screen.findByRole('article', { name: hostile })).toBeInTheDocument();
    expect(document.querySelector('.hypothesis-board img, .hypothesis-board script')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    await user.keyboard('{Alt>}1{/Alt}');
    expect(await screen.findByText(`Hypothesis proposed: ${hostile} (owner Ana, time box 20 min)`)).toBeInTheDocument();
  });

  it('shows 200 hypotheses, each column counting its own', async () => {
    await openBoard(async (db, incidentId) => {
      for (let i = 0; i < 200; i++) {
        const id = await proposeHypothesis(db, { incidentId, actor: 'Ada', draft: { ...draft, statement: `Hypothesis ${i}` } });
        if (i % 2) await act(() => moveHypothesis(db, { hypothesisId: id, to: i % 4 === 1 ? 'testing' : 'refuted', actor: 'Ada' }));
      }
    });
    expect(await screen.findByText('Proposed (100)')).toBeInTheDocument();
    expect(screen.getByText('Testing (50)')).toBeInTheDocument();
    expect(screen.getByText('Refuted (50)')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(200);
    // One tab stop for the whole board: arrows do the rest.
    expect(screen.getAllByRole('article').filter((el) => el.tabIndex === 0)).toHaveLength(1);
  });
});
