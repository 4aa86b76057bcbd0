import { expect, test, type Page } from '@playwright/test';

import { declareIncident, hypothesisCard, hypothesisColumn, moveCardRight, readTimeline } from './console';

async function assignRole(page: Page, role: string, person: string) {
  await page.getByRole('button', { name: `Assign ${role}` }).click();
  const dialog = page.getByRole('dialog', { name: `Assign ${role}` });
  await expect(dialog.getByLabel('Person')).toBeFocused();
  await page.keyboard.type(person);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

async function propose(page: Page, statement: string, owner: string) {
  await page.getByRole('button', { name: 'Propose hypothesis' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propose a hypothesis' });
  await dialog.getByLabel('Hypothesis', { exact: true }).fill(statement);
  await dialog.getByLabel('Owner').fill(owner);
  await dialog.getByLabel('Probe: what we do').fill('Roll back on one node');
  await dialog.getByLabel('What we expect to see if it holds').fill('Errors stop on that node');
  await dialog.getByRole('button', { name: 'Propose' }).click();
  await expect(dialog).toBeHidden();
}

const card = hypothesisCard;
const column = hypothesisColumn;
const moveRight = moveCardRight;

async function decideTier(page: Page, tier: string, reason: string) {
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Escalate or de-escalate' });
  await dialog.getByRole('radio', { name: new RegExp(`^${tier}`) }).check();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByLabel('Reason').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.incident-heading .badge.tier')).toHaveText(tier);
}

const DNS = 'The 14:02 config push broke DNS';
const CERT = 'The payment gateway certificate expired';
const REPLICA = 'The failover left a stale replica';

test('a scripted major incident: roles, a commander hand-over, three hypotheses and an escalation and back, all on the timeline in order', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Payments failing at checkout');
  await expect(page.getByRole('alert').filter({ hasText: 'No incident commander' })).toBeVisible();

  await page.keyboard.press('Alt+3');
  await assignRole(page, 'Incident commander', 'Ada Lovelace');
  await expect(page.getByRole('alert').filter({ hasText: 'No incident commander' })).toBeHidden();
  await assignRole(page, 'Deputy commander', 'Grace Hopper');
  await assignRole(page, 'Scribe', 'Linus Pauling');
  await assignRole(page, 'Communications lead', 'Margaret Hamilton');
  await assignRole(page, 'Subject-matter expert', 'Ken Thompson');

  await page.getByRole('button', { name: 'Hand over Incident commander' }).click();
  const handOver = page.getByRole('dialog', { name: 'Hand over Incident commander' });
  await handOver.getByLabel('Person').fill('Grace Hopper');
  await handOver.getByLabel('Person').press('Enter');
  await expect(handOver).toBeHidden();
  await expect(page.locator('.commander-status')).toContainText('Grace Hopper');

  // Tier decisions are credited to whoever holds command now, not to the person at the keyboard.
  await decideTier(page, 'Major incident', 'Checkout down in every region');
  // Becoming major brings the major-incident runbook as a checklist.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Major incident declared' })).toBeVisible();

  await page.keyboard.press('Alt+2');
  await propose(page, DNS, 'Ken Thompson');
  await propose(page, CERT, 'Margaret Hamilton');
  await propose(page, REPLICA, 'Linus Pauling');
  await moveRight(page, DNS, 'testing');
  await moveRight(page, CERT, 'testing');
  await moveRight(page, DNS, 'confirmed');
  // Dead ends by drag: refuted, and parked for later.
  await card(page, CERT).dragTo(column(page, 'refuted'));
  await expect(column(page, 'refuted').locator(`article[data-statement="${CERT}"]`)).toBeVisible();
  await card(page, REPLICA).dragTo(column(page, 'parked'));
  await expect(column(page, 'parked').locator(`article[data-statement="${REPLICA}"]`)).toBeVisible();

  await decideTier(page, 'Normal', 'DNS restored; the rest is normal handling');

  await page.keyboard.press('Alt+1');
  const rows = await readTimeline(page);
  expect(rows).toEqual([
    'Incident declared: Payments failing at checkout (P1 · Critical, Service incident)',
    'Ada Lovelace joined',
    'Ada Lovelace assigned as Incident commander',
    'Grace Hopper joined',
    'Grace Hopper assigned as Deputy commander',
    'Linus Pauling joined',
    'Linus Pauling assigned as Scribe',
    'Margaret Hamilton joined',
    'Margaret Hamilton assigned as Communications lead',
    'Ken Thompson joined',
    'Ken Thompson assigned as Subject-matter expert',
    'Incident commander handed over from Ada Lovelace to Grace Hopper',
    'Major incident: decided by Grace Hopper. Checkout down in every region',
    'Checklist “Major incident declared” attached: its conditions were met',
    `Hypothesis proposed: ${DNS} (owner Ken Thompson, time box 20 min)`,
    `Hypothesis proposed: ${CERT} (owner Margaret Hamilton, time box 20 min)`,
    `Hypothesis proposed: ${REPLICA} (owner Linus Pauling, time box 20 min)`,
    `Hypothesis “${DNS}” moved to Testing`,
    `Hypothesis “${CERT}” moved to Testing`,
    `Hypothesis “${DNS}” moved to Confirmed`,
    `Hypothesis “${CERT}” moved to Refuted`,
    `Hypothesis “${REPLICA}” moved to Parked`,
    'Normal: decided by Grace Hopper. DNS restored; the rest is normal handling',
  ]);

  // The record survives a reload, board and roster included.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments failing at checkout' })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(column(page, 'refuted').locator(`article[data-statement="${CERT}"]`)).toBeVisible();
  await expect(page.locator('.commander-status')).toContainText('Grace Hopper');
});

test('bad input on the workspace: a hand-over to nobody and a verdict reopened without a reason are refused, nothing written', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, 'Login slow');
  await page.keyboard.press('Alt+3');
  await assignRole(page, 'Incident commander', 'Ada Lovelace');
  await page.getByRole('button', { name: 'Hand over Incident commander' }).click();
  const handOver = page.getByRole('dialog', { name: 'Hand over Incident commander' });
  await handOver.getByLabel('Person').fill('   ');
  await handOver.getByLabel('Person').press('Enter');
  await expect(handOver.locator('.field-error')).toBeVisible();
  await expect(handOver.getByLabel('Person')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+2');
  await propose(page, DNS, 'Ada Lovelace');
  await card(page, DNS).dragTo(column(page, 'refuted'));
  await expect(column(page, 'refuted').locator(`article[data-statement="${DNS}"]`)).toBeVisible();
  await card(page, DNS).focus();
  await page.keyboard.press('Alt+ArrowLeft'); // refuted -> confirmed: reopening a verdict
  const reopen = page.getByRole('dialog', { name: `Reopen “${DNS}”?` });
  await reopen.getByRole('button', { name: /^Move to/ }).click();
  await expect(reopen.getByText(/a verdict is reopened only with a reason on the record/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(column(page, 'refuted').locator(`article[data-statement="${DNS}"]`)).toBeVisible();

  await page.keyboard.press('Alt+1');
  const rows = await readTimeline(page);
  expect(rows.filter((row) => row.includes('handed over'))).toEqual([]);
  expect(rows.at(-1)).toBe(`Hypothesis “${DNS}” moved to Refuted`);
});
