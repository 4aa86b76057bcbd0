/**
 * Back-pressure over real sockets on a real SQLite hub: a console that asks
 * for pages and never reads them is paused, then dropped, and the hub never
 * holds more than the bound plus one frame for it; a console that reads gets
 * everything under the same bound.
 */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { SYNC_LIMITS, type HubMessage } from '../../shared/sync/protocol';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import type { BackPressureOptions } from './backPressure';
import { startHub, type RunningHub } from './server';
import { ensureSpace } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { entry } from './testEvents';

/** The console that reads (or does not): it only pulls, so its id is all it needs. */
const B = new TestAuthor(2).deviceId;
const EVENTS = 1000;
/** Small enough that one page (about 2.3 MB here) is well over it. */
const BOUND = 256 * 1024;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hub whose space holds EVENTS entries of about 2 KB each. */
async function fullHub(backPressure: BackPressureOptions, pokeIntervalMs?: number): Promise<{ hub: RunningHub; joinCode: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-pressure-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteHubStore(new Database(join(dir, 'hub.sqlite')));
  cleanups.push(() => store.close());
  const { space } = await ensureSpace(store, { name: 'Room 1' }, (bytes) => randomFillSync(bytes));
  const text = 'Checkout errors on eu-west; rollback under way. '.repeat(42);
  // Signed as a console pushes them; a fresh author for each hub, as each one's events carry their own time.
  const author = new TestAuthor(1);
  await store.append(
    space.id,
    Array.from({ length: EVENTS }, (_, i) => entry(author, i + 1, { text })),
  );
  const hub = await startHub({ store, port: 0, host: '127.0.0.1', backPressure, ...(pokeIntervalMs === undefined ? {} : { pokeIntervalMs }) });
  cleanups.push(() => hub.close());
  return { hub, joinCode: space.joinCode };
}

async function joinSpace(
  url: string,
  joinCode: string,
  deviceId = B,
  protocol = { min: 1, max: 1 },
): Promise<{ ws: WebSocket; received: HubMessage[]; next: () => Promise<HubMessage> }> {
  const ws = new WebSocket(url);
  cleanups.push(() => ws.terminate());
  const received: HubMessage[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as HubMessage);
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async () => {
    while (received.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return received.shift()!;
  };
  ws.send(JSON.stringify({ t: 'hello', protocol, deviceId, auth: { kind: 'join', code: joinCode }, app: 'warroom-test' }));
  expect(await next()).toMatchObject({ t: 'welcome' });
  return { ws, received, next };
}

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`Timed out waiting for ${what}`);
}

describe('hub back-pressure', () => {
  it('pauses a console that asks for pages and never reads them, then drops it, holding at most the bound plus one frame', async () => {
    const { hub, joinCode } = await fullHub({ maxBufferedBytes: BOUND, drainTimeoutMs: 200 });
    const { ws } = await joinSpace(hub.url, joinCode);
    // The console stops reading its socket and keeps asking for the whole log.
    ws.pause();
    for (let i = 1; i <= 100; i++) ws.send(JSON.stringify({ t: 'pull', id: `p${i}`, after: 0, limit: SYNC_LIMITS.batchEvents }));

    await until(() => hub.backPressure().dropped === 1, 'the reader that does not read to be dropped');
    await until(() => hub.connections() === 0, 'its connection to close');
    const stats = hub.backPressure();
    expect(stats.paused).toBeGreaterThanOrEqual(1);
    expect(stats.peakBufferedBytes).toBeGreaterThan(BOUND);
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(BOUND + SYNC_LIMITS.frameBytes);
  }, 30_000);

  it('gives a console that reads every page under the same bound, and drops nobody', async () => {
    const { hub, joinCode } = await fullHub({ maxBufferedBytes: BOUND, drainTimeoutMs: 200 });
    const { ws, next } = await joinSpace(hub.url, joinCode);
    let after = 0;
    let pages = 0;
    while (after < EVENTS) {
      ws.send(JSON.stringify({ t: 'pull', id: `p${++pages}`, after, limit: 300 }));
      const page = await next();
      if (page.t !== 'page') throw new Error(`expected a page, got ${JSON.stringify(page)}`);
      after = page.events.at(-1)?.seq ?? after;
    }
    expect(after).toBe(EVENTS);
    expect(hub.backPressure().dropped).toBe(0);
    expect(hub.connections()).toBe(1);
  }, 30_000);

  it('tells a console that is not reading only the newest head once it reads again: what it would be fed shrinks to a poke', async () => {
    // Every push pokes at once: what piles up for the reader is the hub's back-pressure, not its pacing.
    const { hub, joinCode } = await fullHub({ maxBufferedBytes: BOUND, drainTimeoutMs: 20_000 }, 0);
    const reader = await joinSpace(hub.url, joinCode, B, { min: 2, max: 2 });
    // It stops reading with pages it asked for still to come: more than the bound is waiting for it.
    reader.ws.pause();
    for (let i = 1; i <= 3; i++) reader.ws.send(JSON.stringify({ t: 'pull', id: `p${i}`, after: 0, limit: SYNC_LIMITS.batchEvents }));
    await until(() => hub.backPressure().paused >= 1, 'the reader to be paused');

    const author = new TestAuthor(3);
    const pusher = await joinSpace(hub.url, joinCode, author.deviceId);
    for (let seq = 1; seq <= 2; seq++) {
      pusher.ws.send(JSON.stringify({ t: 'push', id: `r${seq}`, events: [entry(author, seq)] }));
      let answer = await pusher.next();
      while (answer.t === 'poke') answer = await pusher.next();
      expect(answer).toMatchObject({ t: 'acks', acks: [{ status: 'accepted', seq: EVENTS + seq }] });
    }

    reader.ws.resume();
    await until(() => reader.received.some((m) => m.t === 'poke'), 'the held poke');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.received.filter((m) => m.t === 'feed')).toEqual([]);
    expect(reader.received.filter((m) => m.t === 'poke')).toEqual([{ t: 'poke', head: EVENTS + 2 }]);
    expect(hub.backPressure().dropped).toBe(0);
  }, 30_000);
});
