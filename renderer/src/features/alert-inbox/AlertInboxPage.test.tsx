import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import type { HubAuthor } from '@shared/sync/hubAuthor';

import { ingestEvents, openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { alertDraft, hubWithAlerts } from '../../testing/hubAlerts';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';

const alert = (dedupKey: string, patch: Record<string, unknown> = {}) =>
  alertDraft(
    dedupKey,
    {
      title: `Checkout probe failing ${dedupKey}`,
      service: 'Checkout',
      labels: [{ name: 'instance', value: '<img src=x onerror=alert(1)>' }],
      links: [{ kind: 'runbook', href: 'https://runbooks.example.com/checkout', text: 'Runbook' }],
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      ...patch,
    },
    Date.now() - 60_000,
  );

/** A console that pulled these alerts from its hub. */
async function consoleWithAlerts(write: (author: HubAuthor) => Promise<unknown>) {
  const { log } = await hubWithAlerts(write);
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  await ingestEvents(db, await log());
  return db;
}

beforeEach(() => {
  window.location.hash = '#/';
});

describe('the alert inbox', () => {
  it('counts waiting groups in the app bar and lists them, hostile text as text', async () => {
    const db = await consoleWithAlerts(async (author) => {
      await author.append('room', [alert('a')]);
      await author.append('room', [alert('b', { group: `${author.deviceId}:1`, severity: 'warning' })]);
      await author.append('room', [alert('c', { service: 'Search', severity: 'info', title: 'Slow search' })]);
    });
    const { user } = renderConsole(db);
    const link = await screen.findByRole('link', { name: 'Alerts: 2 firing, waiting for someone' });
    await user.click(link);
    await screen.findByRole('heading', { level: 1, name: 'Alerts' });
    const groups = await screen.findAllByRole('article');
    expect(groups.map((g) => within(g).getByRole('heading', { level: 3 }).textContent)).toEqual(['Checkout probe failing a', 'Slow search']);
    expect(within(groups[0]!).getByText('2 of 2')).toBeInTheDocument();
    expect(within(groups[0]!).getAllByText('Critical').length).toBeGreaterThan(0);
    await user.click(within(groups[0]!).getByText('Alerts in this group: 2'));
    expect(within(groups[0]!).getAllByText('<img src=x onerror=alert(1)>')[0]!.tagName).toBe('SPAN');
    expect(within(groups[0]!).getAllByRole('link', { name: 'Runbook' })[0]).toHaveAttribute('href', 'https://runbooks.example.com/checkout');
    expect(document.querySelector('img')).toBeNull();
  });

  it('acknowledges and silences a group by keyboard, with a reason others read', async () => {
    const db = await consoleWithAlerts((author) => author.append('room', [alert('a')]));
    const { user } = renderConsole(db);
    window.location.hash = '#/alerts';
    const [group] = await screen.findAllByRole('article');
    group!.focus();
    await user.keyboard('k');
    const ack = await screen.findByRole('dialog', { name: 'Acknowledge the alert group' });
    await user.type(within(ack).getByLabelText('Note (optional)'), 'On it from the NOC');
    await user.click(within(ack).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(group!).findByText('Acknowledged by Ada: On it from the NOC')).toBeInTheDocument();
    // Acknowledged, someone has it: the app bar no longer counts it.
    await waitFor(() => expect(screen.getByRole('link', { name: 'Alerts' })).toBeInTheDocument());

    screen.getAllByRole('article')[0]!.focus();
    await user.keyboard('s');
    const silence = await screen.findByRole('dialog', { name: 'Silence the alert group' });
    await user.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(within(silence).getByText('Say why it is silenced: others will read it.')).toBeInTheDocument();
    await user.selectOptions(within(silence).getByLabelText('For'), '30');
    await user.type(within(silence).getByLabelText('Why'), 'Planned failover test');
    await user.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(await screen.findByText(/Silenced until .* by Ada: Planned failover test/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Alerts' })).toBeInTheDocument());
  });

  it('declares an incident from a group, suggested from it, and the incident’s timeline shows the alerts', async () => {
    const db = await consoleWithAlerts((author) => author.append('room', [alert('a')]));
    const { user } = renderConsole(db);
    window.location.hash = '#/alerts';
    const [group] = await screen.findAllByRole('article');
    group!.focus();
    await user.keyboard('d');
    const dialog = await screen.findByRole('dialog', { name: 'Declare an incident from alerts' });
    expect(within(dialog).getByLabelText('Title')).toHaveValue('Checkout: Checkout probe failing a');
    expect(within(dialog).getByLabelText('Affected services')).toHaveValue('Checkout');
    expect(within(dialog).getByLabelText('Impact')).toHaveValue('organisation');
    await user.click(within(dialog).getByRole('button', { name: 'Declare' }));
    await screen.findByRole('heading', { level: 1, name: 'Checkout: Checkout probe failing a' });
    await waitFor(() => expect(timelineTexts().some((text) => /Alert group attached: Checkout probe failing a · alerts: 1/.test(text))).toBe(true));
    expect(screen.getByRole('link', { name: 'Alerts' })).toBeInTheDocument();
  });

  it('attaches a group to an open incident chosen from a list', async () => {
    const db = await consoleWithAlerts((author) => author.append('room', [alert('a')]));
    const { declareIncident } = await import('../../db/commands');
    const { declareInput } = await import('../../testing/fixtures');
    await declareIncident(db, { ...declareInput, title: 'Payments degraded' });
    const { user } = renderConsole(db);
    window.location.hash = '#/alerts';
    const [group] = await screen.findAllByRole('article');
    await user.click(within(group!).getByRole('button', { name: /Attach to incident/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Attach to an incident' });
    await user.click(within(dialog).getByRole('button', { name: 'Attach' }));
    expect(within(dialog).getByText('Choose the incident to attach it to.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: /Payments degraded/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Attach' }));
    await screen.findByRole('heading', { level: 1, name: 'Payments degraded' });
  });
});
