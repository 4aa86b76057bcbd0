import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Service } from '@shared/domain/catalogues';

import { changeTier, declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { declareInput } from '../../testing/fixtures';
import { fakeShell } from '../../testing/fakeShell';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const LEDGER: Service = {
  name: 'Ledger',
  criticality: 'missionCritical',
  owner: 'Payments',
  continuity: 'warm',
  plan: { document: '1. Fail over to **Aarhus**\n2. <img src=x onerror="window.pwned=1"> check [runbook](javascript:alert(1))', owner: 'Grace', reviewedOn: '2025-01-10', reviewEveryDays: 180 },
};
const CARDS: Service = { name: 'Cards', criticality: 'supporting', owner: 'Payments', continuity: 'hot' };

async function prepare() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  await changeSetting(db, 'services', [LEDGER, CARDS], 'Ada');
  return db;
}

describe('continuity plans', () => {
  it('are at hand on the incident once continuity is invoked, with a review overdue said in words, and print as one inert page', async () => {
    const db = await prepare();
    const id = await declareIncident(db, { ...declareInput, services: ['ledger', 'Cards', 'Mainframe'] });
    window.location.hash = `#/incidents/${encodeURIComponent(id)}/checklists`;
    const shell = fakeShell();
    renderConsole(db, shell);
    // Not invoked: folded away.
    const folded = await screen.findByText('Continuity plans', { selector: 'summary' }, { timeout: 10_000 });
    expect(folded.closest('details')).not.toHaveAttribute('open');

    await act(() => changeTier(db, { incidentId: id, tier: 'major', reason: 'Everyone', decidedBy: 'Ada', actor: 'Ada' }));
    await act(() => changeTier(db, { incidentId: id, tier: 'continuity', reason: 'Data centre lost', decidedBy: 'Ada', actor: 'Ada' }));
    const plans = await screen.findByRole('region', { name: 'Continuity plans' });
    expect(within(plans).getByText('Continuity is invoked: work from these plans.')).toBeInTheDocument();
    const ledger = within(plans).getByRole('article', { name: 'ledger' });
    expect(within(ledger).getByText('Strategy: Warm standby')).toBeInTheDocument();
    expect(within(ledger).getByText('Plan kept by Grace')).toBeInTheDocument();
    expect(within(ledger).getByText(/^Review overdue since/)).toBeInTheDocument();
    expect(within(ledger).getByText('Aarhus').tagName).toBe('STRONG');
    expect(ledger.querySelector('img')).toBeNull();
    expect(ledger.querySelector('a')).toBeNull();
    expect(within(within(plans).getByRole('article', { name: 'Cards' })).getByText('No continuity plan in the service catalogue.')).toBeInTheDocument();
    expect(within(within(plans).getByRole('article', { name: 'Mainframe' })).getByText('Not in the service catalogue.')).toBeInTheDocument();
    expect(within(plans).getByText('1 of this incident’s continuity plans need a review.')).toBeInTheDocument();
    // The continuity runbook attached itself too.
    expect(await screen.findByRole('heading', { name: 'Continuity invoked' })).toBeInTheDocument();

    await act(() => within(plans).getByRole('button', { name: 'Print the plans' }).click());
    await waitFor(() => expect(shell.printedPdfs).toHaveLength(1));
    const { html, suggestedName } = shell.printedPdfs[0]!;
    expect(suggestedName).toMatch(/^Continuity plans Payments down\.pdf$/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<strong>Aarhus</strong>');
    // Raw HTML stays text; a link to script stays words, never a link.
    expect(html).not.toMatch(/<img|href="javascript/i);
    expect(html).toContain('&lt;img src=x');
    expect(html).toContain('Not in the service catalogue.');
  });

  it('are written in the service catalogue, reviewed, and kept with it', async () => {
    const db = await prepare();
    window.location.hash = '#/settings';
    const { user } = renderConsole(db);
    const services = await screen.findByRole('region', { name: 'Service catalogue' }, { timeout: 10_000 });
    expect(within(services).getByText(/^Review overdue since/)).toBeInTheDocument();
    expect(within(services).getByText('No plan')).toBeInTheDocument();
    await user.click(within(services).getByRole('button', { name: 'Continuity plan of service 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Continuity plan for Cards' });
    expect(within(dialog).getByLabelText('Kept by')).toHaveValue('Payments');
    await user.click(within(dialog).getByRole('button', { name: 'Keep the plan' }));
    expect(await within(dialog).findByText('Write the plan, or remove it.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Plan (Markdown)'), 'Switch the card traffic to the hot site.');
    await user.click(within(dialog).getByRole('button', { name: 'Reviewed today' }));
    await user.click(within(dialog).getByRole('button', { name: 'Keep the plan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(within(services).getByRole('button', { name: /^Save/ }));
    await waitFor(async () => expect((await getOrganisation(db)).settings.services[1]!.plan).toMatchObject({ document: 'Switch the card traffic to the hot site.', owner: 'Payments', reviewEveryDays: 180 }));
    // The other service's plan is untouched by saving the catalogue.
    expect((await getOrganisation(db)).settings.services[0]!.plan).toEqual(LEDGER.plan);
    expect(within(services).getByText(/^Reviewed .*; next review by/)).toBeInTheDocument();
  });
});
