/**
 * SyncConnection against a scripted hub: the real HubSession over the real
 * MemoryHubStore, frames moved by hand so each test can hold, repeat, forge
 * or reorder exactly the one it is about.
 */
import { describe, expect, it } from 'vitest';

import { RateLimiter } from './rateLimiter';
import { ScriptedHub, SPACE, testConsole } from './testing/scriptedHub';

/** A hub holding `count` events console 0 wrote and pushed; console 1 has not connected yet. */
async function hubWith(count: number) {
  const hub = await ScriptedHub.start();
  const a = testConsole(0, hub);
  for (let i = 0; i < count; i++) a.write(i === 0 ? 'declare' : 'entry', i);
  await hub.sync(a);
  return { hub, a, b: testConsole(1, hub) };
}

describe('SyncConnection', () => {
  it('saves the token a first join returns, and presents it from then on', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    const first = hub.connect(a);
    await first.opened;
    expect(first.last('hello')?.auth).toEqual({ kind: 'join', code: SPACE.joinCode });
    await first.pump();
    expect(first.callsOf('saveWelcome')).toHaveLength(1);
    expect(a.token).toMatch(/^[0-9a-f]{64}$/);
    expect(a.bundleKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.status).toEqual({ phase: 'synced' });
    first.close();

    const second = hub.connect(a);
    await second.opened;
    expect(second.last('hello')?.auth).toEqual({ kind: 'token', space: SPACE.id, token: a.token });
    await second.pump();
    // A welcome to a token brings no new token: nothing to save.
    expect(second.callsOf('saveWelcome')).toHaveLength(0);
    expect(second.session.membership?.deviceId).toBe(a.deviceId);
    expect(second.status).toEqual({ phase: 'synced' });
  });

  it('resumes from its cursor after a reconnect', async () => {
    const { hub, a, b } = await hubWith(3);
    await hub.sync(b);
    expect(b.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 3 });

    for (let i = 0; i < 2; i++) a.write('entry', i);
    await hub.sync(a);
    const again = hub.connect(b);
    await again.pump();
    expect(again.last('pull')?.after).toBe(3);
    expect(again.sent.filter((m) => m.t === 'pull').map((m) => (m as { after: number }).after)).toEqual([3]);
    expect(b.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 5 });
    expect([...b.byId.keys()].sort()).toEqual((await hub.ids()).sort());
  });

  it('after an epoch change reads the log from 0 and pushes what the restored hub lacks', async () => {
    const { hub, a, b } = await hubWith(3);
    b.write('entry', 0);
    b.write('entry', 1);
    await hub.sync(b);
    expect(b.outboxIds).toEqual([]);
    expect(b.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 5 });

    // A backup from when the hub held two events: a:3, b:1 and b:2 are gone, though acknowledged.
    hub.store.restoreTo(SPACE.id, 2, 'restored');
    const wire = hub.connect(b);
    await wire.flushToHub();
    await wire.flushToConsole();
    const push = wire.last('push');
    expect(push?.events.map((e) => (e as { id: string }).id)).toEqual([`${a.deviceId}:3`, `${b.deviceId}:1`, `${b.deviceId}:2`]);
    expect(wire.last('pull')?.after).toBe(0);
    await wire.pump();
    expect(b.cursor).toMatchObject({ epoch: 'restored', seq: 5 });
    expect((await hub.ids()).sort()).toEqual([...b.byId.keys()].sort());
    // The old epoch's cursor (5) is never compared with the new log's numbers.
    expect(b.cursorWrites.filter((c) => c.epoch === 'restored').map((c) => c.seq)).toEqual([5]);
  });

  it('asks again after the wait a rateLimited error names', async () => {
    const hub = await ScriptedHub.start({ limiter: new RateLimiter({ requestsPerSecond: 1, requestBurst: 1, eventsPerSecond: 1000, eventBurst: 1000 }) });
    const a = testConsole(0, hub);
    a.write('declare', 0);
    const wire = hub.connect(a);
    await wire.flushToHub(); // hello: not limited
    await wire.flushToConsole(); // welcome: push r1
    await wire.flushToHub(); // the push takes the one request allowed
    await wire.flushToConsole(); // acks r1, and a poke: pull r2
    expect(wire.last('pull')?.id).toBe('r2');
    await wire.flushToHub();
    expect(wire.toConsole).toHaveLength(1);
    expect(JSON.parse(wire.toConsole[0]!)).toMatchObject({ t: 'error', code: 'rateLimited', id: 'r2' });
    await wire.flushToConsole();
    expect(wire.consoleClosed).toBe(false);
    expect(wire.timers).toHaveLength(1);
    expect(wire.timers[0]!.ms).toBeGreaterThanOrEqual(1);
    expect(wire.sent.filter((m) => m.t === 'pull')).toHaveLength(1);

    hub.now += wire.timers[0]!.ms;
    wire.timers.shift()!.fn();
    await wire.conn.changed(); // runs after the retry the timer queued
    await wire.pump();
    expect(wire.last('pull')).toMatchObject({ id: 'r3', after: 0 });
    expect(a.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 1 });
    expect(wire.status).toEqual({ phase: 'synced' });
  });

  it('ignores a repeated or stale page', async () => {
    const { hub, b } = await hubWith(3);
    const wire = hub.connect(b);
    await wire.flushToHub();
    await wire.flushToConsole(); // welcome: pull r1 after 0
    await wire.flushToHub();
    const page = wire.toConsole[0]!;
    await wire.flushToConsole();
    expect(wire.callsOf('applyPage')).toHaveLength(1);
    expect(b.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 3 });

    // The same page again, and one answering a pull never made: neither moves the cursor.
    await wire.conn.receive(page);
    await wire.feed({ t: 'page', id: 'r99', epoch: SPACE.epoch, events: [], head: 7 });
    expect(wire.callsOf('applyPage')).toHaveLength(1);
    expect(b.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 3 });
    expect(b.log).toHaveLength(3);
    expect(wire.consoleClosed).toBe(false);
    expect(wire.status).toEqual({ phase: 'synced' });
  });

  it('refuses a page whose events are out of order, and applies none of it', async () => {
    const { hub, b } = await hubWith(2);
    const wire = hub.connect(b);
    await wire.flushToHub();
    await wire.flushToConsole();
    const pull = wire.last('pull')!;
    const { events } = await hub.store.page(SPACE.id, 0, 10);
    await wire.feed({ t: 'page', id: pull.id, epoch: SPACE.epoch, events: [events[1]!, events[0]!], head: 2 });
    expect(wire.callsOf('applyPage')).toHaveLength(0);
    expect(b.cursor).toBeNull();
    expect(b.log).toHaveLength(0);
    expect(wire.status).toMatchObject({ phase: 'refused', code: 'malformed' });
    expect(wire.consoleClosed).toBe(true);
  });

  it('applies acknowledgements that answer an older request', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    a.write('declare', 0);
    a.write('entry', 1);
    const wire = hub.connect(a);
    await wire.flushToHub();
    await wire.flushToConsole();
    expect(wire.last('push')?.id).toBe('r1');

    // Acks for a request this connection is no longer waiting for (a repeated frame, a request given up on).
    await wire.feed({ t: 'acks', id: 'r0', acks: [{ id: `${a.deviceId}:1`, status: 'accepted', seq: 1 }] });
    expect(a.outboxIds).toEqual([`${a.deviceId}:2`]);
    expect(wire.sent.filter((m) => m.t === 'push')).toHaveLength(1); // r1 is still the push in flight

    await wire.pump();
    expect(a.outboxIds).toEqual([]);
    expect(await hub.ids()).toEqual([`${a.deviceId}:1`, `${a.deviceId}:2`]);
    expect(wire.status).toEqual({ phase: 'synced' });
  });

  it('is refused with the hub’s message when it must upgrade, and keeps its outbox', async () => {
    const hub = await ScriptedHub.start({ protocol: { min: 2, max: 2 } });
    const a = testConsole(0, hub);
    a.write('declare', 0);
    a.write('entry', 1);
    const wire = hub.connect(a);
    await wire.pump();
    expect(wire.status).toMatchObject({ phase: 'refused', code: 'upgradeRequired' });
    expect((wire.status as { message: string }).message).toMatch(/too old for this hub/);
    expect(wire.consoleClosed).toBe(true);
    expect(wire.sent.map((m) => m.t)).toEqual(['hello']);
    expect(wire.callsOf('acknowledge')).toHaveLength(0);
    expect(a.outboxIds).toEqual([`${a.deviceId}:1`, `${a.deviceId}:2`]);
    expect(await hub.ids()).toEqual([]);
  });

  it.each(['quotaExceeded', 'tooManyAttempts', 'tooManyConnections'] as const)(
    'shows a refusal by the hub’s limits (%s) with its message, keeps its outbox, and leaves trying again to the caller',
    async (code) => {
      const hub = await ScriptedHub.start();
      const a = testConsole(0, hub);
      a.write('declare', 0);
      const wire = hub.connect(a);
      await wire.flushToHub();
      await wire.flushToConsole();
      await wire.feed({ t: 'error', code, message: 'The hub says why, and when to try again.', retryAfterMs: 30_000 });
      expect(wire.status).toEqual({ phase: 'refused', code, message: 'The hub says why, and when to try again.', retryAfterMs: 30_000 });
      expect(wire.consoleClosed).toBe(true);
      expect(a.outboxIds).toEqual([`${a.deviceId}:1`]);
    },
  );

  it('pushes only what the welcome says the hub lacks, then clears the outbox with duplicates', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    a.write('declare', 0);
    a.write('entry', 1);
    // The hub stored both, but the acknowledgement never came back: both are still in the outbox.
    const lost = hub.connect(a);
    await lost.flushToHub();
    await lost.flushToConsole();
    await lost.flushToHub();
    lost.close();
    expect(a.outboxIds).toHaveLength(2);

    const wire = hub.connect(a);
    await wire.flushToHub();
    await wire.flushToConsole();
    // The vector covers both: nothing is "beyond" it, so the outbox is pushed to be cleared.
    expect(wire.callsOf('eventsBeyond')).toEqual([[{ [a.deviceId]: 2 }, 1000]]);
    await wire.pump();
    expect(wire.callsOf('acknowledge')[0]).toEqual([
      [
        { id: `${a.deviceId}:1`, status: 'duplicate', seq: 1 },
        { id: `${a.deviceId}:2`, status: 'duplicate', seq: 2 },
      ],
    ]);
    expect(a.outboxIds).toEqual([]);
    expect(await hub.ids()).toEqual([`${a.deviceId}:1`, `${a.deviceId}:2`]);
  });
});

describe('SyncConnection after a hub restored from a backup of the same epoch', () => {
  it('receives what another console wrote after the restore, in the places its own lost events had', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    const b = testConsole(1, hub);
    a.write('declare', 0);
    await hub.sync(a);
    await hub.sync(b);
    b.write('entry', 1);
    b.write('entry', 2);
    await hub.sync(b);
    expect(b.cursor).toMatchObject({ seq: 3 });

    // The backup held only the declaration, and it brings back the same epoch. a writes two entries after it.
    hub.store.restoreTo(SPACE.id, 1, SPACE.epoch);
    a.write('entry', 3);
    a.write('entry', 4);
    await hub.sync(a);
    expect(await hub.ids()).toHaveLength(3);

    const wire = await hub.sync(b);
    expect(wire.sent.find((m) => m.t === 'hello')).toMatchObject({ cursor: { epoch: SPACE.epoch, seq: 3 } });
    expect([...b.byId.keys()].sort()).toEqual((await hub.ids()).sort());
    expect(await hub.ids()).toHaveLength(5);
  });

  it('reads the log again when its cursor is past the restored head', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    for (let i = 0; i < 3; i++) a.write('entry', i);
    await hub.sync(a);
    hub.store.restoreTo(SPACE.id, 1, SPACE.epoch);
    const wire = await hub.sync(a);
    expect(wire.sent.filter((m) => m.t === 'pull').map((m) => (m as { after: number }).after)[0]).toBe(0);
    expect(a.cursor).toMatchObject({ seq: 3 });
  });

  it('reads the log again when another event now sits where its cursor is', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    const b = testConsole(1, hub);
    // Two pushes: a backup holds whole pushes, never part of one.
    a.write('entry', 0);
    await hub.sync(a);
    a.write('entry', 1);
    await hub.sync(a);
    await hub.sync(b);
    hub.store.restoreTo(SPACE.id, 1, SPACE.epoch);
    // Someone else's event takes number 2 before b comes back.
    const c = testConsole(2, hub);
    c.write('entry', 5);
    await hub.sync(c);
    await hub.sync(b);
    expect([...b.byId.keys()].sort()).toEqual(expect.arrayContaining(await hub.ids()));
  });
});
