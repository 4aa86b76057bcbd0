import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MAX_FORWARD_DRIFT_MS, decodeHlc, encodeHlc, hlcTime, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('orders as strings exactly as it orders as numbers', () => {
    const part = fc.record({ ms: fc.integer({ min: 0, max: 2 ** 45 }), counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }) });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const numeric = a.ms - b.ms || a.counter - b.counter;
        const textual = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        expect(Math.sign(numeric)).toBe(textual);
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
      }),
    );
  });

  it('never goes backwards, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 42 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let last: string | null = null;
        for (const wall of walls) {
          const next = tickHlc(last, wall);
          if (last !== null) expect(next > last).toBe(true);
          expect(hlcTime(next)).toBeGreaterThanOrEqual(wall);
          last = next;
        }
      }),
    );
  });

  it('moves past a received clock value within the drift cap', () => {
    const wall = Date.UTC(2026, 0, 1);
    const remote = encodeHlc({ ms: wall + 60_000, counter: 7 });
    const { hlc, suspect } = receiveHlc(tickHlc(null, wall), remote, wall);
    expect(suspect).toBe(false);
    expect(hlc > remote).toBe(true);
  });

  it('does not follow a clock far in the future, and flags it', () => {
    const wall = Date.UTC(2026, 0, 1);
    const remote = encodeHlc({ ms: wall + 24 * 3_600_000, counter: 0 });
    const { hlc, suspect } = receiveHlc(null, remote, wall);
    expect(suspect).toBe(true);
    expect(hlcTime(hlc)).toBeLessThanOrEqual(wall + MAX_FORWARD_DRIFT_MS);
  });

  it('rolls into the next millisecond when the counter is exhausted', () => {
    const full = encodeHlc({ ms: 1000, counter: 36 ** 5 - 1 });
    expect(decodeHlc(tickHlc(full, 0))).toEqual({ ms: 1001, counter: 0 });
  });

  it('refuses malformed values with a clear error', () => {
    expect(() => decodeHlc('yesterday')).toThrow(/Not a clock value/);
    expect(() => encodeHlc({ ms: -1, counter: 0 })).toThrow(/Invalid clock time/);
  });
});
