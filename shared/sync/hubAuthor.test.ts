import { describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM } from '../domain/events';
import { SealVerifier, judgeChains, type TravellingEvent } from './chain';
import { HubAuthor, newHubSigner, type HubDraft } from './hubAuthor';
import { MemoryHubStore } from './memoryHubStore';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const INCIDENT = 'consolea01:1';

async function room() {
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  return store;
}

const outcome = (attempts: number): HubDraft => ({
  incidentId: INCIDENT,
  type: 'message.delivered',
  actor: 'Warroom',
  occurredAt: new Date(T0).toISOString(),
  payload: { target: 'consolea01:3', audienceName: 'Key customers', phase: 'initial', attempts, status: 200 },
});

async function logOf(store: MemoryHubStore): Promise<TravellingEvent[]> {
  return (await store.page('room', 0, 1000)).events.map((e) => e.event as TravellingEvent);
}

/** How a console that holds nothing yet judges what it is sent. */
async function judged(events: readonly TravellingEvent[]) {
  return (await judgeChains(events, new Map(), new SealVerifier())).map((v) => v.status);
}

describe('the hub as an author', () => {
  it('writes sealed runs that a console verifies, page by page, each continuing the last', async () => {
    const store = await room();
    const author = new HubAuthor(store, await newHubSigner(), () => T0);
    await author.append('room', [outcome(1), outcome(2)]);
    const { head } = await author.append('room', [outcome(3)]);
    expect(head).toBe(3);
    const log = await logOf(store);
    expect(log.map((e) => e.id)).toEqual([1, 2, 3].map((n) => `${author.deviceId}:${n}`));
    expect(await judged(log)).toEqual(['verified', 'verified', 'verified']);
    // The second run alone, as a page starting after the first: it names the link it follows.
    expect(await judged(log.slice(2))).toEqual(['verified']);
    // Its clock moves on even when the wall clock stands still.
    expect(log[1]!.hlc > log[0]!.hlc).toBe(true);
  });

  it('writes one run at a time a space when asked by several callers at once', async () => {
    const store = await room();
    const author = new HubAuthor(store, await newHubSigner(), () => T0);
    await Promise.all([1, 2, 3, 4].map((n) => author.append('room', [outcome(n)])));
    const log = await logOf(store);
    expect(log.map((e) => e.deviceSeq)).toEqual([1, 2, 3, 4]);
    expect(await judged(log)).toEqual(Array(4).fill('verified'));
  });

  it('gives two processes sharing a store authors of their own, so their numbers never clash', async () => {
    const store = await room();
    const one = new HubAuthor(store, await newHubSigner(), () => T0);
    const two = new HubAuthor(store, await newHubSigner(), () => T0);
    expect(one.deviceId).not.toBe(two.deviceId);
    await Promise.all([one.append('room', [outcome(1)]), two.append('room', [outcome(1)])]);
    expect(await judged(await logOf(store))).toEqual(['verified', 'verified']);
  });

  it('stores nothing of a draft that is not a valid event, and writes on after it', async () => {
    const store = await room();
    const author = new HubAuthor(store, await newHubSigner(), () => T0);
    const wrongStream: HubDraft = { ...outcome(1), incidentId: ORGANISATION_STREAM };
    await expect(author.append('room', [outcome(1), wrongStream])).rejects.toThrow(/invalid message.delivered/);
    expect(await logOf(store)).toEqual([]);
    await author.append('room', [outcome(2)]);
    const log = await logOf(store);
    expect(log.map((e) => e.deviceSeq)).toEqual([1]);
    expect(await judged(log)).toEqual(['verified']);
  });
});
