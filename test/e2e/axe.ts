/** axe-core's verdict on a page as it stands: one line per violation, naming where and why. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function describe(violations: readonly Pick<Result, 'id' | 'nodes'>[]): string[] {
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
}

/**
 * Runs every rule axe enables by default and reads only the violations (axe
 * then details no passing node, the larger part of its work on a full page).
 * axe is loaded into the page once and stays for its route changes. A page
 * with frames goes through AxeBuilder, which checks inside each frame too
 * (but opens a page of its own for every check, a second or two each).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (page.frames().length > 1) {
    const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    return describe(results.violations);
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map(({ id, nodes }) => ({ id, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  return describe(violations as Pick<Result, 'id' | 'nodes'>[]);
}
