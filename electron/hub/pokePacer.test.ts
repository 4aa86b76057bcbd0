import { afterEach, describe, expect, it, vi } from 'vitest';

import { PokePacer } from './pokePacer';

afterEach(() => vi.useRealTimers());

describe('PokePacer', () => {
  it('pokes at once, then gathers the advances of an interval into one poke at its end, per space', () => {
    vi.useFakeTimers();
    const pokes: [string, number][] = [];
    const pacer = new PokePacer(50, (space, head) => pokes.push([space, head]), () => Date.now());
    pacer.advanced('a', 1);
    pacer.advanced('b', 7);
    expect(pokes).toEqual([
      ['a', 1],
      ['b', 7],
    ]);
    pacer.advanced('a', 2);
    pacer.advanced('a', 4);
    pacer.advanced('a', 3);
    expect(pokes).toHaveLength(2);
    vi.advanceTimersByTime(49);
    expect(pokes).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(pokes.at(-1)).toEqual(['a', 4]);
    // A quiet interval later: at once again.
    vi.advanceTimersByTime(100);
    pacer.advanced('a', 5);
    expect(pokes.at(-1)).toEqual(['a', 5]);
  });

  it('pokes no more once stopped', () => {
    vi.useFakeTimers();
    const pokes: number[] = [];
    const pacer = new PokePacer(50, (_space, head) => pokes.push(head), () => Date.now());
    pacer.advanced('a', 1);
    pacer.advanced('a', 2);
    pacer.stop();
    vi.advanceTimersByTime(1000);
    expect(pokes).toEqual([1]);
  });
});
