import { expect, test } from '@playwright/test';

import { axeViolations as violations } from './axe';
import { declareIncident, logEntries } from './console';

test('the check itself sees a violation, also after the console moves to another view', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'No incidents yet' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('n');
  await page.getByRole('dialog', { name: 'Declare an incident' }).waitFor();
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'data:,' })));
  expect((await violations(page)).join('\n')).toMatch(/^image-alt: img/m);
});

test('the incident list, the declare dialog and an incident have no axe violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'No incidents yet' }).waitFor();
  expect(await violations(page)).toEqual([]);

  await page.keyboard.press('n');
  await page.getByRole('dialog', { name: 'Declare an incident' }).waitFor();
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  await page.getByText('Give the incident a title.').waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await declareIncident(page, 'Accessible incident');
  await logEntries(page, ['/o first observation', '@-5m /a backdated action', '/d a decision']);
  await page.keyboard.press('ArrowUp');
  await page.getByRole('dialog', { name: 'Correct entry' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(await violations(page)).toEqual([]);

  // Resolving asks for a note; refused empty, the dialog and its error are checked too.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('resolved');
  const resolve = page.getByRole('dialog', { name: 'Resolve this incident?' });
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await resolve.getByText('Write a resolution note first.').waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
});

test('the wall dialog, notices and the read-only wall view have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible wall');
  await logEntries(page, ['/o first observation']);
  await page.keyboard.press('Control+Shift+D');
  await page.getByRole('dialog', { name: 'Show on a wall screen' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  await downloading;
  await page.getByRole('status', { name: 'Notices' }).getByText(/Exported/).waitFor();
  expect(await violations(page)).toEqual([]);

  await page.goto(page.url().replace('#/incidents/', '#/wall/'));
  await page.getByText('Wall · read-only').waitFor();
  expect(await violations(page)).toEqual([]);
});

test('the hypothesis board, roles and people, the tier dialog and the settings page have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible workspace');

  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Propose hypothesis' }).click();
  const propose = page.getByRole('dialog', { name: 'Propose a hypothesis' });
  await propose.getByRole('button', { name: 'Propose' }).click();
  await propose.getByText('Say what you think is going on.').waitFor();
  expect(await violations(page)).toEqual([]);
  await propose.getByLabel('Hypothesis', { exact: true }).fill('The config push broke DNS');
  await propose.getByLabel('Owner').fill('Ada');
  await propose.getByRole('button', { name: 'Propose' }).click();
  await propose.waitFor({ state: 'detached' });
  expect(await violations(page)).toEqual([]);

  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: 'Assign Incident commander' }).click();
  await page.getByRole('dialog', { name: 'Assign Incident commander' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(await violations(page)).toEqual([]);

  await page.keyboard.press('Control+Shift+E');
  await page.getByRole('dialog', { name: 'Escalate or de-escalate' }).waitFor();
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByText('Say why: the reason goes on the record.').waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Priority matrix' }).waitFor();
  expect(await violations(page)).toEqual([]);
});

test('the communications pad, its refusals, the bridges dialog and the comms settings have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible communications');
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { name: /^Message to / }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/before sending/).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Message', { exact: true }).fill('Investigating. Next update in 30 minutes.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Sent and queued' }).getByText('Copied').or(page.getByText('Could not copy')).first().waitFor();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Bridges…' }).click();
  const bridges = page.getByRole('dialog', { name: 'Bridges for this incident' });
  await bridges.getByLabel('Technical bridge').fill('javascript:alert(1)');
  await bridges.getByRole('button', { name: 'Save bridges' }).click();
  await bridges.getByText(/Must be a meeting or phone link/).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Edit templates' }).click();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Edit channels' }).click();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  expect(await violations(page)).toEqual([]);
});

test('the sync page, its join errors, the leave confirmation and the app bar status have no axe violations', async ({ page }) => {
  await page.goto('/#/sync');
  await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByText(/This is not a hub address/).waitFor();
  expect(await violations(page)).toEqual([]);
  // A hub that is not there: the console says it is offline, and keeps working.
  await page.getByLabel('Hub address').fill('127.0.0.1:9');
  await page.getByLabel('Join code').fill('ABCD-EFGH-JKLM');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name: /^Sync: (Offline since|Connecting)/ }).waitFor();
  await page.getByRole('button', { name: 'Leave this hub…' }).click();
  await page.getByRole('button', { name: 'Leave hub' }).waitFor();
  expect(await violations(page)).toEqual([]);
});

test('the command palette, the shortcut list and a Danish console have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible keyboard');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').waitFor();
  await page.keyboard.type('status');
  await expect(palette.getByRole('option').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'detached' });

  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/#/incidents?lang=da');
  await page.getByRole('heading', { name: 'Hændelser', exact: true }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
  expect(await violations(page)).toEqual([]);
});

test('the post-mortem, its export dialog, action items, metrics and search have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible review');
  await logEntries(page, ['/d fail over to the secondary', '/o errors back under 1%']);
  await page.keyboard.press('Alt+5');
  await page.getByRole('heading', { name: 'Blameless post-mortem' }).waitFor();
  const actions = page.getByRole('region', { name: 'Action items' });
  await actions.getByRole('button', { name: 'Add action item' }).click();
  await actions.getByText('Say what is to be done.').waitFor();
  expect(await violations(page)).toEqual([]);
  await actions.getByLabel('Action').fill('Alert before certificates expire');
  await actions.getByRole('button', { name: 'Add action item' }).click();
  await page.getByRole('region', { name: 'Root cause' }).getByRole('button', { name: 'Edit Root cause' }).click();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export post-mortem…' }).click();
  await page.getByRole('dialog', { name: 'Export the post-mortem' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Action items' }).click();
  await page.getByRole('heading', { name: 'Action items', level: 1 }).waitFor();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Metrics' }).click();
  await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await violations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Words to find').fill('secondary');
  await page.getByText('1 incident found').waitFor();
  expect(await violations(page)).toEqual([]);
});

test('checklists, continuity plans, the runbook and scenario settings and a drill have no axe violations', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Accessible checklists');
  await page.keyboard.press('Control+Shift+E');
  const tier = page.getByRole('dialog', { name: 'Escalate or de-escalate' });
  await tier.getByRole('radio', { name: /^Major/ }).check();
  await tier.getByLabel('Reason').fill('Everyone is affected');
  await tier.getByLabel('Reason').press('Enter');
  await tier.waitFor({ state: 'detached' });
  await page.keyboard.press('Alt+6');
  await page.getByRole('heading', { name: 'Major incident declared' }).waitFor();
  await page.getByRole('listitem', { name: /^Step 1 of 4,/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('listitem', { name: /^Step 1 of 4, Done/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('s');
  await page.getByRole('dialog', { name: 'Skip a step' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await page.getByRole('dialog', { name: 'Attach a runbook' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByText('Continuity plans', { exact: true }).click();
  expect(await violations(page)).toEqual([]);

  await page.goto('/#/settings');
  const runbooks = page.getByRole('region', { name: 'Runbooks' });
  await runbooks.getByRole('button', { name: 'Edit runbooks' }).click();
  await runbooks.getByLabel('Title').waitFor();
  const services = page.getByRole('region', { name: 'Service catalogue' });
  await services.getByRole('button', { name: 'Add service' }).click();
  expect(await violations(page)).toEqual([]);
  await services.getByRole('button', { name: 'Continuity plan of service 1' }).click();
  await page.getByRole('dialog', { name: /^Continuity plan for/ }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('region', { name: 'Drill scenarios' }).getByRole('button', { name: 'Import a scenario…' }).click();
  await page.getByRole('dialog', { name: 'Import a drill scenario' }).waitFor();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start a drill…' }).click();
  await page.getByRole('dialog', { name: 'Start a drill' }).getByRole('button', { name: 'Start the drill' }).click();
  await page.getByText(/^Drill “Payment outage/).waitFor();
  expect(await violations(page)).toEqual([]);
});
