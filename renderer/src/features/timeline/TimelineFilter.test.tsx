import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { declareIncident, logEntry } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { markEntry } from '../../db/postmortemCommands';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';

async function incidentWithEntries() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  const log = (kind: 'note' | 'action' | 'decision' | 'observation', text: string, actor = 'Ada') => logEntry(db, { incidentId: id, kind, text, actor });
  await log('observation', 'Error rate at 38 %');
  await log('action', 'Paged the network team', 'Grace');
  const decision = await log('decision', 'Freeze all deploys');
  await log('note', 'Coffee is on the way', 'Grace');
  await markEntry(db, { incidentId: id, targetId: decision, key: true, actor: 'Ada' });
  window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 1, name: declareInput.title });
  await waitFor(() => expect(timelineTexts()).toContain('Coffee is on the way'));
  return { ...view, id };
}

const toggle = (name: string) => within(screen.getByRole('group', { name: 'Filter the timeline' })).getByRole('button', { name });

describe('filtering the timeline', () => {
  it('hides changes and keeps only some types, by keyboard, in the address, and shows all again', async () => {
    const { user } = await incidentWithEntries();
    expect(timelineTexts()[0]).toMatch(/^Incident declared/);

    // From the page (Esc out of the entry box), F goes to the filter.
    await user.keyboard('{Escape}f');
    expect(toggle('Note')).toHaveFocus();
    expect(toggle('Change')).toHaveAttribute('aria-pressed', 'true');
    toggle('Change').focus();
    await user.keyboard(' ');
    await waitFor(() => expect(timelineTexts()).toEqual(['Error rate at 38 %', 'Paged the network team', 'Freeze all deploys', 'Coffee is on the way']));
    expect(window.location.hash).toMatch(/\?show=note%2Caction%2Cdecision%2Cobservation$/);
    expect(toggle('Change')).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText('4 of 5 rows')).toBeInTheDocument();

    await user.click(toggle('Note'));
    await waitFor(() => expect(timelineTexts()).toEqual(['Error rate at 38 %', 'Paged the network team', 'Freeze all deploys']));

    await user.click(within(screen.getByRole('group', { name: 'Filter the timeline' })).getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(timelineTexts()).toHaveLength(5));
    expect(window.location.hash).not.toContain('?');
  });

  it('shows key entries only, or one person’s rows, and opens filtered from its address', async () => {
    const { user, id } = await incidentWithEntries();
    await user.click(screen.getByRole('checkbox', { name: 'Key entries only' }));
    await waitFor(() => expect(timelineTexts()).toEqual(['Freeze all deploys']));
    expect(window.location.hash).toContain('key=1');

    await user.click(screen.getByRole('checkbox', { name: 'Key entries only' }));
    const by = screen.getByRole('searchbox', { name: /^By/ });
    await user.type(by, 'grace{Enter}');
    await waitFor(() => expect(timelineTexts()).toEqual(['Paged the network team', 'Coffee is on the way']));

    // The address alone brings the same view back, whatever else it holds.
    act(() => {
      window.location.hash = `#/incidents/${encodeURIComponent(id)}?show=decision,bogus,<script>&by=Ada%00`;
    });
    await waitFor(() => expect(timelineTexts()).toEqual(['Freeze all deploys']));
    expect(toggle('Decision')).toHaveAttribute('aria-pressed', 'true');
    expect(toggle('Action')).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('searchbox', { name: /^By/ })).toHaveValue('Ada');
  });

  it('says so when nothing matches', async () => {
    const { user } = await incidentWithEntries();
    await user.type(screen.getByRole('searchbox', { name: /^By/ }), 'Nobody{Enter}');
    expect(await screen.findByText('No rows match this filter.')).toBeInTheDocument();
    expect(await screen.findByText('0 of 5 rows')).toBeInTheDocument();
  });
});
