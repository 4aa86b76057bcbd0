/**
 * Token buckets per device registry entry (which only a token the hub issued
 * opens, so a new device id is no new budget): one for requests, one for
 * events pushed. A console that floods the hub is told how long to wait;
 * others are unaffected.
 */
export type RateLimits = {
  requestsPerSecond: number;
  requestBurst: number;
  eventsPerSecond: number;
  eventBurst: number;
};

/** Generous for a person, and for a console catching up after a day offline (bursts of tens of thousands of events). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  requestsPerSecond: 50,
  requestBurst: 200,
  eventsPerSecond: 10_000,
  eventBurst: 100_000,
};

type Buckets = { requests: number; events: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Buckets>();

  constructor(private readonly limits: RateLimits = DEFAULT_RATE_LIMITS) {}

  /** Takes one request carrying `events` events; returns 0, or the milliseconds to wait before trying again. */
  take(deviceId: string, events: number, now: number): number {
    const { requestsPerSecond, requestBurst, eventsPerSecond, eventBurst } = this.limits;
    const b = this.buckets.get(deviceId) ?? { requests: requestBurst, events: eventBurst, at: now };
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.requests = Math.min(requestBurst, b.requests + elapsed * requestsPerSecond);
    b.events = Math.min(eventBurst, b.events + elapsed * eventsPerSecond);
    b.at = now;
    this.buckets.set(deviceId, b);
    if (b.requests >= 1 && b.events >= events) {
      b.requests -= 1;
      b.events -= events;
      return 0;
    }
    const waitRequests = b.requests >= 1 ? 0 : ((1 - b.requests) / requestsPerSecond) * 1000;
    const waitEvents = b.events >= events ? 0 : ((Math.min(events, eventBurst) - b.events) / eventsPerSecond) * 1000;
    return Math.max(1, Math.ceil(Math.max(waitRequests, waitEvents)));
  }
}
