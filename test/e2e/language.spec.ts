import { expect, test, type Page } from '@playwright/test';

/** The script files the page has fetched so far, by name. */
const fetchedScripts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop() ?? ''));

test('Danish is fetched only when the console speaks it: offered in itself, switched to, and the first screen after a reload is Danish', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  expect((await fetchedScripts(page)).filter((name) => /^da-.*\.js$/.test(name))).toEqual([]);

  // The palette offers Danish in Danish, whatever the screen speaks.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('dansk');
  await palette.getByRole('option', { name: 'Sprog: Dansk' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Hændelser', exact: true }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
  expect((await fetchedScripts(page)).filter((name) => /^da-.*\.js$/.test(name)).length).toBeGreaterThan(0);

  // A reload starts in the saved language: the first screen that shows is already Danish.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __headings: string[] }).__headings = seen;
    new MutationObserver(() => {
      for (const heading of Array.from(document.querySelectorAll('h1'))) if (!seen.includes(heading.textContent ?? '')) seen.push(heading.textContent ?? '');
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Hændelser', exact: true }).waitFor();
  expect(await page.evaluate(() => (window as unknown as { __headings: string[] }).__headings)).not.toContain('Incidents');
});
