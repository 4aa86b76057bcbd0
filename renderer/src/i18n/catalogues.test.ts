import { describe, expect, it } from 'vitest';

import { compareCatalogues, describeCatalogueDiff, isCatalogueComplete, placeholderNames } from './catalogueDiff';
import { da } from './da';
import { en } from './en';

describe('the Danish catalogue', () => {
  it('has exactly the English keys, none blank, each with the same placeholders', () => {
    const diff = compareCatalogues(en, da);
    expect(isCatalogueComplete(diff), describeCatalogueDiff(diff)).toBe(true);
  });
});

describe('the English catalogue', () => {
  it('has no blank message', () => {
    expect(compareCatalogues(en, en).blank).toEqual([]);
  });
});

describe('comparing catalogues', () => {
  const reference = { 'a.title': 'Incidents', 'a.count': '{count} of {total} events', 'a.by': 'by {name}' };

  it('passes a translation with the same keys and placeholders, in any order', () => {
    const diff = compareCatalogues(reference, { 'a.by': 'af {name}', 'a.count': '{total}: {count} hændelser', 'a.title': 'Hændelser' });
    expect(isCatalogueComplete(diff)).toBe(true);
    expect(describeCatalogueDiff(diff)).toBe('');
  });

  it('names a missing and an unknown key', () => {
    const diff = compareCatalogues(reference, { 'a.title': 'Hændelser', 'a.count': '{count} af {total}', 'a.extra': 'Ekstra' });
    expect(diff.missing).toEqual(['a.by']);
    expect(diff.unknown).toEqual(['a.extra']);
    expect(isCatalogueComplete(diff)).toBe(false);
    expect(describeCatalogueDiff(diff)).toContain('Missing keys (1):\n  a.by');
    expect(describeCatalogueDiff(diff)).toContain('Unknown keys (1):\n  a.extra');
  });

  it('catches a renamed, dropped or added placeholder', () => {
    const diff = compareCatalogues(reference, { 'a.title': 'Hændelser {extra}', 'a.count': '{antal} af {total}', 'a.by': 'af nogen' });
    expect(diff.placeholders).toEqual([
      { key: 'a.title', reference: [], translation: ['extra'] },
      { key: 'a.count', reference: ['count', 'total'], translation: ['antal', 'total'] },
      { key: 'a.by', reference: ['name'], translation: [] },
    ]);
    expect(describeCatalogueDiff(diff)).toContain('a.count: expected {count}, {total} but found {antal}, {total}');
  });

  it('catches blank messages on either side', () => {
    const diff = compareCatalogues({ ...reference, 'a.empty': '' }, { ...reference, 'a.title': '  ', 'a.empty': 'Tom' });
    expect(diff.blank).toEqual(['a.title', 'a.empty']);
    expect(isCatalogueComplete(diff)).toBe(false);
  });

  it('reads placeholder names once each, sorted', () => {
    expect(placeholderNames('{b} then {a}, again {b}; not {a-b} or { c }')).toEqual(['a', 'b']);
  });
});
