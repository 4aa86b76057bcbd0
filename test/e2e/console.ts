/** Steps a person takes in the console, for the end-to-end specs. */
import { expect, type Page } from '@playwright/test';

/**
 * How a step puts text in a field: at once, as a paste or an input method
 * does (one input event), or `typed` key by key. Key by key is for the tests
 * about typing itself; at once spares the many where it is only the way in.
 */
type Entering = { typed?: boolean };

function enterText(page: Page, options: Entering): (text: string) => Promise<void> {
  return options.typed ? (text) => page.keyboard.type(text) : (text) => page.keyboard.insertText(text);
}

/** Declares an incident from the list by keyboard: N, then the fields in tab order, then Enter. */
export async function declareIncident(page: Page, title: string, options: Entering = {}): Promise<void> {
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  const enter = enterText(page, options);
  // On a console where nobody is named yet, the dialog asks who is declaring first; else it is the last field.
  await page.waitForFunction(() => ['declare-title', 'declare-declaredBy'].includes(document.activeElement?.id ?? ''));
  const nameFirst = await dialog.getByLabel('Declared by').evaluate((el) => el === document.activeElement);
  if (nameFirst) {
    await enter('Ada Lovelace');
    await page.keyboard.press('Tab'); // title
  }
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await enter(title);
  await page.keyboard.press('Tab'); // kind
  await page.keyboard.press('Tab'); // services
  await enter('checkout-api, payments');
  if (!nameFirst) {
    await page.keyboard.press('Tab'); // impact
    await page.keyboard.press('Tab'); // urgency
    await page.keyboard.press('Tab'); // declared by
    await enter('Ada Lovelace');
  }
  // Enter in a text field declares.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Proposes a hypothesis from the board's button (the board is on screen), with its owner, and waits for the dialog to close. */
export async function proposeHypothesis(page: Page, statement: string, owner: string): Promise<void> {
  await page.getByRole('button', { name: 'Propose hypothesis' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propose a hypothesis' });
  await dialog.getByLabel('Hypothesis', { exact: true }).fill(statement);
  await dialog.getByLabel('Owner').fill(owner);
  await dialog.getByRole('button', { name: 'Propose' }).click();
  await dialog.waitFor({ state: 'detached' });
}

export const hypothesisCard = (page: Page, statement: string) => page.locator(`article[data-statement="${statement}"]`);
export const hypothesisColumn = (page: Page, status: string) => page.locator(`section.hypothesis-column[data-status="${status}"]`);

/**
 * Moves a hypothesis card one column right by keyboard, and waits until it is
 * there. A card drawn again just as it was focused (the board follows the
 * log live) loses the focus and the key: then it is focused and moved again,
 * unless the first move has landed meanwhile.
 */
export async function moveCardRight(page: Page, statement: string, to: string): Promise<void> {
  const moved = hypothesisColumn(page, to).locator(`article[data-statement="${statement}"]`);
  await expect(async () => {
    if (await moved.isVisible()) return;
    await hypothesisCard(page, statement).focus();
    await expect(hypothesisCard(page, statement)).toBeFocused();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(moved).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

export function composer(page: Page) {
  return page.getByRole('textbox', { name: 'Log entry' });
}

/** Logs each line by keyboard only: the text, Enter, wait until it is on the timeline as the log's own row (no longer being saved). */
export async function logEntries(page: Page, lines: string[], options: Entering = {}): Promise<void> {
  const enter = enterText(page, options);
  for (const line of lines) {
    await expect(composer(page)).toBeFocused();
    await enter(line);
    await page.keyboard.press('Enter');
    await expect(composer(page)).toHaveValue('');
    const shown = line.replace(/^(?:[/@]\S+\s+)+/, '');
    await expect(page.locator('.timeline-row[data-event-id] .row-text').filter({ hasText: shown }).first()).toBeVisible();
  }
}

/**
 * Every row of the (virtualised) timeline in order. Walks towards the first
 * row not yet read, half a screen at a time, each time waiting for the frames
 * in which the list draws the rows for where it now stands. A row missed
 * because the list drew late (a busy machine) is walked back to, not lost.
 */
export async function readTimeline(page: Page): Promise<string[]> {
  const region = page.getByRole('region', { name: 'Timeline' });
  await region.waitFor();
  await page.locator('li.timeline-item .row-text').first().waitFor();
  await region.evaluate((el) => el.scrollTo({ top: 0 }));
  const rows = new Map<number, string>();
  for (let step = 0; ; step++) {
    const seen = await region.evaluate((el) => {
      const items = Array.from(el.querySelectorAll('li.timeline-item'));
      return {
        rows: items.map((li) => ({ index: Number(li.getAttribute('data-index')), text: li.querySelector('.row-text')?.textContent ?? null })),
        total: Number(items[0]?.getAttribute('aria-setsize') ?? 0),
        atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 1,
      };
    });
    for (const { index, text } of seen.rows) if (text !== null) rows.set(index, text);
    if (rows.size >= seen.total) break;
    let wanted = 0;
    while (rows.has(wanted)) wanted++;
    const drawn = seen.rows.filter((row) => row.text !== null).map((row) => row.index);
    if (step > 20 * seen.total) throw new Error(`The timeline shows ${rows.size} of its ${seen.total} rows; row ${wanted + 1} never appeared`);
    const below = drawn.length > 0 && Math.max(...drawn) < wanted;
    if (below && seen.atEnd) {
      // At the end with rows still to draw: read again once the rows drawn change.
      await page
        .waitForFunction((n: number) => document.querySelectorAll('li.timeline-item .row-text').length !== n, drawn.length, { timeout: 10_000 })
        .catch(() => {
          throw new Error(`The timeline shows ${rows.size} of its ${seen.total} rows, and no more`);
        });
      continue;
    }
    // Scrolled towards the wanted row: the list redraws for the new position on its next frames.
    const direction = below || drawn.length === 0 ? 1 : Math.min(...drawn) > wanted ? -1 : 0;
    await region.evaluate(async (el, sign) => {
      el.scrollBy({ top: (sign * el.clientHeight) / 2 });
      for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    }, direction);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}
