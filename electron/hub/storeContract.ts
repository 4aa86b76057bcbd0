/**
 * What every HubStore must do, as one suite run against each implementation
 * (memory, SQLite, PostgreSQL), so the simulation's reference and the real
 * stores cannot drift apart.
 */
import { afterEach, describe, expect, it } from 'vitest';

import type { Envelope } from '../../shared/domain/events';
import type { DeliveryLedger } from '../../shared/sync/hubDelivery';
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { declared, entry } from './testEvents';

export type OpenedStore = {
  store: HubStore;
  /** Another handle on the same storage, as another hub process would have. */
  another?: () => Promise<HubStore>;
  /** Closes `store` and opens the same storage again. */
  reopen?: () => Promise<HubStore>;
};

const A = 'aaaaaaaa01';
const B = 'bbbbbbbb02';
const C = 'cccccccc03';

let spaces = 0;
function space(patch: Partial<SpaceRecord> = {}): SpaceRecord {
  spaces += 1;
  const n = String(spaces).padStart(4, '0');
  return { id: `space-${n}`, name: `Room ${n}`, secret: 'ab'.repeat(32), joinCode: `ABCD-EFGH-${n.replace(/0/g, 'K').replace(/1/g, 'M')}`, epoch: `epoch-${n}`, ...patch };
}

function ids(events: readonly { event: unknown }[]): string[] {
  return events.map((e) => (e.event as Envelope).id);
}

export function hubStoreContract(open: () => Promise<OpenedStore>, features: { reopen: boolean; ledger?: boolean }): void {
  const opened: HubStore[] = [];
  const track = (store: HubStore) => (opened.push(store), store);
  const fresh = async () => {
    const o = await open();
    track(o.store);
    return o;
  };

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()));
  });

  describe('spaces', () => {
    it('are found by id and by join code, and keep their epoch', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      expect(await store.space(s.id)).toEqual(s);
      expect(await store.spaceByJoinCode(s.joinCode)).toEqual(s);
      expect(await store.space('space-none')).toBeNull();
      expect(await store.spaceByJoinCode('ZZZZ-ZZZZ-ZZZZ')).toBeNull();
      expect(await store.listSpaces()).toContainEqual(s);
      await expect(store.createSpace({ ...s, name: 'Another name', joinCode: 'WXYZ-WXYZ-WXYZ' })).rejects.toThrow();
    });

    it('start empty: head 0, no events, empty vector', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      expect(await store.head(s.id)).toBe(0);
      expect(await store.page(s.id, 0, 10)).toEqual({ events: [], head: 0 });
      expect(await store.vector(s.id)).toEqual({});
    });

    it('refuse appends to a space that does not exist', async () => {
      const { store } = await fresh();
      await expect(store.append('space-none', [entry(A, 1)])).rejects.toThrow(/space-none/);
    });

    it('keep their logs apart', async () => {
      const { store } = await fresh();
      const s1 = space();
      const s2 = space();
      await store.createSpace(s1);
      await store.createSpace(s2);
      await store.append(s1.id, [entry(A, 1), entry(A, 2)]);
      const other = await store.append(s2.id, [entry(A, 2)]);
      // The same event in another space is that space's own first event.
      expect(other.acks).toEqual([{ id: `${A}:2`, status: 'accepted', seq: 1 }]);
      expect(await store.head(s1.id)).toBe(2);
      expect(await store.vector(s2.id)).toEqual({});
      expect(ids((await store.page(s2.id, 0, 10)).events)).toEqual([`${A}:2`]);
    });
  });

  describe('device registry', () => {
    const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
    const hash = (n: number) => String(n).padStart(2, '0').repeat(32);

    it('registers a device with its token hash, and lists it with when it joined and was last seen', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      expect(await store.device(s.id, A)).toBeNull();
      expect(await store.registerDevice(s.id, { deviceId: A, name: 'Ada', tokenHash: hash(1), at: T0 })).toBe(true);
      expect(await store.registerDevice(s.id, { deviceId: B, name: B, tokenHash: hash(2), at: T0 + 5 })).toBe(true);
      const ada = { deviceId: A, name: 'Ada', tokenHash: hash(1), joinedAt: T0, lastSeenAt: T0, removedAt: null, storedBytes: 0 };
      expect(await store.device(s.id, A)).toEqual(ada);
      await store.deviceSeen(s.id, A, T0 + 60_000);
      expect(await store.devices(s.id)).toEqual([
        { ...ada, lastSeenAt: T0 + 60_000 },
        { deviceId: B, name: B, tokenHash: hash(2), joinedAt: T0 + 5, lastSeenAt: T0 + 5, removedAt: null, storedBytes: 0 },
      ]);
      // Registries of two spaces are apart.
      const other = space();
      await store.createSpace(other);
      expect(await store.devices(other.id)).toEqual([]);
      expect(await store.device(other.id, A)).toBeNull();
    });

    it('gives a device that joins again a new token hash, keeping when it first joined', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.registerDevice(s.id, { deviceId: A, name: A, tokenHash: hash(1), at: T0 });
      expect(await store.registerDevice(s.id, { deviceId: A, name: 'Ada', tokenHash: hash(3), at: T0 + 10 })).toBe(true);
      expect(await store.device(s.id, A)).toMatchObject({ tokenHash: hash(3), name: 'Ada', joinedAt: T0, lastSeenAt: T0 + 10 });
      expect(await store.devices(s.id)).toHaveLength(1);
    });

    it('removes a device for good: it stays listed as removed, cannot register again, and its events stay', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.registerDevice(s.id, { deviceId: A, name: A, tokenHash: hash(1), at: T0 });
      await store.append(s.id, [entry(A, 1)]);
      expect(await store.removeDevice(s.id, A, T0 + 100)).toBe(true);
      expect(await store.removeDevice(s.id, A, T0 + 200)).toBe(false);
      expect(await store.removeDevice(s.id, B, T0 + 200)).toBe(false);
      expect(await store.device(s.id, A)).toMatchObject({ removedAt: T0 + 100 });
      expect(await store.registerDevice(s.id, { deviceId: A, name: A, tokenHash: hash(4), at: T0 + 300 })).toBe(false);
      expect(await store.device(s.id, A)).toMatchObject({ tokenHash: hash(1), removedAt: T0 + 100 });
      expect(ids((await store.page(s.id, 0, 10)).events)).toEqual([`${A}:1`]);
    });

    it('counts, per device that pushed them, the bytes of the events it had stored (duplicates are not stored again)', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.registerDevice(s.id, { deviceId: A, name: A, tokenHash: hash(1), at: T0 });
      await store.registerDevice(s.id, { deviceId: B, name: B, tokenHash: hash(2), at: T0 });
      const size = (...events: Envelope[]) => events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
      const [a1, b1, a2] = [entry(A, 1), entry(B, 1), entry(A, 2)];
      await store.append(s.id, [a1, b1], A);
      await store.append(s.id, [a1, a2], A);
      await store.append(s.id, [entry(A, 3)]);
      expect((await store.device(s.id, A))?.storedBytes).toBe(size(a1, b1, a2));
      expect((await store.device(s.id, B))?.storedBytes).toBe(0);
    });

    it('rotates the join code: the old one finds nothing, the new one finds the space', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.setJoinCode(s.id, 'WXYZ-WXYZ-WX23');
      expect(await store.spaceByJoinCode(s.joinCode)).toBeNull();
      expect(await store.spaceByJoinCode('WXYZ-WXYZ-WX23')).toEqual({ ...s, joinCode: 'WXYZ-WXYZ-WX23' });
      expect(await store.space(s.id)).toMatchObject({ joinCode: 'WXYZ-WXYZ-WX23' });
      await expect(store.setJoinCode('space-none', 'WXYZ-WXYZ-WX24')).rejects.toThrow();
    });
  });

  describe('append', () => {
    it('numbers new events after the head, in the order given', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      const first = await store.append(s.id, [entry(B, 1), entry(A, 1), entry(A, 2)]);
      expect(first).toEqual({
        acks: [
          { id: `${B}:1`, status: 'accepted', seq: 1 },
          { id: `${A}:1`, status: 'accepted', seq: 2 },
          { id: `${A}:2`, status: 'accepted', seq: 3 },
        ],
        head: 3,
      });
      const big = Array.from({ length: SYNC_LIMITS.batchEvents }, (_, i) => entry(C, i + 1));
      const second = await store.append(s.id, big);
      expect(second.head).toBe(3 + SYNC_LIMITS.batchEvents);
      expect(second.acks.map((a) => a.seq)).toEqual(big.map((_, i) => 4 + i));
      expect(second.acks.every((a) => a.status === 'accepted')).toBe(true);
      expect(await store.head(s.id)).toBe(3 + SYNC_LIMITS.batchEvents);
    });

    it('reports events it holds as duplicates with their number, across batches and within one', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.append(s.id, [entry(A, 1), entry(A, 2)]);
      const again = await store.append(s.id, [entry(A, 2), entry(B, 1), entry(B, 1), entry(A, 1)]);
      expect(again).toEqual({
        acks: [
          { id: `${A}:2`, status: 'duplicate', seq: 2 },
          { id: `${B}:1`, status: 'accepted', seq: 3 },
          { id: `${B}:1`, status: 'duplicate', seq: 3 },
          { id: `${A}:1`, status: 'duplicate', seq: 1 },
        ],
        head: 3,
      });
      const allHeld = await store.append(s.id, [entry(A, 1)]);
      expect(allHeld).toEqual({ acks: [{ id: `${A}:1`, status: 'duplicate', seq: 1 }], head: 3 });
      expect(ids((await store.page(s.id, 0, 10)).events)).toEqual([`${A}:1`, `${A}:2`, `${B}:1`]);
    });

    it('keeps events exactly as sent, hostile-looking text and unknown types included', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      const html = declared(A, 1, '<script>alert("x")</script> & <b>bold</b> \'quoted\' \\ back');
      const unicode = entry(A, 2, { text: 'Zürich ☕ 🚨 — “quotes”, 中文, RTL: שלום' });
      const future = { ...entry(A, 3), type: 'incident.somethingNew', v: 7, payload: { nested: { list: [1, 'two', null, true] }, empty: '' } };
      await store.append(s.id, [html, unicode, future as Envelope]);
      const page = await store.page(s.id, 0, 10);
      expect(page.events).toEqual([
        { seq: 1, event: html },
        { seq: 2, event: unicode },
        { seq: 3, event: future },
      ]);
    });
  });

  describe('page', () => {
    it('returns events after a cursor in number order, up to a limit, with the head', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      const events = Array.from({ length: 25 }, (_, i) => entry(i % 2 ? A : B, Math.floor(i / 2) + 1));
      await store.append(s.id, events.slice(0, 10));
      await store.append(s.id, events.slice(10));
      const first = await store.page(s.id, 0, 10);
      expect(first.head).toBe(25);
      expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(ids(first.events)).toEqual(events.slice(0, 10).map((e) => e.id));
      const middle = await store.page(s.id, 7, 5);
      expect(middle.events.map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
      const last = await store.page(s.id, 20, 100);
      expect(last.events.map((e) => e.seq)).toEqual([21, 22, 23, 24, 25]);
      expect(await store.page(s.id, 25, 10)).toEqual({ events: [], head: 25 });
      expect(await store.page(s.id, 99, 10)).toEqual({ events: [], head: 25 });
    });
  });

  describe('vector', () => {
    it('holds, per device, the highest sequence below which nothing is missing', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.append(s.id, [entry(A, 1), entry(A, 2), entry(A, 4), entry(B, 2)]);
      // B has only its second event: the vector does not claim B at all.
      expect(await store.vector(s.id)).toEqual({ [A]: 2 });
      await store.append(s.id, [entry(A, 3)]);
      expect(await store.vector(s.id)).toEqual({ [A]: 4 });
      await store.append(s.id, [entry(B, 3), entry(B, 5), entry(B, 1), entry(A, 4)]);
      expect(await store.vector(s.id)).toEqual({ [A]: 4, [B]: 3 });
      await store.append(s.id, [entry(B, 4)]);
      expect(await store.vector(s.id)).toEqual({ [A]: 4, [B]: 5 });
    });

    it('closes gaps filled in one batch, in any order', async () => {
      const { store } = await fresh();
      const s = space();
      await store.createSpace(s);
      await store.append(s.id, [entry(C, 5), entry(C, 3)]);
      await store.append(s.id, [entry(C, 4), entry(C, 2), entry(C, 1), entry(C, 7)]);
      expect(await store.vector(s.id)).toEqual({ [C]: 5 });
    });
  });

  describe('concurrency', () => {
    it('several writers at once never leave a gap, and a reader never sees a number before a lower one', async () => {
      const o = await fresh();
      const s = space();
      await o.store.createSpace(s);
      const writers = [o.store];
      for (let i = 0; i < 3; i++) writers.push(o.another ? track(await o.another()) : o.store);
      const devices = ['dddddddd01', 'dddddddd02', 'dddddddd03', 'dddddddd04'];
      const rounds = 12;
      const perBatch = 40;
      let writing = true;

      const write = async (w: number) => {
        const device = devices[w]!;
        const neighbour = devices[(w + 1) % devices.length]!;
        for (let r = 0; r < rounds; r++) {
          const own = Array.from({ length: perBatch }, (_, i) => entry(device, r * perBatch + i + 1));
          // Some of a neighbour's events too, which that neighbour is sending at the same time.
          const shared = Array.from({ length: 5 }, (_, i) => entry(neighbour, r * perBatch + i + 1));
          await writers[w]!.append(s.id, r % 2 ? [...shared, ...own] : [...own, ...shared]);
        }
      };

      const seen: number[] = [];
      const read = async () => {
        const reader = o.another ? track(await o.another()) : o.store;
        let after = 0;
        for (;;) {
          const stillWriting = writing;
          const page = await reader.page(s.id, after, 37);
          for (const { seq } of page.events) {
            expect(seq, `after ${after} the reader saw ${seq}`).toBe(after + 1);
            expect(seq).toBeLessThanOrEqual(page.head);
            after = seq;
            seen.push(seq);
          }
          if (!stillWriting && page.events.length === 0) return after;
          if (page.events.length === 0) await new Promise((r) => setTimeout(r, 1));
        }
      };

      const reading = read();
      reading.catch(() => {}); // awaited below; a failure is reported there
      await Promise.all(devices.map((_, w) => write(w)));
      writing = false;
      const last = await reading;

      const total = devices.length * rounds * perBatch;
      expect(await o.store.head(s.id)).toBe(total);
      expect(last).toBe(total);
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const all = [];
      for (let after = 0; after < total; after += SYNC_LIMITS.batchEvents) all.push(...(await o.store.page(s.id, after, SYNC_LIMITS.batchEvents)).events);
      expect(new Set(ids(all)).size).toBe(total);
      expect(await o.store.vector(s.id)).toEqual(Object.fromEntries(devices.map((d) => [d, rounds * perBatch])));
    });
  });

  if (features.reopen) describe('durability', () => {
    it('reopening keeps spaces, events, heads and vectors', async () => {
      const o = await fresh();
      if (!o.reopen) throw new Error('this store was declared reopenable but cannot reopen');
      const s = space();
      await o.store.createSpace(s);
      await o.store.append(s.id, [entry(A, 1), entry(A, 3), declared(B, 1, '<i>kept</i>')]);
      await o.store.registerDevice(s.id, { deviceId: A, name: 'Ada', tokenHash: 'cd'.repeat(32), at: 1000 });
      await o.store.removeDevice(s.id, A, 2000);
      const before = { page: await o.store.page(s.id, 0, 10), vector: await o.store.vector(s.id) };
      const again = track(await o.reopen());
      expect(await again.space(s.id)).toEqual(s);
      expect(await again.spaceByJoinCode(s.joinCode)).toEqual(s);
      expect(await again.page(s.id, 0, 10)).toEqual(before.page);
      expect(await again.vector(s.id)).toEqual(before.vector);
      expect(await again.devices(s.id)).toEqual([
        { deviceId: A, name: 'Ada', tokenHash: 'cd'.repeat(32), joinedAt: 1000, lastSeenAt: 1000, removedAt: 2000, storedBytes: 0 },
      ]);
      const next = await again.append(s.id, [entry(A, 2), entry(A, 1)]);
      expect(next.acks).toEqual([
        { id: `${A}:2`, status: 'accepted', seq: 4 },
        { id: `${A}:1`, status: 'duplicate', seq: 1 },
      ]);
      expect(await again.vector(s.id)).toEqual({ [A]: 3, [B]: 1 });
    });
  });

  if (features.ledger) {
    const asLedger = (store: HubStore) => store as HubStore & DeliveryLedger;
    describe('delivery ledger', () => {
      deliveryLedgerCases(async () => {
        const o = await fresh();
        return {
          ledger: asLedger(o.store),
          ...(o.another ? { another: async () => asLedger(track(await o.another!())) } : {}),
          ...(o.reopen ? { reopen: async () => asLedger(track(await o.reopen!())) } : {}),
        };
      }, features);
    });
  }
}

export type OpenedLedger = {
  ledger: DeliveryLedger;
  /** Another handle on the same ledger, as another hub process would have. */
  another?: () => Promise<DeliveryLedger>;
  /** Closes `ledger` and opens the same storage again. */
  reopen?: () => Promise<DeliveryLedger>;
};

/** What every DeliveryLedger must do: the reference in memory, and each store that keeps one. */
export function deliveryLedgerContract(open: () => Promise<OpenedLedger>, features: { reopen: boolean }): void {
  describe('delivery ledger', () => deliveryLedgerCases(open, features));
}

const T = Date.UTC(2026, 10, 22, 9, 0, 0);
let ledgerSpaces = 0;
const ledgerSpace = () => `space-ledger-${++ledgerSpaces}`;
const byId = (rows: { messageId: string; attempts: number }[]) => [...rows].sort((a, b) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));

function deliveryLedgerCases(open: () => Promise<OpenedLedger>, features: { reopen: boolean }): void {
  it('lets one claim an attempt; a second claim of it is refused until the attempt ends', async () => {
    const { ledger, another } = await open();
    const s = ledgerSpace();
    expect(await ledger.claim(s, `${A}:3`, '', T)).toBe(1);
    expect(await ledger.claim(s, `${A}:3`, '', T)).toBeNull();
    expect(await ledger.claim(s, `${A}:3`, '', T + 3_600_000)).toBeNull();
    if (another) expect(await (await another()).claim(s, `${A}:3`, '', T)).toBeNull();
    // Another message, and the same message in another space, are claims of their own.
    expect(await ledger.claim(s, `${A}:4`, '', T)).toBe(1);
    expect(await ledger.claim(ledgerSpace(), `${A}:3`, '', T)).toBe(1);
  });

  it('gives each attempt to exactly one of many claiming at once', async () => {
    const { ledger, another } = await open();
    const s = ledgerSpace();
    const handles = [ledger];
    for (let i = 0; i < 3; i++) handles.push(another ? await another() : ledger);
    const messages = Array.from({ length: 10 }, (_, i) => `${B}:${i + 1}`);
    // Each handle twice per message, all in flight together.
    const claims = await Promise.all(
      messages.flatMap((m) => [...handles, ...handles].map(async (h) => ({ m, attempt: await h.claim(s, m, '', T) }))),
    );
    for (const m of messages) expect(claims.filter((c) => c.m === m && c.attempt !== null).map((c) => c.attempt), m).toEqual([1]);
    expect(byId(await ledger.inFlight(s))).toEqual(byId(messages.map((messageId) => ({ messageId, attempts: 1 }))));
  });

  it('lets the next attempt be claimed once it is due, and not before', async () => {
    const { ledger } = await open();
    const s = ledgerSpace();
    expect(await ledger.claim(s, `${A}:3`, '', T)).toBe(1);
    await ledger.retryAt(s, `${A}:3`, T + 2_000);
    expect(await ledger.inFlight(s)).toEqual([]);
    expect(await ledger.claim(s, `${A}:3`, '', T + 1_999)).toBeNull();
    expect(await ledger.claim(s, `${A}:3`, '', T + 2_000)).toBe(2);
    expect(await ledger.claim(s, `${A}:3`, '', T + 2_000)).toBeNull();
    await ledger.retryAt(s, `${A}:3`, T + 6_000);
    expect(await ledger.claim(s, `${A}:3`, '', T + 10_000)).toBe(3);
  });

  it('never gives a finished run again; a new run (the message queued again) starts over', async () => {
    const { ledger, another } = await open();
    const s = ledgerSpace();
    expect(await ledger.claim(s, `${A}:3`, '', T)).toBe(1);
    await ledger.finish(s, `${A}:3`);
    expect(await ledger.inFlight(s)).toEqual([]);
    // A process a moment behind on the log still sees the message queued: it must not send it again.
    expect(await ledger.claim(s, `${A}:3`, '', T + 86_400_000)).toBeNull();
    if (another) expect(await (await another()).claim(s, `${A}:3`, '', T + 86_400_000)).toBeNull();
    expect(await ledger.claim(s, `${A}:3`, `${A}:9`, T)).toBe(1);
    // Queued again while an attempt of the old run was on the wire: the new run starts over too.
    expect(await ledger.claim(s, `${A}:3`, `${A}:12`, T)).toBe(1);
    expect(await ledger.inFlight(s)).toEqual([{ messageId: `${A}:3`, attempts: 1 }]);
  });

  it('lists only the attempts on the wire, of that space, with their number', async () => {
    const { ledger } = await open();
    const s = ledgerSpace();
    const other = ledgerSpace();
    await ledger.claim(s, `${A}:1`, '', T);
    await ledger.claim(s, `${A}:2`, '', T);
    await ledger.retryAt(s, `${A}:2`, T + 1_000);
    await ledger.claim(s, `${A}:2`, '', T + 1_000);
    await ledger.claim(s, `${A}:3`, '', T);
    await ledger.retryAt(s, `${A}:3`, T + 1_000);
    await ledger.claim(s, `${A}:4`, '', T);
    await ledger.finish(s, `${A}:4`);
    await ledger.claim(other, `${A}:5`, '', T);
    expect(byId(await ledger.inFlight(s))).toEqual([
      { messageId: `${A}:1`, attempts: 1 },
      { messageId: `${A}:2`, attempts: 2 },
    ]);
    expect(await ledger.inFlight(ledgerSpace())).toEqual([]);
    // Asked for those claimed by a time: younger claims may be another hub's, sending right now.
    expect(await ledger.inFlight(s, T + 999)).toEqual([{ messageId: `${A}:1`, attempts: 1 }]);
    expect(byId(await ledger.inFlight(s, T + 1_000))).toHaveLength(2);
    expect(await ledger.inFlight(s, T - 1)).toEqual([]);
  });

  if (features.reopen) {
    it('keeps attempts across a reopen', async () => {
      const o = await open();
      if (!o.reopen) throw new Error('this ledger was declared reopenable but cannot reopen');
      const s = ledgerSpace();
      await o.ledger.claim(s, `${A}:1`, '', T);
      await o.ledger.claim(s, `${A}:2`, '', T);
      await o.ledger.retryAt(s, `${A}:2`, T + 2_000);
      await o.ledger.claim(s, `${A}:3`, '', T);
      await o.ledger.finish(s, `${A}:3`);
      const again = await o.reopen();
      expect(await again.inFlight(s)).toEqual([{ messageId: `${A}:1`, attempts: 1 }]);
      expect(await again.claim(s, `${A}:1`, '', T + 60_000)).toBeNull();
      expect(await again.claim(s, `${A}:2`, '', T + 1_000)).toBeNull();
      expect(await again.claim(s, `${A}:2`, '', T + 2_000)).toBe(2);
      expect(await again.claim(s, `${A}:3`, '', T + 60_000)).toBeNull();
    });
  }
}
