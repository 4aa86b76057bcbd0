/**
 * Two windows of one console (two tabs of one browser, and a wall) share the
 * origin's storage. Each keeps its own draft of the entry box through reloads;
 * nothing one window writes reverts another's; an entry logged in one shows in
 * the other and stays; after both close, the draft written last comes back
 * first, then the other.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';

import { composer, declareIncident, logEntries } from './console';

/** Opening and reloading pages on cores shared with other test runs can take longer than an assertion's default wait. */
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

const title = 'Checkout returns 502';

async function typeDraft(page: Page, text: string) {
  await composer(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await expect(composer(page)).toHaveValue(text);
}

async function openIncident(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

const rowTexts = (page: Page) => page.locator('.row-text');

test('two tabs keep a draft each through reloads, and an entry logged in one stays in both', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/');
  await declareIncident(a, title);
  const url = a.url();
  const id = decodeURIComponent(new URL(url).hash.split('/').pop()!);
  const b = await context.newPage();
  await openIncident(b, url);
  const wall = await context.newPage();
  await wall.goto(`/#/wall/${encodeURIComponent(id)}`);
  await expect(wall.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await typeDraft(a, 'draft from A');
  await typeDraft(b, 'draft from B');
  await typeDraft(a, 'draft from A, typed on');

  await a.reload();
  await b.reload();
  await wall.reload();
  await expect(composer(a)).toHaveValue('draft from A, typed on');
  await expect(composer(b)).toHaveValue('draft from B');

  // Logged in A: it shows in B, B's draft stays, and B logging its own takes nothing from A.
  await typeDraft(a, '');
  await logEntries(a, ['committed in A']);
  await expect(rowTexts(b).filter({ hasText: 'committed in A' })).toBeVisible();
  await expect(composer(b)).toHaveValue('draft from B');
  await composer(b).press('End');
  await b.keyboard.press('Enter');
  await expect(rowTexts(a).filter({ hasText: 'draft from B' })).toBeVisible();
  await typeDraft(a, 'A again');

  await a.reload();
  await b.reload();
  for (const page of [a, b]) {
    await expect(rowTexts(page).filter({ hasText: 'committed in A' })).toBeVisible();
    await expect(rowTexts(page).filter({ hasText: 'draft from B' })).toBeVisible();
  }
  await expect(composer(a)).toHaveValue('A again');
  await expect(composer(b)).toHaveValue('');
});

test('after both tabs close, the draft written last comes back first, then the other', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/');
  await declareIncident(a, title);
  const url = a.url();
  const b = await context.newPage();
  await openIncident(b, url);
  await typeDraft(a, 'written first, in A');
  await typeDraft(b, 'written last, in B');
  await a.close();
  await b.close();

  const first = await context.newPage();
  await openIncident(first, url);
  await expect(composer(first)).toHaveValue('written last, in B');
  const second = await context.newPage();
  await openIncident(second, url);
  await expect(composer(second)).toHaveValue('written first, in A');
  await first.reload();
  await expect(composer(first)).toHaveValue('written last, in B');
});
