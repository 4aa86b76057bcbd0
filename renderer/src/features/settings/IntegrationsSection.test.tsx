import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { hashToken } from '@shared/sync/membership';

import { getOrganisation } from '../../db/organisation';
import { joinHub } from '../../db/syncStore';
import { namedDatabase, renderConsole } from '../../testing/renderConsole';
import { alertAddress, newIntegrationKey } from './integrationKeys';

beforeEach(() => {
  window.location.hash = '#/settings';
});

describe('alert integrations in Settings', () => {
  it('makes an integration, shows its key and address once, and keeps only the key’s hash', async () => {
    const db = await namedDatabase();
    await joinHub(db, 'wss://hub.room.example:4848/sync', 'ABCD-EFGH-JKLM');
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'Alert integrations' });
    expect(within(section).getByText('No integration yet: no alert can come in.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Make the integration and its key' }));
    expect(within(section).getByRole('alert')).toHaveTextContent('Give the integration a name.');

    await user.type(within(section).getByLabelText('Name', { exact: true }), 'Prometheus <b>DC1</b>');
    await user.clear(within(section).getByLabelText('Label that names the service'));
    await user.type(within(section).getByLabelText('Label that names the service'), 'job');
    await user.click(within(section).getByRole('button', { name: 'Make the integration and its key' }));

    const dialog = await screen.findByRole('dialog', { name: 'The key of “Prometheus <b>DC1</b>”' });
    const key = within(dialog).getByTestId('integration-key').textContent!;
    expect(key).toMatch(/^[a-z2-7]{32}$/);
    expect(await within(dialog).findByTestId('integration-address')).toHaveTextContent(`https://hub.room.example:4848/alerts/${key}`);
    const [integration] = (await getOrganisation(db)).settings.integrations;
    expect(integration).toMatchObject({ name: 'Prometheus <b>DC1</b>', format: 'alertmanager', serviceLabel: 'job', keyHash: hashToken(key), keyHint: key.slice(-4), revoked: false });
    expect(JSON.stringify(await db.events.toArray())).not.toContain(key);

    await user.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText(key)).toBeNull();
    expect(within(section).getByText(`…${key.slice(-4)}`)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: /^Revoke\s*Prometheus <b>DC1<\/b>$/ }));
    const revoke = await screen.findByRole('dialog', { name: /Revoke the key/ });
    await user.click(within(revoke).getByRole('button', { name: 'Revoke' }));
    expect(await within(section).findByText('Revoked: refused')).toBeInTheDocument();
    expect((await getOrganisation(db)).settings.integrations[0]!.revoked).toBe(true);
  });

  it('keeps rules that declare an incident by themselves off unless chosen, and says what each takes', async () => {
    const db = await namedDatabase();
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'Alert integrations' });
    await user.type(within(section).getByLabelText('Name', { exact: true }), 'Grafana');
    const declare = within(section).getByRole('group', { name: /Declare an incident by itself/ });
    await user.click(within(declare).getByRole('checkbox', { name: 'Critical' }));
    await user.type(within(declare).getByLabelText(/of these services/), 'Payments, payments, Checkout');
    await user.click(within(section).getByRole('button', { name: 'Make the integration and its key' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'I have copied it' }));
    expect((await getOrganisation(db)).settings.integrations[0]!.rules).toEqual({
      declare: { severities: ['critical'], services: ['Payments', 'Checkout'] },
      page: { severities: [], services: [] },
    });
    expect(within(section).getByRole('cell', { name: 'Critical · Payments, Checkout' })).toBeInTheDocument();
    const key = (await getOrganisation(db)).settings.integrations[0]!.keyHash;

    // Changed later, the key stays.
    await user.click(within(section).getByRole('button', { name: /^Edit rules\s*Grafana$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Rules of “Grafana”' });
    const declareAgain = within(dialog).getByRole('group', { name: /Declare an incident by itself/ });
    expect(within(declareAgain).getByLabelText(/of these services/)).toHaveValue('Payments, Checkout');
    await user.click(within(declareAgain).getByRole('checkbox', { name: 'Critical' }));
    await user.clear(within(declareAgain).getByLabelText(/of these services/));
    await user.click(within(dialog).getByRole('button', { name: 'Save the rules' }));
    expect(await within(section).findByRole('cell', { name: 'Off' })).toBeInTheDocument();
    expect((await getOrganisation(db)).settings.integrations[0]).toMatchObject({ keyHash: key, rules: { declare: { severities: [], services: [] } } });
  });

  it('asks a generic JSON integration where its dedup key and title are', async () => {
    const db = await namedDatabase();
    const { user } = renderConsole(db);
    const section = await screen.findByRole('region', { name: 'Alert integrations' });
    await user.type(within(section).getByLabelText('Name', { exact: true }), 'Nagios');
    await user.selectOptions(within(section).getByLabelText('Sends'), 'generic');
    await user.type(within(section).getByLabelText('Path to the dedup key'), 'check.id');
    await user.click(within(section).getByRole('button', { name: 'Make the integration and its key' }));
    expect(within(section).getByRole('alert')).toHaveTextContent(/must say where the title is/);
    await user.type(within(section).getByLabelText('Path to the title'), 'check.name');
    await user.click(within(section).getByRole('button', { name: 'Make the integration and its key' }));
    await screen.findByRole('dialog', { name: 'The key of “Nagios”' });
    expect((await getOrganisation(db)).settings.integrations[0]!.generic).toMatchObject({ dedupKey: 'check.id', title: 'check.name' });
  });
});

describe('integration keys', () => {
  it('are 32 characters of base 32, different each time, posted to the hub’s http address', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIntegrationKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[a-z2-7]{32}$/);
    expect(alertAddress('ws://10.0.0.5:4848/sync', 'k')).toBe('http://10.0.0.5:4848/alerts/k');
    expect(alertAddress(null, 'k')).toBeNull();
    expect(alertAddress('not a url', 'k')).toBeNull();
  });
});
