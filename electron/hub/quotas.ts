/**
 * The hub's limits, each set by its operator (flags or environment of
 * `npm run hub`), never by a member: how many connections, how many join
 * attempts from one address, how fast and how much each device may push.
 */
import { DEFAULT_STORED_BYTES_PER_DEVICE } from '../../shared/sync/hubSession';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../shared/sync/rateLimiter';

export type HubQuotas = {
  /** Open connections in all. */
  connections: number;
  /** Open connections from one address (a room behind one NAT shares one). */
  connectionsPerAddress: number;
  /** Join attempts (and refused hellos) from one address before each further one must wait. */
  joinAttempts: number;
  /** The first wait; each further attempt doubles it, up to joinBackoffMaxMs. */
  joinBackoffMs: number;
  joinBackoffMaxMs: number;
  /** Bytes of events (as JSON) one device's token may have stored. */
  storedBytesPerDevice: number;
};

export const DEFAULT_QUOTAS: HubQuotas = {
  connections: 1000,
  connectionsPerAddress: 50,
  joinAttempts: 20,
  joinBackoffMs: 1000,
  joinBackoffMaxMs: 10 * 60 * 1000,
  storedBytesPerDevice: DEFAULT_STORED_BYTES_PER_DEVICE,
};

export { DEFAULT_RATE_LIMITS, type RateLimits };
