import { describe, expect, it } from 'vitest';

import { cleanLine, cleanMultiline, hasForbiddenControlChars, nameKey, parseList } from './text';

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
    expect(parseList('Pay  Roll, pay roll')).toEqual(['Pay Roll']);
  });

  it('keys a name the same whatever its case, spacing, line breaks or Unicode composition', () => {
    const key = nameKey('ada lovelace');
    for (const variant of ['Ada  Lovelace', ' ADA\tLOVELACE ', 'Ada\nLovelace', 'Ada\u00a0Lovelace', 'Ada\u0007 Lovelace']) expect(nameKey(variant)).toBe(key);
    expect(nameKey('Jos\u00e9')).toBe(nameKey('Jose\u0301'));
    expect(nameKey('Ada Lovelace')).not.toBe(nameKey('Ada Lovelac'));
    expect(nameKey('   ')).toBe('');
  });
});
