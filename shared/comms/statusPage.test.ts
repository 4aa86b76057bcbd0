import { describe, expect, it } from 'vitest';

import { STATUS_PAGE_CSP, escapeHtml, statusPageHtml, type StatusPageInput } from './statusPage';

const input: StatusPageInput = {
  lang: 'en-GB',
  pageTitle: 'Service status',
  incident: { title: 'Checkout unavailable', status: 'Investigating', resolved: false, impact: 'Orders cannot be placed.', services: ['Checkout', 'Payments'] },
  updates: [
    { at: '2026-11-21T12:30:00.000Z', heading: 'Update', text: 'A fix is being deployed.\nNext update at 13:00.' },
    { at: '2026-11-21T12:00:00.000Z', heading: 'Investigating', text: 'We are looking into it.' },
  ],
  generatedAt: '2026-11-21T12:31:00.000Z',
  labels: {
    currentStatus: 'Current status',
    affectedServices: 'Affected services',
    impact: 'Impact',
    updates: 'Updates',
    lastUpdated: 'Last updated',
    noServices: 'No specific service',
  },
  formatTime: (iso) => `at ${iso.slice(11, 16)} UTC`,
};

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(1)>"'&amp;<!-- </style><style>*{display:none}</style> <a href="javascript:x">`;

function hostilePage(): string {
  return statusPageHtml({
    lang: `en"><script>alert(1)</script>`,
    pageTitle: HOSTILE,
    incident: { title: HOSTILE, status: HOSTILE, resolved: false, impact: HOSTILE, services: [HOSTILE] },
    updates: [{ at: `"><script>x</script>`, heading: HOSTILE, text: HOSTILE }],
    generatedAt: HOSTILE,
    labels: {
      currentStatus: HOSTILE,
      affectedServices: HOSTILE,
      impact: HOSTILE,
      updates: HOSTILE,
      lastUpdated: HOSTILE,
      noServices: HOSTILE,
    },
    formatTime: () => HOSTILE,
  });
}

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('statusPageHtml', () => {
  const html = statusPageHtml(input);

  it('is a complete, self-contained document with a strict policy', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${STATUS_PAGE_CSP}">`);
    expect(STATUS_PAGE_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import/i);
  });

  it('has the semantic structure', () => {
    expect(html).toContain('<h1>Service status</h1>');
    expect(html).toContain('>Checkout unavailable</h2>');
    expect(html).toContain('<ul><li>Checkout</li><li>Payments</li></ul>');
    expect(html.match(/<h3>/g)).toHaveLength(2);
    expect(html).toContain('<time datetime="2026-11-21T12:30:00.000Z">at 12:30 UTC</time>');
    expect(html).toContain('<time datetime="2026-11-21T12:31:00.000Z">at 12:31 UTC</time>');
    expect(html).toContain('Orders cannot be placed.');
    expect(html.indexOf('Update</h3>')).toBeLessThan(html.indexOf('Investigating</h3>'));
  });

  it('keeps line breaks of the updates', () => {
    expect(html).toContain('A fix is being deployed.\nNext update at 13:00.');
    expect(html).toMatch(/\.text \{[^}]*white-space: pre-wrap/);
  });

  it('shows the status in words with a symbol, and differs between ongoing and resolved', () => {
    expect(html).toMatch(/class="status status-ongoing"><span class="symbol" aria-hidden="true">[^<]+<\/span>Investigating</);
    const resolved = statusPageHtml({ ...input, incident: { ...input.incident, status: 'Resolved', resolved: true } });
    expect(resolved).toMatch(/class="status status-resolved"><span class="symbol" aria-hidden="true">[^<]+<\/span>Resolved</);
    const symbol = (page: string) => /aria-hidden="true">([^<]+)</.exec(page)![1];
    expect(symbol(resolved)).not.toBe(symbol(html));
  });

  it('says so when no service is named', () => {
    const page = statusPageHtml({ ...input, incident: { ...input.incident, services: [] } });
    expect(page).toContain('No specific service');
    expect(page).not.toContain('<ul>');
  });

  it('escapes every piece of text', () => {
    const page = hostilePage();
    expect(page).not.toMatch(/<script|<img|<a |<!--|<\/style><style>/i);
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;amp;');
    expect(page).toContain('<html lang="en&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(page).toContain('<time datetime="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">');
  });

  it('copes with a megabyte update', () => {
    const text = '<b>'.repeat(350_000);
    const page = statusPageHtml({ ...input, updates: [{ ...input.updates[0]!, text }] });
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;b&gt;'.repeat(1000));
  });
});
