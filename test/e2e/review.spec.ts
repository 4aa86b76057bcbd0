import { readFile } from 'node:fs/promises';

import { expect, test, type Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { fromMarkdown } from 'mdast-util-from-markdown';

import { declareIncident, logEntries } from './console';

const TITLE = 'Payments gateway certificate expired';
const ENTRIES = [
  'Card authorisations failing with TLS handshake errors',
  'Decision: fail over to the secondary acquirer',
  "=cmd|' /C calc'!A0 pasted from the runbook",
  '<script>alert(1)</script> seen in a log line',
  '# not a heading | not a table *not bold*',
];

type Node = { type: string; value?: string; children?: Node[] };

/** Every text a Markdown document reads as, element by element. */
function markdownTexts(markdown: string): string[] {
  const texts: string[] = [];
  const walk = (node: Node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      texts.push(flatten(node));
      return;
    }
    node.children?.forEach(walk);
  };
  const flatten = (node: Node): string => (node.value ?? '') + (node.children ?? []).map(flatten).join('');
  walk(fromMarkdown(markdown) as Node);
  return texts;
}

async function exportAs(page: Page, format: string, zone: string): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export post-mortem…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the post-mortem' });
  await dialog.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  await dialog.getByLabel('Time zone').fill(zone);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('after the incident: key entries, a written post-mortem, an action item, faithful exports, and the incident found again', async ({ page }) => {
  await page.goto('/');
  await declareIncident(page, TITLE);
  await logEntries(page, ENTRIES);

  // The scribe marks the decision as a key event, from the entry itself.
  const decision = page.locator('.timeline-row').filter({ hasText: ENTRIES[1]! });
  await decision.hover();
  await decision.getByRole('button', { name: 'Mark key' }).click();
  await expect(decision.getByText('★ Key event')).toBeVisible();

  // Resolved through the palette, then to the post-mortem with its single key.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Set status: Resolved');
  await page.keyboard.press('Enter');
  // Resolving asks for the note that says what restored service.
  await expect(page.getByRole('dialog', { name: 'Resolve this incident?' }).getByLabel('Resolution note')).toBeFocused();
  await page.keyboard.insertText('Renewed the acquirer certificate; payments flow again');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('resolved');
  await page.locator('.incident-page').focus();
  await page.keyboard.press('5');
  await expect(page.getByRole('heading', { name: 'Blameless post-mortem' })).toBeVisible();

  const keyEvents = page.getByRole('region', { name: 'Key events' });
  await expect(keyEvents.getByText(ENTRIES[1]!)).toBeVisible();
  await expect(keyEvents.getByText(ENTRIES[0]!)).toHaveCount(0);

  const rootCause = page.getByRole('region', { name: 'Root cause' });
  await rootCause.getByRole('button', { name: 'Edit Root cause' }).click();
  await page.keyboard.insertText('The acquirer certificate expired unnoticed: nothing alerted on its expiry.');
  await page.keyboard.press('Control+Enter');
  await expect(rootCause.getByText('The acquirer certificate expired unnoticed: nothing alerted on its expiry.')).toBeVisible();

  const actions = page.getByRole('region', { name: 'Action items' });
  await actions.getByLabel('Action').fill('Alert 30 days before any certificate expires');
  await actions.getByLabel('Owner').fill('Grace Hopper');
  await actions.getByLabel('Due date').fill('2030-01-31');
  await actions.getByRole('button', { name: 'Add action item' }).click();
  await expect(actions.getByText('Alert 30 days before any certificate expires', { exact: true })).toBeVisible();

  // Markdown: read back by a CommonMark parser, each entry's text exactly once, nothing turned into markup.
  const markdown = await exportAs(page, 'Markdown', 'Asia/Tokyo');
  expect(markdown.name).toMatch(/\.md$/);
  const texts = markdownTexts(markdown.text);
  for (const entry of ENTRIES) expect(texts.filter((text) => text.includes(entry)), entry).toHaveLength(1);
  expect(markdown.text).toContain('Asia/Tokyo');
  expect(markdown.text).not.toContain('<script>');

  // CSV: parsed back, one row per timeline row, the formula neutralised.
  const csv = await exportAs(page, 'Timeline as CSV', 'UTC');
  const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
  const cells = rows.slice(1).flat();
  for (const entry of ENTRIES.filter((e) => !e.startsWith('='))) expect(cells.filter((cell) => cell === entry), entry).toHaveLength(1);
  expect(cells.filter((cell) => cell === `'${ENTRIES[2]}`)).toHaveLength(1);
  expect(cells).not.toContain(ENTRIES[2]);

  // The action item is tracked across incidents, and the incident is found again by what was written about it.
  await page.getByRole('link', { name: 'Action items' }).click();
  await expect(page.getByText('Alert 30 days before any certificate expires', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();

  await page.keyboard.press('/');
  await expect(page.getByLabel('Words to find')).toBeFocused();
  await page.keyboard.type('acquirer alert expiry');
  await expect(page.getByText('1 incident found')).toBeVisible();
  await expect(page.getByRole('link', { name: TITLE, exact: true })).toBeVisible();
  await expect(page.locator('mark').filter({ hasText: /^acquirer$/i }).first()).toBeVisible();
  // Found by the search worker: reading and indexing never run on the page's own thread.
  expect(page.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(/\/searchWorker-[\w-]+\.js$/));

  await page.getByRole('link', { name: 'Metrics' }).click();
  await expect(page.getByText('1 incident', { exact: false }).first()).toBeVisible();
});
