/**
 * The exported post-mortem page in Chromium, the engine that prints it to PDF
 * in the desktop app: built in Node from an incident full of hostile text,
 * loaded as it is, and read back as a person (or a screen reader) would.
 */
import { expect, test } from '@playwright/test';
import { buildSync } from 'esbuild';

import { CONTENT_SECURITY_POLICY } from '../../shared/platform/csp';
import { postmortemHtml, rowAnchor } from '../../shared/postmortem/html';
import { sampleLabels } from '../../shared/postmortem/sampleLabels';
import { sampleDocument } from '../../shared/postmortem/testing';

const ZONE = 'Europe/Copenhagen';

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

test.describe('the post-mortem page', () => {
  const { sample, doc } = sampleDocument();
  const html = postmortemHtml(doc, ZONE, sampleLabels);

  test('runs no script and asks for nothing outside itself, whatever the entries hold', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, iframe, object, embed, link, form').count()).toBe(0);
    expect(requests).toEqual([]);
    // The page's own styles apply: its CSP allows them and nothing else.
    await expect(page.locator('h2').first()).toHaveCSS('border-bottom-style', 'solid');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('shows every timeline entry’s text exactly once, as typed, struck-through ones struck', async ({ page }) => {
    await page.setContent(html, { waitUntil: 'load' });
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#timeline tbody tr')).map((row) => ({
        id: row.id,
        text: row.querySelector('td.entry > p.text')!.textContent,
        struck: row.querySelector('td.entry > p.text > del') !== null,
        marks: Array.from(row.querySelectorAll('.mark')).map((m) => m.textContent),
      })),
    );
    expect(shown).toHaveLength(doc.timeline.length);
    doc.timeline.forEach((row, i) => {
      expect(shown[i]).toEqual({
        id: rowAnchor(row.number),
        text: row.text,
        struck: row.struck !== null,
        marks: [...(row.key ? ['★ Key event'] : []), ...(row.corrected ? ['✎ Corrected'] : [])],
      });
    });
    const timelineText = await page.locator('#timeline').evaluate((el) => el.textContent ?? '');
    const bodyText = await page.locator('body').evaluate((el) => el.textContent ?? '');
    for (const row of doc.timeline.filter((r) => r.kind !== 'change')) {
      expect(occurrences(timelineText, row.text), row.text).toBe(1);
      expect(occurrences(bodyText, row.text), row.text).toBe(1);
    }
    const struck = page.locator(`#${rowAnchor(doc.timeline.find((r) => r.id === sample.struckId)!.number)}`);
    await expect(struck.locator('del')).toHaveCSS('text-decoration-line', 'line-through');
    await expect(struck).toContainText(sample.struckReason);
  });

  test('states the zone and its offset, gives times on its clock, and links key events to their rows', async ({ page }) => {
    await page.setContent(html, { waitUntil: 'load' });
    await expect(page.locator('header')).toContainText('Times are in Europe/Copenhagen (UTC+01:00).');
    const first = page.locator(`#${rowAnchor(1)} time`);
    await expect(first).toHaveText('2026-11-22 14:01:00');
    await expect(first).toHaveAttribute('datetime', doc.timeline[0]!.occurredAt);
    const keyLinks = page.locator('#keyEvents a');
    await expect(keyLinks).toHaveCount(doc.keyEvents.length);
    await keyLinks.nth(1).click();
    expect(await page.evaluate(() => location.hash)).toBe(`#${rowAnchor(doc.keyEvents[1]!.number)}`);
  });

  test('prints to an A4 PDF', async ({ page }) => {
    const { doc: long } = sampleDocument({ extraEntries: 300 });
    await page.setContent(postmortemHtml(long, ZONE, sampleLabels), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('thead').last()).toHaveCSS('display', 'table-header-group');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // A4 is 595 × 842 points; a long timeline runs on over several pages.
    const boxes = text.match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box).toMatch(/\[0 0 59[56](\.\d+)? 84[12](\.\d+)?\]/);
  });

  test('prints from a browser console through a sandboxed frame, styled despite the console’s stricter CSP', async ({ page }) => {
    // The browser bridge's printPage, bundled as the console bundles it, run in a page under the console's own CSP.
    const bundle = buildSync({ entryPoints: ['renderer/src/platform/printPage.ts'], bundle: true, format: 'iife', globalName: 'printing', write: false });
    await page.setContent(`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head><body></body></html>`);
    await page.evaluate(`${bundle.outputFiles[0]!.text}\nwindow.printing = printing;`);
    const result = await page.evaluate((page) => (window as unknown as { printing: { printPage(html: string): Promise<unknown> } }).printing.printPage(page), html);
    expect(result).toEqual({ status: 'printDialog' });
    const frame = page.locator('iframe[data-print-frame]');
    await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
    const inside = page.frameLocator('iframe[data-print-frame]');
    await expect(inside.locator('h2').first()).toHaveCSS('border-bottom-style', 'solid');
    await expect(inside.locator(`#${rowAnchor(1)}`)).toBeAttached();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await frame.evaluate((el) => ((el as HTMLIFrameElement).contentWindow as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });
});
