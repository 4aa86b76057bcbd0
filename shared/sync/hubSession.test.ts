import { beforeEach, describe, expect, it } from 'vitest';

import { encodeHlc } from '../domain/hlc';
import { STORABLE_LIMITS } from '../domain/storable';
import { HubSession, type HubSessionDeps } from './hubSession';
import { bundleKey, hashToken, legacyDeviceToken } from './membership';
import { MemoryHubStore } from './memoryHubStore';
import { PROTOCOL, SYNC_LIMITS, type HubMessage } from './protocol';
import { RateLimiter } from './rateLimiter';
import { TestAuthor } from './testing/testAuthor';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
// Fresh chains for every test (the same seeds, so the same device ids).
let AUTHORS = [new TestAuthor(1), new TestAuthor(2)];
const DEVICE = AUTHORS[0]!.deviceId;
const OTHER = AUTHORS[1]!.deviceId;
const SPACE = { id: 'space-1', name: 'Room 1', secret: '0f'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'epoch-1' };

/** An entry signed by its author (one of AUTHORS), as a console would push it. */
function entry(deviceId: string, deviceSeq: number, patch: Record<string, unknown> = {}) {
  const author = AUTHORS.find((a) => a.deviceId === deviceId);
  const event = unsigned(deviceId, deviceSeq, patch);
  if (!author) throw new Error(`No test author ${deviceId}`);
  // Earlier numbers first: the seal covers the author's chain up to this event.
  for (let seq = 1; seq < deviceSeq; seq++) author.sign(unsigned(deviceId, seq));
  return author.sign(event);
}

function unsigned(deviceId: string, deviceSeq: number, patch: Record<string, unknown> = {}) {
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
const withToken = (deviceId: string, token: string) => hello({ kind: 'token', space: SPACE.id, token }, { min: 1, max: 1 }, deviceId);

/** Joins with the code on a connection of its own and returns the token the welcome carried. */
async function joinedToken(deviceId = DEVICE): Promise<string> {
  const h = await harness(store);
  await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 1 }, deviceId));
  const welcome = h.last();
  if (welcome.t !== 'welcome' || !welcome.token) throw new Error(`no token: ${JSON.stringify(welcome)}`);
  return welcome.token;
}

let store: MemoryHubStore;
beforeEach(async () => {
  AUTHORS = [new TestAuthor(1), new TestAuthor(2)];
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
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
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
    const token = await joinedToken();
    const h = await harness(store);
    await h.say(withToken(DEVICE, token));
    expect(h.last()).toMatchObject({ t: 'welcome', space: SPACE.id });
    expect(h.last()).not.toHaveProperty('token');
    expect(h.last()).not.toHaveProperty('bundleKey');
  });

  it.each([
    ['an unknown join code', () => hello({ kind: 'join', code: 'ZZZZ-ZZZZ-ZZZZ' })],
    ['a wrong token', () => withToken(DEVICE, 'f'.repeat(64))],
    ["another device's token", async () => withToken(OTHER, await joinedToken(DEVICE))],
    ['a token for a space the hub does not have', async () => hello({ kind: 'token', space: 'space-gone', token: await joinedToken(DEVICE) })],
  ])('%s is refused as unauthorized and the connection closed', async (_, make) => {
    const message = await make();
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
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: PROTOCOL.max + 1, max: PROTOCOL.max + 1 }));
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
    // Refused by the limits before anything reads it, its seal included.
    const poison = unsigned(DEVICE, 1, { type: 'incident.fromTheFuture', v: 9, payload: deep });
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

  it('pokes a protocol-1 console for its own push too: it does not step over its own events, and pulls them', async () => {
    const h = await harness(store);
    await h.say(join);
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.last()).toMatchObject({ t: 'acks', acks: [{ status: 'accepted', seq: 1 }] });
    h.session.poke(1);
    expect(h.last()).toEqual({ t: 'poke', head: 1 });
  });

  it('tells a protocol-2 console nothing of its own push, and feeds it what others pushed after', async () => {
    const h = await harness(store);
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 2 }));
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    const sent = h.sent.length;
    h.session.poke(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.sent).toHaveLength(sent);
    await store.append(SPACE.id, [entry(OTHER, 1)] as never);
    h.session.poke(2);
    await expect.poll(() => h.last()).toEqual({ t: 'feed', epoch: SPACE.epoch, after: 1, events: [{ seq: 2, event: entry(OTHER, 1) }], head: 2 });
  });

  it('says in the welcome whether it sends pages, to a console of protocol 3 on, and nothing of it to an older one', async () => {
    const paging = await harness(store, { paging: true });
    await paging.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 3 }));
    expect(paging.sent.find((m) => m.t === 'welcome')).toMatchObject({ protocol: 3, paging: true });
    const quiet = await harness(store);
    await quiet.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 3 }, 'consoleb02'));
    expect(quiet.sent.find((m) => m.t === 'welcome')).toMatchObject({ protocol: 3, paging: false });
    const older = await harness(store, { paging: true });
    await older.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 2 }));
    expect(older.sent.find((m) => m.t === 'welcome')).not.toHaveProperty('paging');
  });

  it('does not feed a console its own push when another hub process announces it before it is acknowledged here', async () => {
    // The store says the log grew (as another process's NOTIFY would) while this push is still being stored.
    const slow = new MemoryHubStore();
    await slow.createSpace(SPACE);
    const h = await harness(slow);
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 2 }));
    const append = slow.append.bind(slow);
    slow.append = async (spaceId, events) => {
      const stored = await append(spaceId, events);
      h.session.poke(stored.head);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return stored;
    };
    const sent = h.sent.length;
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.sent.slice(sent).map((m) => m.t)).toEqual(['acks']);
  });
});

describe('HubSession: device registry', () => {
  it('issues a random token at join and keeps only its hash, with the device, its name and when it joined', async () => {
    const token = await joinedToken();
    const other = await joinedToken(OTHER);
    expect(token).not.toBe(other);
    expect(token).not.toBe(legacyDeviceToken(SPACE.secret, DEVICE));
    expect(await store.devices(SPACE.id)).toEqual([
      { deviceId: DEVICE, name: DEVICE, tokenHash: hashToken(token), joinedAt: NOW, lastSeenAt: NOW, removedAt: null, storedBytes: 0 },
      { deviceId: OTHER, name: OTHER, tokenHash: hashToken(other), joinedAt: NOW, lastSeenAt: NOW, removedAt: null, storedBytes: 0 },
    ]);
    expect(JSON.stringify(await store.devices(SPACE.id))).not.toContain(token);
  });

  it('notes when a device was last seen', async () => {
    const token = await joinedToken();
    const h = await harness(store);
    h.clock.now = NOW + 3_600_000;
    await h.say(withToken(DEVICE, token));
    expect(h.last()).toMatchObject({ t: 'welcome' });
    expect(await store.device(SPACE.id, DEVICE)).toMatchObject({ joinedAt: NOW, lastSeenAt: NOW + 3_600_000 });
  });

  it('binds a token to its device: presented with another device id it is refused', async () => {
    const token = await joinedToken(DEVICE);
    await joinedToken(OTHER);
    const h = await harness(store);
    await h.say(withToken(OTHER, token));
    expect(h.sent).toEqual([{ t: 'error', code: 'unauthorized', message: expect.stringMatching(/Join again/) }]);
  });

  it('gives a device that joins again a new token; its old one is refused', async () => {
    const first = await joinedToken();
    const second = await joinedToken();
    expect(second).not.toBe(first);
    const old = await harness(store);
    await old.say(withToken(DEVICE, first));
    expect(old.last()).toMatchObject({ t: 'error', code: 'unauthorized' });
    const fresh = await harness(store);
    await fresh.say(withToken(DEVICE, second));
    expect(fresh.last()).toMatchObject({ t: 'welcome' });
  });

  it('refuses a removed device from its next request on, and at every hello after; its events stay', async () => {
    const token = await joinedToken();
    const h = await harness(store);
    await h.say(withToken(DEVICE, token));
    await h.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1)] });
    expect(h.last()).toMatchObject({ t: 'acks', acks: [{ status: 'accepted' }] });
    expect(await store.removeDevice(SPACE.id, DEVICE, NOW + 1)).toBe(true);

    await h.say({ t: 'pull', id: 'r2', after: 0, limit: 10 });
    expect(h.last()).toEqual({ t: 'error', code: 'unauthorized', message: expect.stringMatching(/removed/) });
    expect(h.closes).toBe(1);

    for (const message of [withToken(DEVICE, token), join]) {
      const again = await harness(store);
      await again.say(message);
      expect(again.sent).toEqual([{ t: 'error', code: 'unauthorized', message: expect.stringMatching(/removed/) }]);
    }
    expect(await store.head(SPACE.id)).toBe(1);
  });

  it('moves a restored console’s token to its new identity once: the old registration ends, and a wrong or reused token moves nothing', async () => {
    const token = await joinedToken(DEVICE);
    const moving = (to: string, with_: string) => hello({ kind: 'token', space: SPACE.id, token: with_, device: DEVICE }, { min: 1, max: 1 }, to);
    const third = new TestAuthor(3).deviceId;

    const wrong = await harness(store);
    await wrong.say(moving(OTHER, 'f'.repeat(64)));
    expect(wrong.sent).toEqual([{ t: 'error', code: 'unauthorized', message: expect.any(String) }]);
    expect(await store.device(SPACE.id, OTHER)).toBeNull();

    const moved = await harness(store);
    await moved.say(moving(OTHER, token));
    expect(moved.last()).toMatchObject({ t: 'welcome', token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await store.device(SPACE.id, OTHER)).toMatchObject({ name: DEVICE, removedAt: null });
    expect((await store.device(SPACE.id, DEVICE))?.removedAt).not.toBeNull();

    // The same token again, to move a second console or to speak as the old identity: ended.
    for (const message of [moving(third, token), withToken(DEVICE, token)]) {
      const again = await harness(store);
      await again.say(message);
      expect(again.last()).toMatchObject({ t: 'error', code: 'unauthorized' });
    }
    expect(await store.device(SPACE.id, third)).toBeNull();
  });

  it('accepts a token of the old derived kind once, for a device not in the registry, and replaces it', async () => {
    const legacy = legacyDeviceToken(SPACE.secret, DEVICE);
    const h = await harness(store);
    await h.say(withToken(DEVICE, legacy));
    const welcome = h.last();
    expect(welcome).toMatchObject({ t: 'welcome', token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(welcome).not.toHaveProperty('bundleKey');
    const issued = (welcome as { token: string }).token;
    expect(await store.device(SPACE.id, DEVICE)).toMatchObject({ tokenHash: hashToken(issued) });

    const again = await harness(store);
    await again.say(withToken(DEVICE, legacy));
    expect(again.last()).toMatchObject({ t: 'error', code: 'unauthorized' });
    const renewed = await harness(store);
    await renewed.say(withToken(DEVICE, issued));
    expect(renewed.last()).toMatchObject({ t: 'welcome' });
  });

  it('after the join code is rotated, refuses the old code and welcomes the new one; issued tokens keep working', async () => {
    const token = await joinedToken();
    await store.setJoinCode(SPACE.id, 'WXYZ-WXYZ-WXYZ');
    const old = await harness(store);
    await old.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 1 }, OTHER));
    expect(old.last()).toMatchObject({ t: 'error', code: 'unauthorized' });
    const fresh = await harness(store);
    await fresh.say(hello({ kind: 'join', code: 'WXYZ-WXYZ-WXYZ' }, { min: 1, max: 1 }, OTHER));
    expect(fresh.last()).toMatchObject({ t: 'welcome', token: expect.any(String) });
    const member = await harness(store);
    await member.say(withToken(DEVICE, token));
    expect(member.last()).toMatchObject({ t: 'welcome' });
  });
});

describe('HubSession: storage quota', () => {
  it('refuses a push that would take a device past its stored bytes, keeping the connection; what it stored is counted', async () => {
    const h = await harness(store, { quotas: { storedBytesPerDevice: 2000 } });
    await h.say(join);
    const first = entry(DEVICE, 1);
    await h.say({ t: 'push', id: 'r1', events: [first] });
    expect(h.last()).toMatchObject({ t: 'acks', acks: [{ status: 'accepted' }] });
    const used = JSON.stringify(first).length;
    expect(await store.device(SPACE.id, DEVICE)).toMatchObject({ storedBytes: used });

    const bulky = Array.from({ length: 10 }, (_, i) => entry(DEVICE, i + 2));
    await h.say({ t: 'push', id: 'r2', events: bulky });
    expect(h.last()).toEqual({ t: 'error', code: 'quotaExceeded', id: 'r2', message: expect.stringMatching(/storage/) });
    expect(h.closes).toBe(0);
    expect(await store.head(SPACE.id)).toBe(1);
    // Reading goes on.
    await h.say({ t: 'pull', id: 'r3', after: 0, limit: 10 });
    expect(h.last()).toMatchObject({ t: 'page' });
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

describe('HubSession: authorship', () => {
  const pushed = (h: Harness) => (h.last() as Extract<HubMessage, { t: 'acks' }>).acks;

  it('refuses events written under another console’s id, so its real events still reach everyone', async () => {
    const mallory = new TestAuthor(9);
    const h = await harness(store);
    await h.say(hello({ kind: 'join', code: SPACE.joinCode }, { min: 1, max: 1 }, mallory.deviceId));
    // Mallory claims the victim's next ids with her own key: the seal does not speak for that device.
    const squat = [1, 2].map((seq) => mallory.sign(unsigned(DEVICE, seq, { payload: { kind: 'note', text: 'ignore the last entries' } })));
    await h.say({ t: 'push', id: 'r1', events: squat });
    expect(pushed(h).map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(pushed(h)[0]).toMatchObject({ reason: expect.stringMatching(/signature does not match/) });
    expect(await store.head(SPACE.id)).toBe(0);

    const victim = await harness(store);
    await victim.say(withToken(DEVICE, await joinedToken()));
    await victim.say({ t: 'push', id: 'r1', events: [entry(DEVICE, 1), entry(DEVICE, 2)] });
    expect(pushed(victim).map((a) => a.status)).toEqual(['accepted', 'accepted']);
  });

  it('keeps nothing of unsigned events, and tells the console to send them again sealed', async () => {
    const h = await harness(store);
    await h.say(join);
    await h.say({ t: 'push', id: 'r1', events: [unsigned(DEVICE, 1)] });
    expect(pushed(h)[0]).toMatchObject({ status: 'later', reason: expect.stringMatching(/not covered by its author’s signature/) });
    expect(await store.head(SPACE.id)).toBe(0);
    await h.say({ t: 'push', id: 'r2', events: [entry(DEVICE, 1)] });
    expect(pushed(h)[0]).toEqual({ id: `${DEVICE}:1`, status: 'accepted', seq: 1 });
  });

  it('keeps the events a seal covers when the sealed event itself is refused for its clock, and asks for the rest later', async () => {
    const h = await harness(store);
    await h.say(join);
    const ahead = encodeHlc({ ms: NOW + 3_600_000, counter: 0 });
    // One run sealed at its end only, as a console pushes it: the sealed event is an hour ahead.
    const run = [entry(DEVICE, 1), entry(DEVICE, 2), entry(DEVICE, 3, { hlc: ahead })].map((event, i) => (i < 2 ? (({ seal: _s, ...rest }) => rest)(event) : event));
    await h.say({ t: 'push', id: 'r1', events: run });
    expect(pushed(h).map((a) => a.status)).toEqual(['later', 'later', 'rejected']);
    expect(await store.head(SPACE.id)).toBe(0);
    // Sent again, sealed at its new end: kept.
    await h.say({ t: 'push', id: 'r2', events: [run[0], entry(DEVICE, 2)] });
    expect(pushed(h).map((a) => a.status)).toEqual(['accepted', 'accepted']);
  });

  it('refuses another content under an id it holds, even signed by the author (a restored console), and keeps the first', async () => {
    const h = await harness(store);
    await h.say(join);
    const first = entry(DEVICE, 1);
    await h.say({ t: 'push', id: 'r1', events: [first] });
    const restored = new TestAuthor(1).sign(unsigned(DEVICE, 1, { payload: { kind: 'note', text: 'written after a restore' } }));
    await h.say({ t: 'push', id: 'r2', events: [restored] });
    expect(pushed(h)[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/different content is already held/) });
    expect((await store.page(SPACE.id, 0, 10)).events.map((e) => e.event)).toEqual([first]);
    // The same content again is only a duplicate.
    await h.say({ t: 'push', id: 'r3', events: [first] });
    expect(pushed(h)[0]).toEqual({ id: `${DEVICE}:1`, status: 'duplicate', seq: 1 });
  });

  it('passes on another author’s events that their seal covers, and refuses a tampered one among them', async () => {
    const h = await harness(store);
    await h.say(join);
    const others = [1, 2, 3].map((seq) => entry(OTHER, seq));
    // A run covered by its last seal: the seals before it may go missing on the way.
    const { seal: _dropped, ...middle } = others[1]!;
    await h.say({ t: 'push', id: 'r1', events: [others[0], middle, others[2]] });
    expect(pushed(h).map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const tampered = { ...entry(OTHER, 4), payload: { kind: 'note', text: 'changed on the way' } };
    await h.say({ t: 'push', id: 'r2', events: [tampered] });
    expect(pushed(h)[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/signature does not match/) });
  });

  it('ends a page where every author in it is covered by a seal, and names the link before each author’s first event', async () => {
    const h = await harness(store);
    await h.say(join);
    const run = [1, 2, 3].map((seq) => entry(DEVICE, seq));
    const sealedAtEnd = run.map((event, i) => (i < 2 ? (({ seal: _s, ...rest }) => rest)(event) : event));
    await h.say({ t: 'push', id: 'r1', events: sealedAtEnd });
    await h.say({ t: 'pull', id: 'r2', after: 0, limit: 2 });
    const page = h.last() as Extract<HubMessage, { t: 'page' }>;
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page.events.map((e) => 'chain' in (e.event as object))).toEqual([true, false, false]);
  });
});
