import { describe, expect, it } from 'vitest';

import { RECONNECT_GRACE_MS, wallFreshness } from './wallFreshness';

const NOW = Date.UTC(2026, 10, 21, 14, 0, 0);
const MINUTE = 60_000;

describe('wallFreshness', () => {
  it('a console that does not sync is its own source of truth', () => {
    expect(wallFreshness({ state: 'off' }, null, NOW)).toEqual({ kind: 'local' });
    expect(wallFreshness({ state: 'off' }, NOW - 60 * MINUTE, NOW)).toEqual({ kind: 'local' });
  });

  it('is live while synced or syncing, whenever it was last live', () => {
    expect(wallFreshness({ state: 'synced', at: NOW - 5 * MINUTE }, null, NOW)).toEqual({ kind: 'live' });
    expect(wallFreshness({ state: 'syncing', toSend: 3, toReceive: 40 }, null, NOW)).toEqual({ kind: 'live' });
  });

  it('a reconnect within the grace is a blip, not a stale screen', () => {
    expect(wallFreshness({ state: 'connecting' }, NOW - 1000, NOW)).toEqual({ kind: 'live' });
    expect(wallFreshness({ state: 'connecting' }, NOW - RECONNECT_GRACE_MS + 1, NOW)).toEqual({ kind: 'live' });
  });

  it('a reconnect that outlasts the grace is stale since the last live moment', () => {
    const lastLive = NOW - RECONNECT_GRACE_MS;
    expect(wallFreshness({ state: 'connecting' }, lastLive, NOW)).toEqual({ kind: 'stale', since: lastLive, stopped: false });
  });

  it('connecting without ever having been live is stale, with no time to name', () => {
    expect(wallFreshness({ state: 'connecting' }, null, NOW)).toEqual({ kind: 'stale', since: null, stopped: false });
  });

  it('offline is stale at once, since the last live moment rather than since the link dropped', () => {
    const lastLive = NOW - 2 * MINUTE;
    expect(wallFreshness({ state: 'offline', since: NOW - MINUTE }, lastLive, NOW)).toEqual({ kind: 'stale', since: lastLive, stopped: false });
    // Even a moment after it was live: an offline hub is not a blip.
    expect(wallFreshness({ state: 'offline', since: NOW }, NOW - 1, NOW)).toEqual({ kind: 'stale', since: NOW - 1, stopped: false });
  });

  it('offline without having been live since the wall started is stale since the connection ended', () => {
    expect(wallFreshness({ state: 'offline', since: NOW - 7 * MINUTE }, null, NOW)).toEqual({ kind: 'stale', since: NOW - 7 * MINUTE, stopped: false });
  });

  it('a refusal stops sync: stale, and says it will not come back by itself', () => {
    const refused = { state: 'refused', code: 'unauthorized', message: 'Join code revoked' } as const;
    expect(wallFreshness(refused, NOW - MINUTE, NOW)).toEqual({ kind: 'stale', since: NOW - MINUTE, stopped: true });
    expect(wallFreshness(refused, null, NOW)).toEqual({ kind: 'stale', since: null, stopped: true });
  });
});
