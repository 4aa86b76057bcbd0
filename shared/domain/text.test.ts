import { describe, expect, it } from 'vitest';

import { cleanLine, cleanMultiline, hasForbiddenControlChars, parseList } from './text';

describe('text clean-up', () => {
  it('removes control characters and bidi overrides but keeps line breaks and tabs in multi-line text', () => {
    const dirty = 'a\u0000b\u0007c\r\nd\te\u202Ef\u009B';
    expect(cleanMultiline(dirty)).toBe('abc\nd\tef');
    expect(hasForbiddenControlChars(cleanMultiline(dirty))).toBe(false);
  });

  it('flattens single-line text', () => {
    expect(cleanLine('  DNS\n\tdown  ')).toBe('DNS down');
  });

  it('leaves HTML as text: it is rendered inert, not stripped', () => {
    expect(cleanLine('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('splits lists on commas and lines, dropping blanks and duplicates', () => {
    expect(parseList('checkout, DNS,\n dns ,, payments')).toEqual(['checkout', 'DNS', 'payments']);
  });
});
