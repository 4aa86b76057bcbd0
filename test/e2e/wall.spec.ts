/**
 * The wall screens at the sizes NOC walls have: 1920x1080 and 3840x2160. A
 * wall must fit its screen (no scroll bars, nothing cut in half), keep its
 * text readable from metres away, follow the console live and rotate.
 */
import { expect, test, type Page } from '@playwright/test';

import { axeViolations } from './axe';
import { composer, declareIncident, logEntries, proposeHypothesis } from './console';

/** The smallest text the wall may show, as a share of the screen's height (24 px at 1080p, 48 px at 4K, less rounding). */
const MIN_TEXT = 0.0215;
/** An incident's title, the first thing read from across the room. */
const MIN_TITLE = 0.04;

const ZONES = 'Europe/Copenhagen,America/New_York,Asia/Kolkata';

type Fit = { scroll: string | null; cut: string[]; minText: number; title: number };

/**
 * Measures the wall as shown: whether the page scrolls, which visible elements
 * stick out of the screen or out of a box that clips them (items a list hides
 * whole are fine; an item cut in half is not), the smallest text on screen, and
 * the title's size.
 */
async function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.documentElement;
    const scroll = doc.scrollWidth > vw || doc.scrollHeight > vh ? `${doc.scrollWidth}x${doc.scrollHeight}` : null;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} “${(el.textContent ?? '').slice(0, 40)}”`;
    const cut: string[] = [];
    let minText = Infinity;
    for (const el of Array.from(document.querySelectorAll('.wall-screen *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let clip = { left: 0, top: 0, right: vw, bottom: vh };
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflow === 'visible') continue;
        const ar = a.getBoundingClientRect();
        clip = { left: Math.max(clip.left, ar.left), top: Math.max(clip.top, ar.top), right: Math.min(clip.right, ar.right), bottom: Math.min(clip.bottom, ar.bottom) };
      }
      const visible = r.right > clip.left + 0.5 && r.left < clip.right - 0.5 && r.bottom > clip.top + 0.5 && r.top < clip.bottom - 0.5;
      if (!visible) continue;
      if (r.left < clip.left - 1 || r.right > clip.right + 1 || r.top < clip.top - 1 || r.bottom > clip.bottom + 1) cut.push(name(el));
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (hasText) minText = Math.min(minText, parseFloat(getComputedStyle(el).fontSize) / vh);
    }
    const titleEl = document.querySelector('.wall-title, .wall-overview-title');
    const title = titleEl ? parseFloat(getComputedStyle(titleEl).fontSize) / vh : 0;
    return { scroll, cut, minText, title };
  });
}

async function expectFits(page: Page, shot: string) {
  await page.screenshot({ path: test.info().outputPath(`${shot}.png`) });
  const fit = await measure(page);
  expect(fit.scroll, 'the page scrolls').toBeNull();
  expect(fit.cut, 'elements stick out of the screen or their box').toEqual([]);
  expect(fit.minText).toBeGreaterThanOrEqual(MIN_TEXT);
  expect(fit.title).toBeGreaterThanOrEqual(MIN_TITLE);
  // Nothing to click: a wall has no buttons, links or fields.
  await expect(page.locator('.wall-screen').locator('button, a[href], input, select, textarea')).toHaveCount(0);
}

const LONG = 'Checkout requests time out for card payments in every region since the 14:02 deploy of the payment gateway and its retry budget';

test('a wall fits 1080p and 4K screens, stays readable, follows the console live and rotates', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await declareIncident(page, 'Status page slow for EU customers');
  await page.goto('/');
  await declareIncident(page, 'VPN concentrator dropping sessions');
  await page.goto('/');
  await declareIncident(page, LONG);
  const incidentId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  await logEntries(page, [
    '/o Error rate on checkout-api at 38 % and rising',
    '/a Paged the payments on-call and the network team',
    '/o <script>alert(1)</script> in a customer ticket: shown as text',
    `/n ${'Averyveryverylongwordwithoutanyspacesthatmustwrapsomewhere'.repeat(3)}`,
    '/d Freeze all deploys until the gateway is understood',
    '/o Rollback of gateway v2.14 started',
    '/a Status page updated for customers',
    '/o Latency back under 300 ms in eu-west',
  ]);
  await page.keyboard.press('Alt+2');
  for (const [statement, owner] of [
    ['The 14:02 gateway deploy exhausted the retry budget', 'Ada Lovelace'],
    ['A certificate rotation broke mutual TLS to the card processor', 'Grace Hopper'],
  ]) {
    await proposeHypothesis(page, statement!, owner!);
  }

  const wall = await context.newPage();
  for (const [width, height, label] of [
    [1920, 1080, '1080p'],
    [3840, 2160, '4k'],
  ] as const) {
    await wall.setViewportSize({ width, height });
    await wall.goto(`/#/wall/${encodeURIComponent(incidentId)}?zones=${ZONES}`);
    await expect(wall.getByRole('heading', { level: 1, name: LONG })).toBeVisible();
    await expect(wall.getByText('Latency back under 300 ms in eu-west')).toBeVisible();
    await expect(wall.getByText('Kolkata (GMT+5:30)')).toBeVisible();
    await expectFits(wall, `wall-incident-${label}`);

    await wall.goto(`/#/wall?zones=${ZONES}&rotate=0`);
    await expect(wall.getByRole('heading', { level: 1, name: 'Open incidents' })).toBeVisible();
    await expect(wall.getByRole('heading', { level: 2 })).toHaveCount(3);
    await expectFits(wall, `wall-overview-${label}`);
  }
  expect(await axeViolations(wall)).toEqual([]);

  // Live: an entry logged at the console reaches the wall without a reload.
  await wall.setViewportSize({ width: 1920, height: 1080 });
  await wall.goto(`/#/wall/${encodeURIComponent(incidentId)}`);
  await expect(wall.getByText('Latency back under 300 ms in eu-west')).toBeVisible();
  expect(await axeViolations(wall)).toEqual([]);
  // The console's tab is in the background now: type into its entry box directly.
  await composer(page).fill('/d Keep the deploy freeze until 16:00');
  await composer(page).press('Enter');
  await expect(wall.getByText('Keep the deploy freeze until 16:00')).toBeVisible();
  await expectFits(wall, 'wall-incident-live');

  // Rotation: the overview, then each open incident in turn.
  await wall.goto('/#/wall?rotate=5');
  await expect(wall.getByRole('heading', { level: 1, name: 'Open incidents' })).toBeVisible();
  await expect(wall.getByText(/1 of 4 · next in \d s/)).toBeVisible();
  await expect(wall.getByRole('heading', { level: 1, name: LONG })).toBeVisible({ timeout: 12_000 });
  await expect(wall.getByText(/2 of 4/)).toBeVisible();
  await expectFits(wall, 'wall-rotation');
});

test('a wall with 20 open incidents keeps every tile whole at 1080p and 4K', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  for (let i = 1; i <= 20; i++) {
    if (i > 1) await page.getByRole('link', { name: /^Warroom$/ }).click();
    await declareIncident(page, `Incident ${i}: ${i % 3 === 0 ? LONG : 'Mail relay queueing outbound messages'}`);
  }
  const wall = await context.newPage();
  for (const [width, height, label] of [
    [1920, 1080, '1080p'],
    [3840, 2160, '4k'],
  ] as const) {
    await wall.setViewportSize({ width, height });
    await wall.goto(`/#/wall?zones=${ZONES}&rotate=0`);
    await expect(wall.getByRole('heading', { level: 2 })).toHaveCount(20);
    await expectFits(wall, `wall-overview-20-${label}`);
  }
});
