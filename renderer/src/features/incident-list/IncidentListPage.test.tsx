import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { changeField, declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { PAST_PAGE } from './IncidentListPage';

const rowTitles = () => within(screen.getByRole('table')).getAllByRole('link').map((link) => link.textContent);

describe('the incident list', () => {
  it('puts open incidents first by priority, and past ones most recent first whatever their priority was', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const at = (iso: string) => () => Date.parse(iso);
    const declare = (title: string, impact: 'organisation' | 'individual', when: string) =>
      declareIncident(db, { ...declareInput, title, impact, urgency: impact === 'organisation' ? 'missionCritical' : 'internal' }, at(when));
    const oldMajor = await declare('Data centre power loss', 'organisation', '2024-03-01T10:00:00.000Z');
    const recentMinor = await declare('Printer queue stuck', 'individual', '2026-11-20T10:00:00.000Z');
    for (const id of [oldMajor, recentMinor]) await changeField(db, id, 'status', 'resolved', 'Ada');
    await declare('Wiki slow', 'individual', '2026-12-01T10:00:00.000Z');
    await declare('Checkout down', 'organisation', '2026-11-30T10:00:00.000Z');

    renderConsole(db);
    await screen.findByRole('link', { name: 'Checkout down' });
    expect(rowTitles()).toEqual(['Checkout down', 'Wiki slow', 'Printer queue stuck', 'Data centre power loss']);
  });
});

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
