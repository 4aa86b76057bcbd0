import { describe, expect, it } from 'vitest';

import { JoinThrottle } from './joinThrottle';

const T = Date.UTC(2026, 11, 6, 12);

describe('JoinThrottle', () => {
  it('lets the first attempts through, then doubles the wait up to its ceiling, per address', () => {
    const throttle = new JoinThrottle({ joinAttempts: 2, joinBackoffMs: 1000, joinBackoffMaxMs: 5000 });
    throttle.attempted('10.0.0.1', T);
    throttle.attempted('10.0.0.1', T);
    expect(throttle.waitFor('10.0.0.1', T)).toBe(0);
    const waits = [];
    for (let i = 0, now = T; i < 5; i++) {
      throttle.attempted('10.0.0.1', now);
      waits.push(throttle.waitFor('10.0.0.1', now));
      now += waits.at(-1)!;
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(throttle.waitFor('10.0.0.2', T)).toBe(0);
  });

  it('forgets an address after a quarter of an hour without attempts', () => {
    const throttle = new JoinThrottle({ joinAttempts: 1, joinBackoffMs: 1000, joinBackoffMaxMs: 60_000 });
    for (let i = 0; i < 6; i++) throttle.attempted('10.0.0.1', T);
    expect(throttle.waitFor('10.0.0.1', T)).toBe(16_000);
    const later = T + 15 * 60 * 1000 + 1;
    expect(throttle.waitFor('10.0.0.1', later)).toBe(0);
    throttle.attempted('10.0.0.1', later);
    expect(throttle.waitFor('10.0.0.1', later)).toBe(0);
  });
});
