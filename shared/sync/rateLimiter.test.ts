import { describe, expect, it } from 'vitest';

import { RateLimiter } from './rateLimiter';

const LIMITS = { requestsPerSecond: 1, requestBurst: 2, eventsPerSecond: 10, eventBurst: 20 };

describe('RateLimiter', () => {
  it('lets a burst through, then says how long to wait, per key', () => {
    const limiter = new RateLimiter(LIMITS);
    expect([limiter.take('a', 1, 0), limiter.take('a', 1, 0), limiter.take('a', 1, 0)]).toEqual([0, 0, 1000]);
    expect(limiter.take('b', 1, 0)).toBe(0);
    expect(limiter.take('a', 1, 1000)).toBe(0);
  });

  it('lets go of keys whose buckets refilled, so a stream of new addresses does not grow it without end', () => {
    const limiter = new RateLimiter(LIMITS);
    for (let i = 0; i < 10_001; i++) limiter.take(`old-${i}`, 1, 0);
    // Long after: every old bucket is full again, and is let go once the map has doubled.
    for (let i = 0; i < 10_002; i++) limiter.take(`new-${i}`, 1, 60_000);
    expect(limiter.size).toBe(10_002);
    // A key let go starts full, as it would have been.
    expect([limiter.take('old-1', 1, 60_000), limiter.take('old-1', 1, 60_000), limiter.take('old-1', 1, 60_000)]).toEqual([0, 0, 1000]);
  });
});
