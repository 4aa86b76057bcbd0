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

/** Requests with a key that opens nothing, per address (an alert key, a calendar feed's): guessing keys is slow. */
export const KEY_GUESS_LIMITS: RateLimits = { requestsPerSecond: 1, requestBurst: 20, eventsPerSecond: 1, eventBurst: 20 };

type Buckets = { requests: number; events: number; at: number };

/** Buckets held before full ones are let go: a stream of new addresses cannot grow the map without end. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Buckets>();
  private sweepAt = SWEEP_AT;

  constructor(private readonly limits: RateLimits = DEFAULT_RATE_LIMITS) {}

  /** How many keys have a bucket that is not full. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one request carrying `events` events; returns 0, or the milliseconds to wait before trying again. */
  take(deviceId: string, events: number, now: number): number {
    const { requestsPerSecond, requestBurst, eventsPerSecond, eventBurst } = this.limits;
    const b = this.buckets.get(deviceId) ?? { requests: requestBurst, events: eventBurst, at: now };
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.requests = Math.min(requestBurst, b.requests + elapsed * requestsPerSecond);
    b.events = Math.min(eventBurst, b.events + elapsed * eventsPerSecond);
    b.at = now;
    this.buckets.set(deviceId, b);
    if (this.buckets.size > this.sweepAt) this.sweep(now);
    if (b.requests >= 1 && b.events >= events) {
      b.requests -= 1;
      b.events -= events;
      return 0;
    }
    const waitRequests = b.requests >= 1 ? 0 : ((1 - b.requests) / requestsPerSecond) * 1000;
    const waitEvents = b.events >= events ? 0 : ((Math.min(events, eventBurst) - b.events) / eventsPerSecond) * 1000;
    return Math.max(1, Math.ceil(Math.max(waitRequests, waitEvents)));
  }

  /** Lets go of every bucket that has refilled: a key without one starts full, so nothing changes for it. */
  private sweep(now: number): void {
    const { requestsPerSecond, requestBurst, eventsPerSecond, eventBurst } = this.limits;
    const refillMs = Math.max(requestBurst / requestsPerSecond, eventBurst / eventsPerSecond) * 1000;
    for (const [key, b] of this.buckets) if (now - b.at >= refillMs) this.buckets.delete(key);
    // Swept again only once as many more are held: the cost stays in proportion to the keys taken.
    this.sweepAt = Math.max(SWEEP_AT, this.buckets.size * 2);
  }
}
