import { describe, expect, it } from 'vitest';

import { RETRY_MAX_MS, retryDelay } from './retryPolicy';

describe('retry policy', () => {
  it('never waits longer than the cap between attempts, however long the hub is away', () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      let previous = 0;
      for (let failures = 0; failures < 5000; failures++) {
        const delay = retryDelay(failures, () => r);
        expect(delay).toBeGreaterThan(0);
        expect(delay).toBeLessThanOrEqual(RETRY_MAX_MS);
        expect(delay).toBeGreaterThanOrEqual(previous);
        previous = delay;
      }
    }
    // Jitter spreads a room's consoles over the upper half of the wait.
    expect(retryDelay(20, () => 0)).toBe(RETRY_MAX_MS / 2);
  });
});
