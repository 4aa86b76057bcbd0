/**
 * Who is on call, in Chromium with its own IndexedDB and no hub: the people
 * to reach and a roster made in Settings, shifts imported from a calendar
 * file, the on-call page answering for now and for Saturday at 03:00, an
 * override, and the wall's on-call lane.
 */
import { expect, test } from '@playwright/test';

import { axeViolations } from './axe';
import { openConsole } from './hub';

/** Nightly shifts for Cy from today at 20:00 UTC, for a week. */
function nightShifts(): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    'UID:night',
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${day}T200000Z`,
    `DTEND:${day}T230000Z`,
    'RRULE:FREQ=DAILY;COUNT=7',
    'SUMMARY:On call: Cy',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}

test('people and a roster made in Settings answer who is on call now and on Saturday at 03:00, offline, with overrides and a wall lane', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page } = await openConsole(browser, 'Ada');
  await page.goto('/#/settings');

  const people = page.getByRole('region', { name: 'People and how to reach them' });
  for (const [n, name, phone] of [
    [1, 'Ada Lovelace', '+45 11 22 33 44'],
    [2, 'Ben Okri', ''],
  ] as const) {
    await people.getByRole('button', { name: 'Add a person' }).click();
    await people.getByLabel(`Name of person ${n}`).fill(name);
    await people.getByLabel(`Phone of person ${n}`).fill(phone);
  }
  await people.getByLabel('Push topic of person 1').fill('ada-pager');
  await people.getByRole('button', { name: 'Save the people' }).click();
  await expect(page.getByText('People and how to reach them saved', { exact: false })).toBeVisible();

  const rosters = page.getByRole('region', { name: 'On-call rosters' });
  await rosters.getByRole('button', { name: 'Add a roster…' }).click();
  const dialog = page.getByRole('dialog', { name: 'A new on-call roster' });
  await dialog.getByLabel('Name', { exact: true }).fill('Payments on call');
  await dialog.getByLabel('Services it answers for').fill('Payments API, Checkout');
  await dialog.getByLabel('Time zone').fill('Europe/Copenhagen');
  await dialog.getByLabel('People, in the order they take turns').fill('Ada Lovelace\nBen Okri');
  // Turns of a day, the first beginning a week ago at 09:00.
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('The first turn begins on').fill(weekAgo);
  await dialog.getByLabel('Each turn lasts (days)').fill('1');
  await dialog.getByLabel(/It has a secondary/).check();
  const secondary = dialog.getByRole('group', { name: 'Secondary' });
  await secondary.getByLabel('Shifts from a calendar').check();
  const file = secondary.getByLabel('Import shifts from an iCalendar file (.ics)…');
  // A rule whose next occurrence never comes (30 February): read on a worker, given up on, and the console stays usable.
  const never = nightShifts().replace('RRULE:FREQ=DAILY;COUNT=7', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30');
  await file.setInputFiles({ name: 'never.ics', mimeType: 'text/calendar', buffer: Buffer.from(never) });
  await expect(secondary.getByRole('alert')).toContainText('took more than 5 seconds to read', { timeout: 15_000 });
  await file.setInputFiles({ name: 'nights.ics', mimeType: 'text/calendar', buffer: Buffer.from(nightShifts()) });
  await expect(secondary.getByText(/7 shifts read for Cy/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save the roster' }).click();
  await expect(rosters.getByText(/Not among the people to reach: Cy/)).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('on call');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'On call' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Payments on call' }) });
  const primary = card.locator('.oncall-level', { hasText: 'Primary' }).locator('dd');
  await expect(primary).toContainText(/Ada Lovelace|Ben Okri/);
  await expect(card).toContainText('Answers for Payments API, Checkout');

  // Saturday at 03:00 next week: a turn of Ada's or Ben's, whichever the days give, with the next named.
  const saturday = new Date();
  saturday.setDate(saturday.getDate() + ((6 - saturday.getDay() + 7) % 7 || 7));
  const asked = `${saturday.getFullYear()}-${String(saturday.getMonth() + 1).padStart(2, '0')}-${String(saturday.getDate()).padStart(2, '0')}T03:00`;
  await page.getByLabel('At', { exact: true }).fill(asked);
  await expect(page.locator('.oncall-showing')).toContainText('Showing who is on call on');
  await expect(primary).toContainText(/then (Ada Lovelace|Ben Okri)/);

  await card.getByRole('button', { name: /Put someone else on call/ }).click();
  const override = page.getByRole('dialog', { name: 'Put someone else on call: Payments on call' });
  await override.getByLabel('Who').fill('Ben Okri');
  await override.getByLabel('Why (optional)').fill('Swapped with Ada');
  await override.getByRole('button', { name: 'Put them on call' }).click();
  await expect(primary).toContainText('Ben Okri');
  await expect(primary).toContainText('Override');
  await expect(card.getByText(/Primary: Ben Okri/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto('/#/wall');
  const lane = page.getByRole('complementary', { name: 'On call' });
  await expect(lane).toContainText('Payments on call');
  await expect(lane).toContainText(/Primary: (Ada Lovelace|Ben Okri)/);
});
