import { describe, expect, it } from 'vitest';

import { parseTags } from './tags';

describe('parseTags', () => {
  it('folds case and spaces and drops duplicates and blanks', () => {
    expect(parseTags(' Database, DNS  outage,, database ,Ændring')).toEqual({ tags: ['database', 'dns-outage', 'ændring'], problem: null });
  });

  it('names the first tag it cannot store', () => {
    expect(parseTags('dns, <script>, ok').problem).toEqual({ kind: 'invalid', tag: '<script>' });
    expect(parseTags('-leading').problem).toEqual({ kind: 'invalid', tag: '-leading' });
    expect(parseTags('x'.repeat(41)).problem?.kind).toBe('invalid');
  });

  it('refuses more than twenty', () => {
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
    expect(parseTags(many).problem).toEqual({ kind: 'tooMany', max: 20 });
  });
});
