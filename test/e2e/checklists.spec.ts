/**
 * Runbooks attach themselves as checklists: two consoles escalate the same
 * incident while apart, each attaching the major-incident runbook; back
 * online, both show one checklist, and each one's ticks and skips reach the
 * other through a real hub.
 */
import { expect, test, type Page } from '@playwright/test';

import { declareIncident, readTimeline } from './console';
import { joinHub, openConsole, startHubProgram, type Hub } from './hub';

let hub: Hub;
test.beforeAll(async () => {
  hub = await startHubProgram();
});
test.afterAll(async () => {
  await hub.stop();
});

async function escalate(page: Page, reason: string) {
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Escalate or de-escalate' });
  await dialog.getByRole('radio', { name: /^Major/ }).check();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByLabel('Reason').press('Enter');
  await expect(dialog).toBeHidden();
}

/** How many attachments of a runbook this console holds in its log, whatever its checklist panel shows. */
function attachments(page: Page, incidentId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('warroom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('events').objectStore('events').getAll();
          request.onsuccess = () => {
            resolve((request.result as { incidentId: string; type: string }[]).filter((e) => e.incidentId === id && e.type === 'checklist.attached').length);
            open.result.close();
          };
        };
      }),
    incidentId,
  );
}

const step = (page: Page, n: number) => page.getByRole('listitem', { name: new RegExp(`^Step ${n} of 4,`) });

test('two offline consoles that both attach a runbook hold one checklist after sync, worked by keyboard on both', async ({ browser }) => {
  test.setTimeout(120_000);
  const consoles = await Promise.all(['Ada Lovelace', 'Bo'].map((name) => openConsole(browser, name)));
  const [a, b] = consoles.map((c) => c.page) as [Page, Page];
  for (const page of [a, b]) await joinHub(page, hub);

  await a.getByRole('link', { name: /^Warroom$/ }).click();
  await declareIncident(a, 'Card payments fail');
  const incidentId = decodeURIComponent(/#\/incidents\/([^/]+)/.exec(a.url())![1]!);
  await b.goto(`/#/incidents/${encodeURIComponent(incidentId)}/checklists`);
  await expect(b.getByText(/No checklist on this incident yet/)).toBeVisible({ timeout: 10_000 });

  // Apart, each console escalates: each attaches the runbook for major incidents.
  for (const { context } of consoles) await context.setOffline(true);
  await a.keyboard.press('Alt+6');
  await escalate(a, 'Every card payment fails');
  await b.locator('body').click();
  await escalate(b, 'Card payments down everywhere');
  for (const page of [a, b]) await expect(page.getByRole('heading', { name: 'Major incident declared' })).toHaveCount(1);

  for (const { context } of consoles) await context.setOffline(false);
  for (const page of [a, b]) await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 30_000 });
  for (const page of [a, b]) {
    await expect.poll(() => attachments(page, incidentId)).toBe(2);
    await expect(page.getByRole('heading', { name: 'Major incident declared' })).toHaveCount(1);
  }

  // A ticks the first step by keyboard; B sees it, and skips the second with a reason.
  await step(a, 1).focus();
  await a.keyboard.press('Space');
  await expect(step(a, 1)).toHaveAccessibleName(/^Step 1 of 4, Done:/);
  await expect(step(b, 1)).toHaveAccessibleName(/^Step 1 of 4, Done:/, { timeout: 10_000 });
  await step(b, 1).focus();
  await b.keyboard.press('ArrowDown');
  await expect(step(b, 2)).toBeFocused();
  await b.keyboard.press('s');
  const dialog = b.getByRole('dialog', { name: 'Skip a step' });
  await dialog.getByRole('textbox').fill('The bridge is already open from the P2');
  await dialog.getByRole('textbox').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(step(a, 2)).toHaveAccessibleName(/^Step 2 of 4, Skipped:/, { timeout: 10_000 });
  await expect(a.getByText('Skipped by Bo at')).toBeVisible();
  await expect(a.getByText('2 of 4 steps finished').first()).toBeVisible();

  // The record keeps what each console did, both attachments included; the panel shows the one that stands.
  await a.keyboard.press('Alt+1');
  const rows = await readTimeline(a);
  expect(rows.filter((row) => /Checklist “Major incident declared” attached/.test(row))).toHaveLength(2);
  expect(rows.some((row) => /Major incident declared: done: Assign an incident commander/.test(row))).toBe(true);
  expect(rows.some((row) => /Major incident declared: skipped: Open the technical bridge.*The bridge is already open from the P2/.test(row))).toBe(true);
  await Promise.all(consoles.map(({ context }) => context.close()));
});
