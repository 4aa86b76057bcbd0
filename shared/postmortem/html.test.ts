import { describe, expect, it } from 'vitest';

import { escapeHtml } from '../comms/statusPage';
import { POSTMORTEM_CSP, postmortemHtml, rowAnchor } from './html';
import { sampleLabels } from './sampleLabels';
import { sampleDocument } from './testing';

// The page's behaviour in a browser (no script runs, no request leaves, each entry once) is checked
// in Chromium by test/e2e/postmortemExport.spec.ts; these check what the text itself must hold.
describe('the post-mortem as an HTML page', () => {
  const { sample, doc } = sampleDocument();
  const html = postmortemHtml(doc, 'Europe/Copenhagen', sampleLabels);

  it('is one self-contained page: its language, a strict CSP, inline styles, nothing to fetch or run', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">`);
    expect(POSTMORTEM_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|img|link|iframe|object|embed|form|base)\b|\s(src|srcset|action|on\w+)="|\shref="(?!#)/i);
    expect(postmortemHtml(doc, 'Europe/Copenhagen', { ...sampleLabels, lang: 'da' })).toContain('<html lang="da">');
  });

  it('escapes every value people typed', () => {
    expect(html).toContain(escapeHtml('Payments <b>down</b> & "checkout" | failing'));
    expect(html).not.toContain('<b>down</b>');
    for (const row of doc.timeline) expect(html).toContain(escapeHtml(row.text));
  });

  it('gives each timeline row an anchor the key events link to, and marks key and struck rows in words', () => {
    for (const row of doc.timeline) expect(html).toContain(`<tr id="${rowAnchor(row.number)}"`);
    for (const key of doc.keyEvents) expect(html).toContain(`href="#${rowAnchor(key.number)}"`);
    expect(html).toContain('<span class="mark">★ Key event</span>');
    const struck = doc.timeline.find((r) => r.id === sample.struckId)!;
    expect(html).toContain(`<tr id="${rowAnchor(struck.number)}" class="key struck">`);
    expect(html).toContain('<del>logged against the wrong incident</del>');
    // A corrected row says what it first said, escaped like everything people typed.
    expect(html).toContain(escapeHtml('Originally: “typo in the frist version”'));
  });

  it('prints on A4 without cutting rows in half', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{[^}]*\}[\s\S]*tr, li, dl\.facts > \* \{ break-inside: avoid; \}/);
  });
});
