/**
 * The console on the 1366x768 laptop that drives the room and on a 4K screen:
 * the view's content gets most of the screen, the header keeps what a
 * commander reads at a glance, alerts never cover a control, and the console
 * grows with the screen instead of leaving it empty.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

import { composer, declareIncident, logEntries } from './console';

const LAPTOP = { width: 1366, height: 768 };

/** The height the active view gets: from under the view links to the top of the entry box. */
function viewHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const views = document.querySelector('.incident-views')!.getBoundingClientRect();
    const entry = document.querySelector('.composer')!.getBoundingClientRect();
    return entry.top - views.bottom;
  });
}

/** Whether a click at the middle of the element lands on it, not on something drawn over it. */
async function expectUncovered(locator: Locator, what: string) {
  await expect(locator, what).toBeInViewport({ ratio: 1 });
  const onTop = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
  expect(onTop, `${what} is covered`).toBe(true);
}

async function openIncident(page: Page, title: string): Promise<string> {
  await page.goto('/');
  await declareIncident(page, title);
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
}

test('at 1366x768 every view gets at least 60 % of the screen, with the header facts and the comms draft and Send in sight', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  const id = await openIncident(page, 'Card payments fail at checkout for every customer in the EU region since the deploy');
  await logEntries(page, ['/o Error rate on checkout-api at 38 % and rising', '/d Freeze all deploys']);

  for (const view of ['', '/hypotheses', '/people', '/comms', '/review']) {
    await page.goto(`/#/incidents/${encodeURIComponent(id)}${view}`);
    await expect(composer(page)).toBeVisible();
    expect(await viewHeight(page), `the view${view || ' /timeline'}`).toBeGreaterThanOrEqual(0.6 * LAPTOP.height);
    // What a commander reads at a glance stays in sight on every view.
    const header = page.locator('.incident-header');
    await expect(header.getByText(/^P[1-5] · /)).toBeInViewport();
    await expect(header.locator('.badge.tier')).toBeInViewport();
    await expect(page.getByRole('combobox', { name: 'Status' })).toBeInViewport();
    await expect(header.getByText(/Incident commander|No incident commander/).first()).toBeInViewport();
    await expect(header.locator('.sla-clock')).toBeInViewport();
    // The page itself never scrolls: only a view's own content does.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), `the page scrolls on ${view || '/timeline'}`).toBeLessThanOrEqual(0);
  }

  await page.goto(`/#/incidents/${encodeURIComponent(id)}/comms`);
  await expectUncovered(page.getByRole('textbox', { name: /^Message/ }).first(), 'the message draft');
  await expectUncovered(page.getByRole('button', { name: /^Send/ }).first(), 'Send');
});

test('alerts gather in one band with a count, fold away, and never cover a control', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await page.clock.install();
  await openIncident(page, 'VPN concentrator dropping sessions');
  await openIncident(page, 'Mail relay queueing outbound messages');
  // Long enough for every clock of both incidents to warn and run out, and the first updates to be late.
  await page.clock.fastForward('45:00');
  const band = page.getByRole('region', { name: /^Alerts/ });
  await expect(band).toBeVisible();
  await expect(band.getByText(/^\d+ alerts$/)).toBeVisible();
  const count = Number((await band.getByText(/^\d+ alerts$/).textContent())!.split(' ')[0]);
  expect(count).toBeGreaterThanOrEqual(3);

  // Folded, the band is one line; opened, it lists every alert; neither covers a control.
  const controls = [
    page.getByRole('button', { name: /^Escalate/ }),
    page.getByRole('combobox', { name: 'Status' }),
    page.getByRole('button', { name: 'Reprioritise…' }),
    page.getByRole('button', { name: 'Log', exact: true }),
  ];
  for (const control of controls) await expectUncovered(control, `${await control.textContent()} with the band folded`);
  await band.getByRole('button', { name: /^Show all/ }).click();
  await expect(band.getByRole('listitem')).toHaveCount(count);
  for (const control of controls) await expectUncovered(control, `${await control.textContent()} with the band open`);
  expect(await viewHeight(page)).toBeGreaterThan(0);

  // Dismissing one lowers the count; the last one dismissed takes the band away.
  await band.getByRole('button', { name: /^Dismiss/ }).first().click();
  await expect(band.getByText(new RegExp(`^${count - 1} alerts?$`))).toBeVisible();
});

test('at 4K the console is the 1080p layout, larger: the same share of the screen, text twice the size', async ({ page }) => {
  const id = await openIncident(page, 'Status page slow for EU customers');
  await logEntries(page, ['/o Latency at 4 s on the status page']);
  const measure = async (width: number, height: number) => {
    await page.setViewportSize({ width, height });
    await page.goto(`/#/incidents/${encodeURIComponent(id)}`);
    await expect(page.locator('.row-text').filter({ hasText: 'Latency at 4 s' })).toBeVisible();
    return page.evaluate(() => {
      const share = (selector: string) => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return { height: r.height / window.innerHeight, width: r.width / window.innerWidth };
      };
      return {
        text: parseFloat(getComputedStyle(document.querySelector('.row-text')!).fontSize),
        header: share('.incident-header'),
        composer: share('.composer'),
        title: parseFloat(getComputedStyle(document.querySelector('#incident-title')!).fontSize),
      };
    });
  };
  const hd = await measure(1920, 1080);
  const uhd = await measure(3840, 2160);
  expect(uhd.text).toBeCloseTo(2 * hd.text, 0);
  expect(uhd.title).toBeCloseTo(2 * hd.title, 0);
  expect(uhd.header.height).toBeCloseTo(hd.header.height, 1);
  expect(uhd.composer.height).toBeCloseTo(hd.composer.height, 1);
});
