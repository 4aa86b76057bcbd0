import { beforeEach, describe, expect, it } from 'vitest';

import { encodeHlc } from '../domain/hlc';
import { STORABLE_LIMITS } from '../domain/storable';
import { HubSession, type HubSessionDeps } from './hubSession';
import { bundleKey, deviceToken } from './membership';
import { MemoryHubStore } from './memoryHubStore';
import { SYNC_LIMITS, type HubMessage } from './protocol';
import { RateLimiter } from './rateLimiter';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DEVICE = 'aaaaaaaa01';
const OTHER = 'bbbbbbbb02';
const SPACE = { id: 'space-1', name: 'Room 1', secret: '0f'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'epoch-1' };

function entry(deviceId: string, deviceSeq: number, patch: Record<string, unknown> = {}) {
  return {
    id: `${deviceId}:${deviceSeq}`,
    incidentId: 'aaaaaaaa01:1',
    type: 'timeline.entryLogged',
    v: 1,
    hlc: encodeHlc({ ms: NOW, counter: deviceSeq }),
    deviceId,
    deviceSeq,
    actor: 'Ada',
    occurredAt: new Date(NOW).toISOString(),
    payload: { kind: 'note', text: `note ${deviceSeq}` },
    ...patch,
  };
}

type Harness = {
  session: HubSession;
  sent: HubMessage[];
  closes: number;
  advanced: [string, number][];
  clock: { now: number };
  store: MemoryHubStore;
  say: (message: unknown) => Promise<void>;
  last: () => HubMessage;
};

async function harness(store: MemoryHubStore, patch: Partial<HubSessionDeps> = {}): Promise<Harness> {
  const h = { sent: [] as HubMessage[], closes: 0, advanced: [] as [string, number][], clock: { now: NOW }, store } as Harness;
  h.session = new HubSession({
    store,
    hubId: 'hub-test',
    now: () => h.clock.now,
    send: (message) => h.sent.push(message),
    close: () => (h.closes += 1),
    advanced: (space, head) => h.advanced.push([space, head]),
    ...patch,
  });
  h.say = (message) => h.session.receive(typeof message === 'string' ? message : JSON.stringify(message));
  h.last = () => h.sent.at(-1)!;
  return h;
}

const hello = (auth: unknown, protocol = { min: 1, max: 1 }, deviceId = DEVICE) => ({ t: 'hello', protocol, deviceId, auth, app: 'warroom-test' });
const join = hello({ kind: 'join', code: SPACE.joinCode });
const withToken = (deviceId = DEVICE, token = deviceToken(SPACE.secret, deviceId)) => hello({ kind: 'token', space: SPACE.id, token }, { min: 1, max: 1 }, deviceId);

let store: MemoryHubStore;
beforeEach(async () => {
  store = new MemoryHubStore();
  await store.createSpace(SPACE);
});

describe('HubSession: hello', () => {
  it('a join with the code is welcomed with a token and the bundle key', async () => {
    await store.append(SPACE.id, [entry(OTHER, 1) as never]);
    const h = await harness(store);
    await h.say(join);
    expect(h.sent).toEqual([
      {
        t: 'welcome',
        protocol: 1,
        hubId: 'hub-test',
        space: SPACE.id,
        spaceName: SPACE.name,
        token: deviceToken(SPACE.secret, DEVICE),
        bundleKey: bundleKey(SPACE.secret),
        epoch: SPACE.epoch,
        head: 1,
        serverTime: NOW,
        vector: { [OTHER]: 1 },
      },
    ]);
    expect(h.session.membership).toMatchObject({ deviceId: DEVICE, space: { id: SPACE.id } });
    expect(h.closes).toBe(0);
  });

  it('a device presenting its token is welcomed without being issued one again', async () => {
    const h = await harness(store);
    await h.say(withToken());
    expect(h.last()).toMatchObject({ t: 'welcome', space: SPACE.id });
    expect(h.last()).not.toHaveProperty('token');
    expect(h.last()).not.toHaveProperty('bundleKey');
  });

  it.each([
    ['an unknown join code', hello({ kind: 'join', code: 'ZZZZ-ZZZZ-ZZZZ' })],
    ['a wrong token', withToken(DEVICE, 'f'.repeat(64))],
    ["another device's token", withToken(OTHER, deviceToken(SPACE.secret, DEVICE))],
    ['a token for a space the hub does not have', hello({ kind: 'token', space: 'space-gone', token: deviceToken(SPACE.secret, DEVICE) })],
  ])('%s is refused as unauthorized and the connection closed', async (_, message) => {
    const h = await harness(store);
    await h.say(message);
    expect(h.sent).toEqual([{ t: 'error', code: 'unauthorized', message: expect.any(String) }]);
    expect(h.closes).toBe(1);
    expect(h.session.membership).toBeNull();
    // Nothing said afterwards on that connection is acted on.
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.sent).toHaveLength(1);
    expect(await store.head(SPACE.id)).toBe(0);
  });

  it('agrees on the highest protocol both speak', async () => {
    const h = await harness(store, { protocol: { min: 1, max: 3 } });
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 2, max: 5 }));
    expect(h.last()).toMatchObject({ t: 'welcome', protocol: 3 });
  });

  it('tells a console too old for the hub to upgrade', async () => {
    const h = await harness(store, { protocol: { min: 2, max: 3 } });
    await h.say(join);
    expect(h.sent).toEqual([{ t: 'error', code: 'upgradeRequired', message: expect.stringMatching(/Update Warroom/) }]);
    expect(h.closes).toBe(1);
  });

  it('says so when the hub is the one too old', async () => {
    const h = await harness(store);
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 2, max: 2 }));
    expect(h.sent).toEqual([{ t: 'error', code: 'hubTooOld', message: expect.stringMatching(/Update the hub/) }]);
    expect(h.closes).toBe(1);
  });

  it('refuses a second hello on the same connection', async () => {
    const h = await harness(store);
    await h.say(join);
    await h.say(join);
    expect(h.last()).toMatchObject({ t: 'error', code: 'malformed' });
    expect(h.closes).toBe(1);
  });
});

describe('HubSession: refusals before anything is stored', () => {
  it.each([
    ['not JSON', '{"t":"push",'],
    ['an unknown message', { t: 'shout', id: 'r1' }],
    ['a push with extra fields', { t: 'push', id: 'r1', events: [entry(DEVICE, 1)], admin: true }],
    ['an empty push', { t: 'push', id: 'r1', events: [] }],
    ['a pull with a negative cursor', { t: 'pull', id: 'r1', after: -1, limit: 10 }],
  ])('%s is refused as malformed and the connection closed', async (_, message) => {
    const h = await harness(store);
    await h.say(join);
    await h.say(message);
    expect(h.last()).toMatchObject({ t: 'error', code: 'malformed', message: expect.stringMatching(/^Refused a malformed message/) });
    expect(h.closes).toBe(1);
    expect(await store.head(SPACE.id)).toBe(0);
  });

  it('a push before hello is refused as unauthorized', async () => {
    const h = await harness(store);
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.sent).toEqual([{ t: 'error', code: 'unauthorized', message: expect.any(String) }]);
    expect(h.closes).toBe(1);
    expect(await store.head(SPACE.id)).toBe(0);
  });
});

describe('HubSession: push', () => {
  it('acknowledges each event: accepted with its number, duplicate, or rejected with a reason', async () => {
    const h = await harness(store);
    await h.say(join);
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.last()).toEqual({ t: 'acks', id: 'r1', acks: [{ id: `${DEVICE}:1`, status: 'accepted', seq: 1 }] });
    await h.say({
      t: 'push',
      id: 'r2',
      events: [entry(DEVICE, 1), entry(DEVICE, 2, { payload: { kind: 'note', text: 'bell \u0007 here' } }), entry(DEVICE, 3), 42, { id: { nested: true } }],
    });
    const acks = (h.last() as Extract<HubMessage, { t: 'acks' }>).acks;
    expect(acks).toEqual([
      { id: `${DEVICE}:1`, status: 'duplicate', seq: 1 },
      { id: `${DEVICE}:2`, status: 'rejected', reason: expect.stringMatching(/invalid event: .*control characters/) },
      { id: `${DEVICE}:3`, status: 'accepted', seq: 2 },
      { id: '', status: 'rejected', reason: expect.stringMatching(/^invalid event/) },
      { id: '', status: 'rejected', reason: expect.stringMatching(/^invalid event/) },
    ]);
    expect(h.advanced).toEqual([
      [SPACE.id, 1],
      [SPACE.id, 2],
    ]);
    expect(h.closes).toBe(0);
  });

  it('keeps events of types this hub does not know, and HTML-looking text as it is', async () => {
    const h = await harness(store);
    await h.say(join);
    const newer = entry(DEVICE, 1, { type: 'incident.fromTheFuture', v: 9, payload: { anything: ['goes'] } });
    const html = entry(DEVICE, 2, { payload: { kind: 'note', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' } });
    await h.say({ t: 'push', id: 'r1', events: [newer, html] });
    expect((h.last() as Extract<HubMessage, { t: 'acks' }>).acks.map((a) => a.status)).toEqual(['accepted', 'accepted']);
    expect((await store.page(SPACE.id, 0, 10)).events.map((e) => e.event)).toEqual([newer, html]);
  });

  it('rejects events stamped far ahead of its clock, saying to check the clock, and stores nothing of them', async () => {
    const h = await harness(store);
    await h.say(join);
    const hourAhead = entry(DEVICE, 1, { hlc: encodeHlc({ ms: NOW + 3_600_000, counter: 0 }) });
    const fewMinutesAhead = entry(DEVICE, 2, { hlc: encodeHlc({ ms: NOW + 4 * 60_000, counter: 0 }) });
    await h.say({ t: 'push', id: 'r1', events: [hourAhead, fewMinutesAhead] });
    expect(h.last()).toEqual({
      t: 'acks',
      id: 'r1',
      acks: [
        { id: `${DEVICE}:1`, status: 'rejected', reason: expect.stringMatching(/60 min ahead of the hub's clock: check the clock/) },
        { id: `${DEVICE}:2`, status: 'accepted', seq: 1 },
      ],
    });
    expect(await store.head(SPACE.id)).toBe(1);
  });

  it('rejects an event over the size limit', async () => {
    const h = await harness(store);
    await h.say(join);
    const huge = entry(DEVICE, 1, { type: 'incident.fromTheFuture', v: 9, payload: Array.from({ length: 70 }, () => 'x'.repeat(STORABLE_LIMITS.stringChars)) });
    await h.say({ t: 'push', id: 'r1', events: [huge] });
    expect(h.last()).toMatchObject({ t: 'acks', acks: [{ status: 'rejected', reason: expect.stringMatching(/over the .*-character limit/) }] });
    expect(await store.head(SPACE.id)).toBe(0);
    expect(h.advanced).toEqual([]);
  });

  it('refuses an event no console could store, however small, with the limit it crosses, and keeps the rest of the push', async () => {
    const h = await harness(store);
    await h.say(join);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = [deep];
    const poison = entry(DEVICE, 1, { type: 'incident.fromTheFuture', v: 9, payload: deep });
    await h.say({ t: 'push', id: 'r1', events: [poison, entry(DEVICE, 2)] });
    expect(h.last()).toEqual({
      t: 'acks',
      id: 'r1',
      acks: [
        { id: `${DEVICE}:1`, status: 'rejected', reason: expect.stringMatching(/nested more than 32 levels deep/) },
        { id: `${DEVICE}:2`, status: 'accepted', seq: 1 },
      ],
    });
    expect((await store.page(SPACE.id, 0, 10)).events.map((e) => e.event)).toEqual([entry(DEVICE, 2)]);
  });

  it('keeps a full service catalogue, which is larger than 256 KiB', async () => {
    const h = await harness(store);
    await h.say(join);
    const services = Array.from({ length: 1000 }, (_, i) => ({
      name: `${i} `.padEnd(100, 'ø'),
      criticality: 'missionCritical',
      owner: 'O'.repeat(100),
      continuity: 'rebuild',
    }));
    const catalogue = entry(DEVICE, 1, {
      incidentId: 'organisation',
      type: 'organisation.settingChanged',
      v: 3,
      payload: { setting: 'services', value: services, prev: [] },
    });
    expect(JSON.stringify(catalogue).length).toBeGreaterThan(256 * 1024);
    await h.say({ t: 'push', id: 'r1', events: [catalogue] });
    expect(h.last()).toMatchObject({ t: 'acks', acks: [{ status: 'accepted', seq: 1 }] });
  });

  it('refuses an entry said to have happened a year ahead, saying so, and keeps one from a console whose clock is hours fast', async () => {
    const h = await harness(store);
    await h.say(join);
    const yearAhead = entry(DEVICE, 1, { occurredAt: new Date(NOW + 365 * 24 * 3_600_000).toISOString() });
    const withinSkew = entry(DEVICE, 2, { occurredAt: new Date(NOW + 3 * 3_600_000).toISOString() });
    await h.say({ t: 'push', id: 'r1', events: [yearAhead, withinSkew] });
    expect(h.last()).toEqual({
      t: 'acks',
      id: 'r1',
      acks: [
        { id: `${DEVICE}:1`, status: 'rejected', reason: expect.stringMatching(/said to have happened 525600 min ahead of the hub's clock/) },
        { id: `${DEVICE}:2`, status: 'accepted', seq: 1 },
      ],
    });
  });

  it('does not announce a push that added nothing', async () => {
    await store.append(SPACE.id, [entry(DEVICE, 1) as never]);
    const h = await harness(store);
    await h.say(join);
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.advanced).toEqual([]);
  });
});

describe('HubSession: pull, ping, poke', () => {
  it('pages the log after a cursor, with the epoch and head', async () => {
    await store.append(SPACE.id, [entry(OTHER, 1), entry(OTHER, 2), entry(OTHER, 3)] as never);
    const h = await harness(store);
    await h.say(join);
    await h.say({ t: 'pull', id: 'r1', after: 1, limit: 1 });
    expect(h.last()).toEqual({ t: 'page', id: 'r1', epoch: SPACE.epoch, events: [{ seq: 2, event: entry(OTHER, 2) }], head: 3 });
  });

  it('answers a ping with its clock', async () => {
    const h = await harness(store);
    await h.say(join);
    h.clock.now += 1234;
    await h.say({ t: 'ping', id: 'p1' });
    expect(h.last()).toEqual({ t: 'pong', id: 'p1', serverTime: NOW + 1234 });
  });

  it('pokes only a connection that said hello, and not once it is closed', async () => {
    const h = await harness(store);
    h.session.poke(5);
    expect(h.sent).toEqual([]);
    await h.say(join);
    h.session.poke(6);
    expect(h.last()).toEqual({ t: 'poke', head: 6 });
    await h.say('garbage');
    const count = h.sent.length;
    h.session.poke(7);
    expect(h.sent).toHaveLength(count);
  });
});

describe('HubSession: rate limits', () => {
  it('tells a flooding console to wait, without closing, and serves it again after the wait', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, requestBurst: 2, eventsPerSecond: 1000, eventBurst: 1000 });
    const h = await harness(store, { limiter });
    await h.say(join);
    await h.say({ t: 'ping', id: 'p1' });
    await h.say({ t: 'ping', id: 'p2' });
    await h.say({ t: 'push', id: 'r3', events: [entry(DEVICE, 1)] });
    expect(h.last()).toEqual({ t: 'error', code: 'rateLimited', message: expect.any(String), retryAfterMs: 1000, id: 'r3' });
    expect(h.closes).toBe(0);
    expect(await store.head(SPACE.id)).toBe(0);
    h.clock.now += 1000;
    await h.say({ t: 'push', id: 'r4', events: [entry(DEVICE, 1)] });
    expect(h.last()).toMatchObject({ t: 'acks', id: 'r4', acks: [{ status: 'accepted' }] });
  });

  it('counts events pushed, so one huge push waits for the event budget', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 100, requestBurst: 100, eventsPerSecond: 10, eventBurst: 10 });
    const h = await harness(store, { limiter });
    await h.say(join);
    await h.say({ t: 'push', id: 'r1', events: Array.from({ length: 10 }, (_, i) => entry(DEVICE, i + 1)) });
    await h.say({ t: 'push', id: 'r2', events: Array.from({ length: 5 }, (_, i) => entry(DEVICE, i + 11)) });
    expect(h.last()).toMatchObject({ t: 'error', code: 'rateLimited', id: 'r2', retryAfterMs: 500 });
    expect(await store.head(SPACE.id)).toBe(10);
  });

  it('keeps separate budgets per device', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, requestBurst: 1, eventsPerSecond: 1000, eventBurst: 1000 });
    const a = await harness(store, { limiter });
    const b = await harness(store, { limiter });
    await a.say(join);
    await b.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 1 }, OTHER));
    await a.say({ t: 'ping', id: 'p1' });
    await a.say({ t: 'ping', id: 'p2' });
    await b.say({ t: 'ping', id: 'p1' });
    expect(a.last()).toMatchObject({ t: 'error', code: 'rateLimited' });
    expect(b.last()).toMatchObject({ t: 'pong' });
  });
});

describe('HubSession: large events', () => {
  it('pages large events in several frames, each within the batch budget, none lost', async () => {
    // Events of a newer console's type: kept and passed on whatever their payload, up to the per-event limit.
    const big = (seq: number) => entry(OTHER, seq, { type: 'future.thing', payload: { blob: 'x'.repeat(200_000) } });
    await store.append(SPACE.id, Array.from({ length: 60 }, (_, i) => big(i + 1)) as never);
    const h = await harness(store);
    await h.say(join);
    const received: number[] = [];
    for (let after = 0, guard = 0; after < 60 && guard < 10; guard++) {
      await h.say({ t: 'pull', id: `p${guard}`, after, limit: 1000 });
      const page = h.last();
      if (page.t !== 'page') throw new Error(`expected a page, got ${page.t}`);
      expect(JSON.stringify(page).length).toBeLessThan(SYNC_LIMITS.frameBytes);
      received.push(...page.events.map((e) => e.seq));
      after = page.events.at(-1)!.seq;
    }
    expect(received).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});
