/** Steps a person takes in the console, for the end-to-end specs. */
import { expect, type Page } from '@playwright/test';

export async function declareIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Tab'); // kind
  await page.keyboard.press('Tab'); // services
  await page.keyboard.type('checkout-api, payments');
  await page.keyboard.press('Tab'); // impact
  await page.keyboard.press('Tab'); // urgency
  await page.keyboard.press('Tab'); // declared by
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

export function composer(page: Page) {
  return page.getByRole('textbox', { name: 'Log entry' });
}

/** Logs each line by keyboard only: type, Enter, wait until it is on the timeline. */
export async function logEntries(page: Page, lines: string[]): Promise<void> {
  for (const line of lines) {
    await expect(composer(page)).toBeFocused();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await expect(composer(page)).toHaveValue('');
    const shown = line.replace(/^(?:[/@]\S+\s+)+/, '');
    await expect(page.locator('.row-text').filter({ hasText: shown }).first()).toBeVisible();
  }
}

/**
 * Every row of the (virtualised) timeline in order: scrolls through it a
 * screen at a time and reads the rows by their position.
 */
export async function readTimeline(page: Page): Promise<string[]> {
  const region = page.getByRole('region', { name: 'Timeline' });
  await region.waitFor();
  const rows = new Map<number, string>();
  let total: number;
  await region.evaluate((el) => el.scrollTo({ top: 0 }));
  for (let guard = 0; guard < 10_000; guard++) {
    await page.waitForTimeout(50);
    const visible = await page.locator('li.timeline-item').evaluateAll((items) =>
      items.map((li) => ({
        index: Number(li.getAttribute('data-index')),
        text: li.querySelector('.row-text')?.textContent ?? null,
      })),
    );
    for (const { index, text } of visible) if (text !== null) rows.set(index, text);
    total = Number(await page.locator('li.timeline-item').first().getAttribute('aria-setsize'));
    const done = await region.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    if (done && rows.size >= total) break;
    await region.evaluate((el) => el.scrollBy({ top: el.clientHeight / 2 }));
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}
