import { describe, expect, it } from 'vitest';

import { foldTerm, indexTerms, queryWords, tokenize } from './tokenize';

describe('folding words', () => {
  it('spells Danish letters out as Danish does without them', () => {
    expect(foldTerm('Hændelse')).toBe('haendelse');
    expect(foldTerm('haendelse')).toBe('haendelse');
    expect(foldTerm('Strømsvigt')).toBe('stroemsvigt');
    expect(foldTerm('Århus')).toBe('aarhus');
    expect(foldTerm('ÆØÅ')).toBe('aeoeaa');
  });

  it('drops accents, whether the text came composed or decomposed', () => {
    expect(foldTerm('Café')).toBe('cafe');
    expect(foldTerm('Cafe\u0301')).toBe('cafe');
    expect(foldTerm('naïve')).toBe('naive');
    expect(foldTerm('Straße')).toBe('strasse');
  });

  it('folds the same word the same way every time', () => {
    for (const word of ['hændelse', 'HÆNDELSE', 'haendelse', 'Haendelse']) expect(foldTerm(word)).toBe('haendelse');
    expect(foldTerm(foldTerm('Århus'))).toBe(foldTerm('Århus'));
  });
});

describe('tokenizing', () => {
  it('splits on punctuation, keeps numbers, and knows where each word stands', () => {
    const text = 'checkout-api: 502s on 10.0.4.17 (p99 > 2,5 s)';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['checkout', 'api', '502s', 'on', '10', '0', '4', '17', 'p99', '2', '5', 's']);
    for (const token of tokens) expect(foldTerm(text.slice(token.start, token.end))).toBe(token.term);
  });

  it('finds Danish words in Danish text, with their places in the original', () => {
    const text = 'Hændelsen skyldtes en fejl i DNS-opsætningen på Århus-sitet';
    const tokens = tokenize(text);
    const word = tokens.find((t) => t.term === 'aarhus')!;
    expect(text.slice(word.start, word.end)).toBe('Århus');
    expect(tokens.map((t) => t.term)).toContain('opsaetningen');
  });

  it('leaves stop words out of the index but not out of highlighting', () => {
    expect(indexTerms('The database and the cache')).toEqual(['database', 'cache']);
    expect(indexTerms('Fejlen var i databasen og i cachen')).toEqual(['fejlen', 'databasen', 'cachen']);
    expect(tokenize('the database').map((t) => t.term)).toEqual(['the', 'database']);
  });

  it('keeps hashes and pasted garbage out of the index', () => {
    expect(indexTerms(`token ${'a'.repeat(500)} end`)).toEqual(['token', 'end']);
  });

  it('treats markup and control characters as separators, not words', () => {
    expect(indexTerms('<script>alert("pwned")</script>\u0000\u001bnull\u202Eevil')).toEqual(['script', 'alert', 'pwned', 'script', 'null', 'evil']);
  });
});

describe('query words', () => {
  it('matches the last word as a prefix while it is being typed', () => {
    expect(queryWords('dns time')).toEqual([
      { term: 'dns', prefix: false },
      { term: 'time', prefix: true },
    ]);
    expect(queryWords('dns time ')).toEqual([
      { term: 'dns', prefix: false },
      { term: 'time', prefix: false },
    ]);
  });

  it('drops stop words, except one still being typed, and repeated words', () => {
    expect(queryWords('the cache and the')).toEqual([
      { term: 'cache', prefix: false },
      { term: 'the', prefix: true, optional: true },
    ]);
    expect(queryWords('cache cache ')).toEqual([{ term: 'cache', prefix: false }]);
  });

  it('does not treat a single letter as a prefix of every word', () => {
    expect(queryWords('dns x')).toEqual([
      { term: 'dns', prefix: false },
      { term: 'x', prefix: false },
    ]);
  });
});
