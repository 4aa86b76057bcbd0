import { describe, expect, it } from 'vitest';

import { foldText, matchItems, matchRank } from './matchCommands';

const labels = ['Show timeline', 'Go to incident: Checkout returns 502', 'Eksportér hændelse…', 'Set status: Identified', 'Assign Incident commander…'];
const find = (query: string) => matchItems(labels, query, (label) => label);

describe('command matching', () => {
  it('ignores case and accents', () => {
    expect(foldText('Eksportér')).toBe('eksporter');
    expect(find('EKSPORTER')).toEqual(['Eksportér hændelse…']);
    expect(find('hændelse')).toEqual(['Eksportér hændelse…']);
  });

  it('needs every word typed, in any order', () => {
    expect(find('502 checkout')).toEqual(['Go to incident: Checkout returns 502']);
    expect(find('checkout 503')).toEqual([]);
  });

  it('ranks a label that starts with the text first, then words that start with it, then the rest', () => {
    expect(matchRank('Set status: Identified', 'set st')).toBe(0);
    expect(matchRank('Set status: Identified', 'ident')).toBe(1);
    expect(matchRank('Set status: Identified', 'dentif')).toBe(2);
    expect(matchRank('Set status: Identified', 'nothing')).toBeNull();
    // "in" starts "incident" in two labels and sits inside a word of a third; the two prefixes come first, each in its place.
    expect(find('in')).toEqual(['Go to incident: Checkout returns 502', 'Assign Incident commander…', 'Show timeline']);
    expect(find('s')[0]).toBe('Show timeline');
  });

  it('keeps every item, in order, for an empty query', () => {
    expect(find('  ')).toEqual(labels);
  });
});
