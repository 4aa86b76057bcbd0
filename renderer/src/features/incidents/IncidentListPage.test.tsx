import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { changeField, declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { PAST_PAGE } from './IncidentListPage';

const rowTitles = () => within(screen.getByRole('table')).getAllByRole('link').map((link) => link.textContent);

describe('the incident list with many past incidents', { timeout: 60_000 }, () => {
  it('shows every open incident and the past ones a page at a time; "Show more" adds the next page and takes focus there', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const pastCount = PAST_PAGE + 3;
    for (let i = 0; i < pastCount; i++) {
      const id = await declareIncident(db, { ...declareInput, title: `Past outage ${i + 1}` });
      await changeField(db, id, 'status', 'resolved', 'Ada');
    }
    await declareIncident(db, { ...declareInput, title: 'Checkout down right now' });

    const { user } = renderConsole(db);
    await screen.findByRole('link', { name: 'Checkout down right now' });
    expect(rowTitles()).toHaveLength(1 + PAST_PAGE);
    expect(rowTitles()[0]).toBe('Checkout down right now');

    const more = screen.getByRole('button', { name: 'Show more past incidents (3 not shown)' });
    await user.click(more);
    await waitFor(() => expect(rowTitles()).toHaveLength(1 + pastCount));
    // The keyboard carries on from the first incident just shown.
    expect(screen.getAllByRole('link', { name: rowTitles()[1 + PAST_PAGE]! })[0]).toHaveFocus();
    expect(screen.queryByRole('button', { name: /Show more past incidents/ })).not.toBeInTheDocument();
    expect(new Set(rowTitles()).size).toBe(1 + pastCount);
  });
});
