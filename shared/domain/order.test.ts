import { describe, expect, it } from 'vitest';

import { byKeys, byText } from './order';

describe('time order', () => {
  it('orders ISO times by their characters, not by locale', () => {
    const times = ['2026-01-02T10:00:00.000Z', '2026-01-01T23:59:59.999Z', '2026-01-02T09:00:00.000Z'];
    expect([...times].sort(byText)).toEqual(['2026-01-01T23:59:59.999Z', '2026-01-02T09:00:00.000Z', '2026-01-02T10:00:00.000Z']);
    expect(['b', 'B', 'a'].sort(byText)).toEqual(['B', 'a', 'b']);
  });

  it('breaks ties with the next key', () => {
    const rows = [
      { at: 't2', id: 'a' },
      { at: 't1', id: 'z' },
      { at: 't1', id: 'b' },
    ];
    expect(rows.sort(byKeys((r) => r.at, (r) => r.id)).map((r) => r.id)).toEqual(['b', 'z', 'a']);
    expect(byKeys<{ at: string }>((r) => r.at)({ at: 'x' }, { at: 'x' })).toBe(0);
  });
});
