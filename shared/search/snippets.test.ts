import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { highlightRanges, plainLine, snippetOf, SNIPPET_WIDTH, type Snippet } from './snippets';
import { foldTerm } from './tokenize';

const marked = (snippet: Pick<Snippet, 'text' | 'highlights'>) => snippet.highlights.map((h) => snippet.text.slice(h.start, h.end));

describe('highlighting', () => {
  it('marks every form of a matched word, in the original spelling', () => {
    const text = 'Hændelse 42: haendelse igen. HÆNDELSE!';
    const ranges = highlightRanges(text, new Set(['haendelse']));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Hændelse', 'haendelse', 'HÆNDELSE']);
  });
});

describe('snippets', () => {
  it('shows a short text whole, with the matched words marked', () => {
    const text = 'Failover to the warm standby in Aarhus restored checkout';
    const snippet = snippetOf(text, highlightRanges(text, new Set(['standby', 'aarhus'])));
    expect(snippet).toMatchObject({ text, cutBefore: false, cutAfter: false });
    expect(marked(snippet)).toEqual(['standby', 'Aarhus']);
  });

  it('cuts a long text around its matches, on word boundaries', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    words[120] = 'deadlock';
    const text = words.join(' ');
    const snippet = snippetOf(text, highlightRanges(text, new Set(['deadlock'])));
    expect(snippet.cutBefore).toBe(true);
    expect(snippet.cutAfter).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_WIDTH);
    expect(marked(snippet)).toEqual(['deadlock']);
    expect(snippet.text.split(' ').every((w) => /^word\d+$|^deadlock$/.test(w))).toBe(true);
  });

  it('prefers the stretch where the matched words come together', () => {
    const filler = (n: number) => Array.from({ length: n }, () => 'lorem').join(' ');
    const text = `pool ${filler(60)} connection pool exhausted ${filler(60)} exhausted`;
    const snippet = snippetOf(text, highlightRanges(text, new Set(['connection', 'pool', 'exhausted'])));
    expect(marked(snippet).slice(0, 3)).toEqual(['connection', 'pool', 'exhausted']);
  });

  it('keeps markup as text and its ranges on the words', () => {
    const text = '<script>alert("x")</script><b onclick="steal()">payments</b> &amp; <img src=x onerror=alert(1)>';
    const snippet = snippetOf(text, highlightRanges(text, new Set(['script', 'payments', 'onerror'])));
    expect(snippet.text).toBe(text);
    expect(marked(snippet)).toEqual(['script', 'script', 'payments', 'onerror']);
  });

  it('turns control characters, line breaks and bidi overrides into single spaces', () => {
    const text = 'disk\u0000full\r\n\ton\u001b[31m db01 \u202Eevil\u2066 \u200Bx';
    const snippet = snippetOf(text, highlightRanges(text, new Set(['db01', 'evil'])));
    expect(snippet.text).toBe('disk full on [31m db01 evil x');
    expect(marked(snippet)).toEqual(['db01', 'evil']);
    // eslint-disable-next-line no-control-regex -- what must not be left
    expect(snippet.text).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('finds a word deep inside a megabyte of log output', () => {
    const line = 'GET /api/v1/orders 200 12ms upstream=orders-7f9c\n';
    const half = line.repeat(Math.ceil(500_000 / line.length));
    const text = `${half}FATAL kernel: Out of memory: Killed process 4242 (postgres)\n${half}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const snippet = snippetOf(text, highlightRanges(text, new Set(['postgres', 'fatal'])));
    expect(marked(snippet)).toEqual(['FATAL', 'postgres']);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_WIDTH);
    expect(snippet.text).not.toContain('\n');
  });

  it('never splits a character made of two code units', () => {
    const text = `${'🔥'.repeat(100)} outage ${'🔥'.repeat(100)}`;
    const snippet = snippetOf(text, highlightRanges(text, new Set(['outage'])));
    expect(snippet.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(marked(snippet)).toEqual(['outage']);
  });

  it('starts at the beginning when nothing in the text matched', () => {
    expect(snippetOf('Rolled back the release', [])).toMatchObject({ text: 'Rolled back the release', highlights: [], cutBefore: false });
  });

  it('marks exactly the matched words in any text (property)', () => {
    const word = fc.constantFrom('dns', 'Hændelse', 'timeout', 'cafe\u0301', '<b>', '\u0000', '\n', '🔥', '  ', 'x'.repeat(30), '\u202E');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 120 }), (parts) => {
        const text = parts.join(' ');
        const terms = new Set(['dns', 'haendelse', 'cafe']);
        const snippet = snippetOf(text, highlightRanges(text, terms));
        for (const h of snippet.highlights) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeLessThanOrEqual(snippet.text.length);
          expect(terms.has(foldTerm(snippet.text.slice(h.start, h.end)))).toBe(true);
        }
        // eslint-disable-next-line no-control-regex -- what must not be left
        expect(snippet.text).not.toMatch(/[\u0000-\u001f\u202e]/);
      }),
    );
  });
});

describe('plain lines', () => {
  it('moves highlights along when spaces collapse', () => {
    const line = plainLine('  a\n\n\nbb   c ', [{ start: 6, end: 8 }]);
    expect(line.text).toBe('a bb c');
    expect(line.text.slice(line.highlights[0]!.start, line.highlights[0]!.end)).toBe('bb');
  });
});
