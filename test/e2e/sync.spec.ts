/**
 * Three consoles (three browser contexts, each with its own IndexedDB) sync
 * through one real hub, the built program an operator runs. Two go offline,
 * each logs 50 entries and moves the same hypothesis; back online, all three
 * hold the same timeline and show the same conflict.
 */
import { expect, test, type Page } from '@playwright/test';

import { composer, declareIncident, hypothesisCard, hypothesisColumn, moveCardRight, readTimeline } from './console';
import { joinHub as join, openConsole, startHubProgram, type Hub } from './hub';

const card = hypothesisCard;
const column = hypothesisColumn;

/** Every event of the incident as this console holds it, straight from its IndexedDB. */
function eventIds(page: Page, incidentId: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('warroom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('events').objectStore('events').getAll();
          request.onsuccess = () => {
            resolve((request.result as { id: string; incidentId: string }[]).filter((e) => e.incidentId === id).map((e) => e.id).sort());
            open.result.close();
          };
        };
      }),
    incidentId,
  );
}

const HYPOTHESIS = 'The 14:02 config push broke DNS';

let hub: Hub;
test.beforeAll(async () => {
  hub = await startHubProgram();
});
test.afterAll(async () => {
  await hub.stop();
});

test('three consoles on one hub: two offline log 50 entries each and move the same hypothesis; back online all agree and show the conflict', async ({ browser }) => {
  test.setTimeout(240_000);
  const consoles = await Promise.all(['Ada Lovelace', 'Bo', 'Cy'].map((name) => openConsole(browser, name)));
  const [a, b, c] = consoles.map((x) => x.page) as [Page, Page, Page];
  for (const page of [a, b, c]) await join(page, hub);

  // A declares and proposes; the others see it live.
  await a.getByRole('link', { name: /^Warroom$/ }).click();
  await declareIncident(a, 'Checkout fails for EU cards');
  const incidentId = decodeURIComponent(/#\/incidents\/([^/]+)/.exec(a.url())![1]!);
  await a.keyboard.press('Alt+2');
  await a.getByRole('button', { name: 'Propose hypothesis' }).click();
  const dialog = a.getByRole('dialog', { name: 'Propose a hypothesis' });
  await dialog.getByLabel('Hypothesis', { exact: true }).fill(HYPOTHESIS);
  await dialog.getByLabel('Owner').fill('Ada');
  await dialog.getByLabel('Probe: what we do').fill('Roll back on one node');
  await dialog.getByLabel('What we expect to see if it holds').fill('Errors stop on that node');
  await dialog.getByRole('button', { name: 'Propose' }).click();

  for (const page of [b, c]) {
    await page.goto(`/#/incidents/${encodeURIComponent(incidentId)}/hypotheses`);
    await expect(card(page, HYPOTHESIS)).toBeVisible({ timeout: 5_000 });
  }

  // B and C lose the network. Each keeps working.
  await consoles[1]!.context.setOffline(true);
  await consoles[2]!.context.setOffline(true);
  for (const page of [b, c]) await expect(page.getByRole('link', { name: /^Sync: Offline since/ })).toBeVisible();

  await moveCardRight(b, HYPOTHESIS, 'testing');
  await card(c, HYPOTHESIS).dragTo(column(c, 'parked'));
  await expect(column(c, 'parked').locator(`article[data-statement="${HYPOTHESIS}"]`)).toBeVisible();

  for (const [page, who] of [
    [b, 'B'],
    [c, 'C'],
  ] as const) {
    await page.keyboard.press('Alt+1');
    await composer(page).focus();
    for (let i = 1; i <= 50; i++) {
      await page.keyboard.insertText(`${who} offline note ${i}`);
      await page.keyboard.press('Enter');
      await expect(composer(page)).toHaveValue('');
    }
    await expect(page.getByRole('link', { name: /^Sync: Offline since .* · 5\d waiting/ })).toBeVisible();
  }

  // Back online: everything converges, and no one waits.
  await consoles[1]!.context.setOffline(false);
  await consoles[2]!.context.setOffline(false);
  for (const page of [a, b, c]) await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 30_000 });

  const held = await Promise.all([a, b, c].map((page) => eventIds(page, incidentId)));
  expect(held[0]!.length).toBeGreaterThanOrEqual(104);
  expect(held[1]).toEqual(held[0]);
  expect(held[2]).toEqual(held[0]);

  const timelines: string[][] = [];
  for (const page of [a, b, c]) {
    await page.goto(`/#/incidents/${encodeURIComponent(incidentId)}`);
    timelines.push(await readTimeline(page));
  }
  expect(timelines[0]!.filter((row) => /offline note/.test(row))).toHaveLength(100);
  expect(timelines[1]).toEqual(timelines[0]);
  expect(timelines[2]).toEqual(timelines[0]);

  for (const page of [a, b, c]) {
    await page.goto(`/#/incidents/${encodeURIComponent(incidentId)}/hypotheses`);
    await expect(card(page, HYPOTHESIS).getByText('Changed on two consoles at once')).toBeVisible();
    await expect(page.getByRole('link', { name: /to resolve/ })).toBeVisible();
  }
  await Promise.all(consoles.map(({ context }) => context.close()));
});
