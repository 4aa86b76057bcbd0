/**
 * A drill end to end in Chromium: a scenario pasted into Settings, started
 * from the incident list; its injects play on the console at their offsets,
 * show on the timeline, and an exercise
 * message to an audience not safe for exercises is held back.
 */
import { expect, test, type Page } from '@playwright/test';

import { readTimeline } from './console';
import { openConsole } from './hub';

const SCENARIO = {
  id: 'checkout-slow',
  title: 'Checkout slow (e2e)',
  briefing: 'Three injects, two seconds apart.',
  incident: { title: 'Checkout slow (exercise)', kind: 'service', services: [], impact: 'department', urgency: 'supporting' },
  injects: [
    { id: 'alert', offsetSeconds: 0, kind: 'alert', title: 'Checkout p95 above 2 s', service: '', severity: 'warning' },
    { id: 'desk', offsetSeconds: 2, kind: 'entry', from: 'Service desk (role-player)', text: 'Customers say checkout hangs' },
    { id: 'cfo', offsetSeconds: 4, kind: 'message', audience: 'executives', from: 'CFO (role-player)', text: 'Are we losing orders?' },
  ],
  version: 1,
};

/** Each inject's scripted time, and when the console actually wrote it (its clock value), from its IndexedDB. */
function injectTimes(page: Page): Promise<{ started: number; injects: { id: string; at: number; written: number }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('warroom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('events').objectStore('events').getAll();
          request.onsuccess = () => {
            type Row = { type: string; occurredAt: string; hlc: string; payload: { inject?: { id: string } } };
            const rows = request.result as Row[];
            const written = (hlc: string) => parseInt(hlc.split('-')[0]!, 36);
            const started = rows.find((r) => r.type === 'drill.started')!;
            resolve({
              started: Date.parse(started.occurredAt),
              injects: rows.filter((r) => r.type === 'drill.injected').map((r) => ({ id: r.payload.inject!.id, at: Date.parse(r.occurredAt), written: written(r.hlc) })),
            });
            open.result.close();
          };
        };
      }),
  );
}

test('a drill plays its scripted injects on time, on the timeline, and holds exercise messages back from audiences not safe for them', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, context } = await openConsole(browser, 'Ada Lovelace');
  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Drill scenarios' });
  await section.getByRole('button', { name: 'Import a scenario…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a drill scenario' });
  // Out of order first: refused with the reason, nothing written.
  await dialog.getByLabel('Or paste the scenario’s JSON').fill(JSON.stringify({ ...SCENARIO, injects: [...SCENARIO.injects].reverse() }));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('list injects in the order they play');
  await dialog.getByLabel('Or paste the scenario’s JSON').fill(JSON.stringify(SCENARIO));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByText('Checkout slow (e2e)')).toBeVisible();

  await page.getByRole('link', { name: /^Warroom$/ }).click();
  await page.getByRole('button', { name: 'Start a drill…' }).click();
  const start = page.getByRole('dialog', { name: 'Start a drill' });
  await start.getByLabel('Scenario').selectOption({ label: 'Checkout slow (e2e)' });
  await start.getByRole('button', { name: 'Start the drill' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout slow (exercise)' })).toBeVisible();
  await expect(page.getByText(/^Drill “Checkout slow \(e2e\)”: 3 of 3 injects played · every inject played$/)).toBeVisible({ timeout: 15_000 });

  // Each inject is recorded at its scripted time exactly, and never written before it (how late: `npm run bench`, drills).
  const { started, injects } = await injectTimes(page);
  expect(injects.map((i) => [i.id, i.at - started])).toEqual([
    ['alert', 0],
    ['desk', 2_000],
    ['cfo', 4_000],
  ]);
  for (const inject of injects) expect(inject.written).toBeGreaterThanOrEqual(inject.at);

  const rows = await readTimeline(page);
  expect(rows).toEqual(
    expect.arrayContaining([
      'Drill started from “Checkout slow (e2e)”: 3 injects to play',
      'Exercise alert: Checkout p95 above 2 s (Warning)',
      'Exercise: Service desk (role-player) reports: Customers say checkout hangs',
      'Exercise message from CFO (role-player): Are we losing orders?',
    ]),
  );

  await page.keyboard.press('Alt+4');
  await page.locator('.comms-audience-name', { hasText: 'Executives' }).click();
  const executives = page.getByRole('region', { name: 'Message to Executives' });
  await expect(executives.getByRole('note')).toHaveText(/Executives is not marked safe for exercises/);
  await executives.getByRole('button', { name: 'Send' }).click();
  await expect(executives.getByRole('alert')).toContainText('not marked safe for exercises');
  await context.close();
});
