/**
 * SyncConnection against a scripted hub: the real HubSession over the real
 * MemoryHubStore, frames moved by hand so each test can hold, repeat, forge
 * or reorder exactly the one it is about.
 */
import { describe, expect, it } from 'vitest';

import { PROTOCOL } from './protocol';
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
    expect(first.status).toEqual({ phase: 'synced', paging: false });
    first.close();

    const second = hub.connect(a);
    await second.opened;
    expect(second.last('hello')?.auth).toEqual({ kind: 'token', space: SPACE.id, token: a.token });
    await second.pump();
    // A welcome to a token brings no new token: nothing to save.
    expect(second.callsOf('saveWelcome')).toHaveLength(0);
    expect(second.session.membership?.deviceId).toBe(a.deviceId);
    expect(second.status).toEqual({ phase: 'synced', paging: false });
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
    // The old epoch's cursor (5) is never compared with the new log's numbers: the restored log's page moves it to 2,
    // then the acknowledgements of what it pushed again, placed at 3 to 5, move it on.
    expect(b.cursorWrites.filter((c) => c.epoch === 'restored').map((c) => c.seq)).toEqual([2, 5]);
  });

  it('asks again after the wait a rateLimited error names', async () => {
    const hub = await ScriptedHub.start({ limiter: new RateLimiter({ requestsPerSecond: 1, requestBurst: 1, eventsPerSecond: 1000, eventBurst: 1000 }) });
    // Another console's event is in the log first (the limiter counts each device's requests apart).
    const b = testConsole(1, hub);
    b.write('declare', 0);
    await hub.sync(b);
    const a = testConsole(0, hub);
    a.write('declare', 0);
    const wire = hub.connect(a);
    await wire.flushToHub(); // hello: not limited
    await wire.flushToConsole(); // welcome: pull r1, then push r2
    expect(wire.sent.map((m) => `${m.t} ${'id' in m ? m.id : ''}`)).toEqual(['hello ', 'pull r1', 'push r2']);
    await wire.flushToHub(); // the pull takes the one request allowed
    expect(wire.toConsole.map((frame) => JSON.parse(frame) as unknown)).toContainEqual(expect.objectContaining({ t: 'error', code: 'rateLimited', id: 'r2' }));
    await wire.flushToConsole();
    expect(wire.consoleClosed).toBe(false);
    expect(wire.timers).toHaveLength(1);
    expect(wire.timers[0]!.ms).toBeGreaterThanOrEqual(1);
    expect(wire.sent.filter((m) => m.t === 'push')).toHaveLength(1);
    expect(a.outboxIds).toEqual([`${a.deviceId}:1`]);

    hub.now += wire.timers[0]!.ms;
    wire.timers.shift()!.fn();
    await wire.conn.changed(); // runs after the retry the timer queued
    await wire.pump();
    expect(wire.last('push')).toMatchObject({ id: 'r3', events: [expect.objectContaining({ id: `${a.deviceId}:1` })] });
    expect(a.outboxIds).toEqual([]);
    expect(a.cursor).toMatchObject({ epoch: SPACE.epoch, seq: 2, id: `${a.deviceId}:1` });
    expect(wire.status).toEqual({ phase: 'synced', paging: false });
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
    expect(wire.status).toEqual({ phase: 'synced', paging: false });
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

  it('takes a feed only where it starts at its cursor, and refuses one whose events are out of order', async () => {
    const { hub, b } = await hubWith(3);
    const wire = hub.connect(b);
    await wire.pump();
    expect(b.cursor).toMatchObject({ seq: 3 });
    const { events } = await hub.store.page(SPACE.id, 0, 10);
    // A feed that says it follows another place is only news that there is more: the console pulls.
    await wire.feed({ t: 'feed', epoch: SPACE.epoch, after: 1, events: [events[1]!], head: 9 });
    expect(wire.callsOf('applyPage')).toHaveLength(1);
    expect(wire.last('pull')).toMatchObject({ after: 3 });
    // One that starts at the cursor but runs backwards is refused whole.
    const other = hub.connect(testConsole(2, hub));
    await other.pump();
    await other.feed({ t: 'feed', epoch: SPACE.epoch, after: 3, events: [events[2]!, events[1]!], head: 5 });
    expect(other.callsOf('applyPage')).toHaveLength(1);
    expect(other.status).toMatchObject({ phase: 'refused', code: 'malformed' });
    expect(other.consoleClosed).toBe(true);
  });

  it('applies feeds that arrive together in one write, and still handles the frame that follows them', async () => {
    const { hub, a, b } = await hubWith(3);
    const wire = hub.connect(b);
    await wire.pump();
    expect(b.cursor).toMatchObject({ seq: 3 });
    for (let i = 0; i < 3; i++) a.write('entry', i);
    await hub.sync(a);
    const { events } = await hub.store.page(SPACE.id, 3, 10);
    const writes = wire.callsOf('applyPage').length;
    // Three feeds, each following the last, arrive before the console has written the first; then news of more.
    await wire.feedAll([
      { t: 'feed', epoch: SPACE.epoch, after: 3, events: [events[0]!], head: 4 },
      { t: 'feed', epoch: SPACE.epoch, after: 4, events: [events[1]!], head: 5 },
      { t: 'feed', epoch: SPACE.epoch, after: 5, events: [events[2]!], head: 6 },
      { t: 'feed', epoch: SPACE.epoch, after: 1, events: [events[0]!], head: 9 },
    ]);
    const applied = wire.callsOf('applyPage').slice(writes);
    expect(applied).toHaveLength(1);
    expect((applied[0]![0] as { id: string }[]).map((e) => e.id)).toEqual(events.map((e) => (e.event as { id: string }).id));
    expect(b.cursor).toMatchObject({ seq: 6 });
    // The feed that follows another place is handled after them: the console pulls from where it now is.
    expect(wire.last('pull')).toMatchObject({ after: 6 });
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
    expect(wire.status).toEqual({ phase: 'synced', paging: false });
  });

  it('is refused with the hub’s message when it must upgrade, and keeps its outbox', async () => {
    const hub = await ScriptedHub.start({ protocol: { min: PROTOCOL.max + 1, max: PROTOCOL.max + 1 } });
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
    expect(wire.sent.filter((m) => m.t === 'push')).toHaveLength(1);
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

/** Ids of the events in every page and feed the hub sent on this wire. */
function pagedIds(wire: { fromHub: string[] }): string[] {
  return wire.fromHub.flatMap((frame) => {
    const message = JSON.parse(frame) as { t: string; events?: { event: { id: string } }[] };
    return message.t === 'page' || message.t === 'feed' ? message.events!.map((e) => e.event.id) : [];
  });
}

describe('SyncConnection and the events it pushes', () => {
  it('moves its cursor past what it just pushed instead of pulling it back', async () => {
    const { hub, a } = await hubWith(3);
    expect(a.cursor).toMatchObject({ seq: 3 });
    for (let i = 0; i < 4; i++) a.write('entry', i);
    const wire = await hub.sync(a);
    expect(wire.sent.filter((m) => m.t === 'pull')).toEqual([]);
    expect(pagedIds(wire)).toEqual([]);
    // The cursor names the last of its own events, moved in the same durable step as the acknowledgement.
    expect(a.cursor).toEqual({ epoch: SPACE.epoch, seq: 7, id: `${a.deviceId}:7` });
    expect(wire.callsOf('acknowledge').at(-1)?.[1]).toEqual(a.cursor);
    expect(a.outboxIds).toEqual([]);
  });

  it('pulls only the other consoles’ events that sit before its own, then skips its own', async () => {
    const { hub, a, b } = await hubWith(2);
    await hub.sync(b);
    b.write('entry', 10);
    b.write('entry', 11);
    await hub.sync(b);
    for (let i = 0; i < 3; i++) a.write('entry', i);
    const wire = await hub.sync(a);
    // Seqs 3 and 4 are b's; 5 to 7 are a's own: the page it asks for ends before them.
    expect(pagedIds(wire)).toEqual([`${b.deviceId}:1`, `${b.deviceId}:2`]);
    expect(a.cursor).toMatchObject({ seq: 7, id: `${a.deviceId}:5` });
    expect([...a.byId.keys()].sort()).toEqual((await hub.ids()).sort());
  });

  it('still pulls what another console pushed after its own events', async () => {
    const { hub, a, b } = await hubWith(1);
    await hub.sync(b);
    const wireA = hub.connect(a);
    const wireB = hub.connect(b);
    await wireA.pump();
    await wireB.pump();
    a.write('entry', 1);
    await wireA.conn.changed();
    await wireA.flushToHub();
    b.write('entry', 2);
    await wireB.conn.changed();
    await wireB.flushToHub();
    await wireA.pump();
    await wireB.pump();
    expect(pagedIds(wireA)).toEqual([`${b.deviceId}:1`]);
    expect(a.cursor).toMatchObject({ seq: 3, id: `${b.deviceId}:1` });
    expect(pagedIds(wireB)).toEqual([`${a.deviceId}:2`]);
    expect(b.cursor).toMatchObject({ seq: 3 });
  });

  it('sends a pull that fell due during its push before its next push (protocol 1: poked, not fed)', async () => {
    const { hub, a, b } = await hubWith(1);
    for (let i = 0; i < 4; i++) a.write('entry', i);
    const wireA = hub.connect(a, { batch: 2, protocol: { min: 1, max: 1 } });
    await wireA.flushToHub();
    await wireA.flushToConsole(); // the first push out
    // Another console writes meanwhile: a is poked while its push is out.
    b.write('declare', 0);
    await hub.sync(b);
    await wireA.flushToHub();
    await wireA.flushToConsole();
    // Answered, the pull goes first: the hub answers in order, so the page cannot hold the next push's events.
    expect(wireA.sent.map((m) => m.t)).toEqual(['hello', 'push', 'pull', 'push']);
    await wireA.pump();
    expect(pagedIds(wireA)).toEqual([`${b.deviceId}:1`]);
    expect(a.outboxIds).toEqual([]);
    expect([...a.byId.keys()].sort()).toEqual((await hub.ids()).sort());
  });

  it('counts what is left to send at most once a second while pushes follow one another, and afresh before it says synced', async () => {
    const hub = await ScriptedHub.start();
    const a = testConsole(0, hub);
    for (let i = 0; i < 8; i++) a.write(i === 0 ? 'declare' : 'entry', i);
    const wire = hub.connect(a, { batch: 2 });
    await wire.flushToHub();
    await wire.flushToConsole(); // welcome: the first push out, the outbox counted
    await wire.flushToHub();
    await wire.flushToConsole(); // its acks: the second push out, the count from a moment ago stands
    expect(wire.callsOf('outboxSize')).toHaveLength(1);
    expect(wire.status).toEqual({ phase: 'syncing', toSend: 8, toReceive: 0, paging: false });
    hub.now += 1000;
    await wire.flushToHub();
    await wire.flushToConsole(); // a second later: counted again
    expect(wire.callsOf('outboxSize')).toHaveLength(2);
    expect(wire.status).toEqual({ phase: 'syncing', toSend: 4, toReceive: 0, paging: false });
    await wire.pump();
    // No push out: counted afresh at every step (the last push's acks, then the poke it caused).
    expect(wire.callsOf('outboxSize').length).toBeGreaterThan(2);
    expect(wire.status).toEqual({ phase: 'synced', paging: false });
  });

  it('agrees on protocol 1 with a hub that speaks no more: it is poked and pulls, and is never fed', async () => {
    const hub = await ScriptedHub.start({ protocol: { min: 1, max: 1 } });
    const a = testConsole(0, hub);
    const b = testConsole(1, hub);
    a.write('declare', 0);
    await hub.sync(a);
    const wireB = hub.connect(b);
    await wireB.pump();
    expect(wireB.fromHub.map((frame) => JSON.parse(frame) as { t: string; protocol?: number }).find((m) => m.t === 'welcome')?.protocol).toBe(1);
    a.write('entry', 1);
    await hub.sync(a);
    await wireB.pump();
    const kinds = wireB.fromHub.map((frame) => (JSON.parse(frame) as { t: string }).t);
    expect(kinds).toContain('poke');
    expect(kinds).not.toContain('feed');
    expect(wireB.sent.filter((m) => m.t === 'pull').length).toBeGreaterThan(0);
    expect([...b.byId.keys()].sort()).toEqual((await hub.ids()).sort());
  });

  it('never moves its cursor back when its acknowledgement arrives while a pull is in flight', async () => {
    const { hub, a, b } = await hubWith(1);
    const wireA = hub.connect(a);
    await wireA.pump();
    // b pushes: a is poked and its pull goes out; a's own push goes out behind it.
    await hub.sync(b);
    b.write('entry', 1);
    await hub.sync(b);
    a.write('entry', 2);
    await wireA.flushToConsole();
    await wireA.conn.changed();
    await wireA.pump();
    // The console model throws on a cursor that goes back; the end state is the hub's whole log.
    expect(a.cursor).toMatchObject({ seq: (await hub.ids()).length });
    expect([...a.byId.keys()].sort()).toEqual((await hub.ids()).sort());
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
