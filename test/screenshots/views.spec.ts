/**
 * Screenshots of every view of the console at the sizes it is used at: the
 * 1366x768 laptop that drives the room, a 1080p screen and a 4K screen. They
 * are for people to look at (docs/screenshots/); `npm run screenshots` takes
 * them. A view that does not fit is seen here first.
 */
import { test, type Page } from '@playwright/test';

import { declareIncident, logEntries, proposeHypothesis } from '../e2e/console';

const SIZES = [
  { width: 1366, height: 768, label: '768' },
  { width: 1920, height: 1080, label: '1080' },
  { width: 3840, height: 2160, label: '4k' },
] as const;

const OUT = process.env.WARROOM_SCREENSHOTS ?? 'docs/screenshots';

async function seed(page: Page): Promise<string> {
  await page.goto('/');
  await declareIncident(page, 'Card payments fail at checkout in the EU');
  await logEntries(page, [
    '/o Error rate on checkout-api at 38 % and rising',
    '/a Paged the payments on-call and the network team',
    '/d Freeze all deploys until the gateway is understood',
    '/o Rollback of gateway v2.14 started',
    'Customer support reports a spike in tickets from Germany',
    '/a Status page updated for customers',
    '/o Latency back under 300 ms in eu-west',
  ]);
  await page.keyboard.press('Alt+3');
  for (const [role, person] of [
    ['Incident commander', 'Ada Lovelace'],
    ['Scribe', 'Linus Pauling'],
    ['Communications lead', 'Margaret Hamilton'],
  ] as const) {
    await page.getByRole('button', { name: `Assign ${role}` }).click();
    const dialog = page.getByRole('dialog', { name: `Assign ${role}` });
    await dialog.getByLabel('Person').fill(person);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }
  await page.keyboard.press('Alt+2');
  for (const [statement, owner] of [
    ['The 14:02 gateway deploy exhausted the retry budget', 'Ada Lovelace'],
    ['A certificate rotation broke mutual TLS to the card processor', 'Grace Hopper'],
  ] as const) {
    await proposeHypothesis(page, statement, owner);
  }
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
}

test('every view at 1366x768, 1080p and 4K', async ({ page }) => {
  test.setTimeout(300_000);
  const id = await seed(page);
  const incident = `/#/incidents/${encodeURIComponent(id)}`;
  const views: [string, string][] = [
    ['incidents', '/#/'],
    ['timeline', incident],
    ['hypotheses', `${incident}/hypotheses`],
    ['people', `${incident}/people`],
    ['comms', `${incident}/comms`],
    ['postmortem', `${incident}/review`],
    ['search', '/#/search'],
    ['metrics', '/#/metrics'],
    ['actions', '/#/actions'],
    ['settings', '/#/settings'],
    ['sync', '/#/sync'],
  ];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const [name, url] of views) {
      await page.goto(url);
      await page.locator('main').first().waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${OUT}/${name}-${size.label}.png` });
    }
  }
});
