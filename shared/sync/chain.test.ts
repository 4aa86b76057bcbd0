import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { encodeHlc } from '../domain/hlc';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

import { ZERO_LINK, canonicalJson, contentHash, contentOf, judgeChains, nextLink, sealedPrefix, type TravellingEvent } from './chain';
import { witnessOf } from './outgoing';
import { simCrypto, simVerifier } from './testing/simCrypto';
import { TestAuthor } from './testing/testAuthor';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const verifier = simVerifier(simCrypto());

function note(author: TestAuthor, deviceSeq: number, text = `note ${deviceSeq}`) {
  return {
    id: `${author.deviceId}:${deviceSeq}`,
    incidentId: `${author.deviceId}:1`,
    type: 'timeline.entryLogged',
    v: 1,
    hlc: encodeHlc({ ms: NOW, counter: deviceSeq }),
    deviceId: author.deviceId,
    deviceSeq,
    actor: 'Ada',
    occurredAt: new Date(NOW).toISOString(),
    payload: { kind: 'note', text },
  };
}

/** The author's events 1..n as one push leaves: the link before the first, a seal on the last only. */
function push(author: TestAuthor, n: number): TravellingEvent[] {
  const signed = Array.from({ length: n }, (_, i) => author.sign(note(author, i + 1)) as TravellingEvent);
  return signed.map(({ chain, seal, ...event }, i) => ({ ...event, ...(i === 0 ? { chain } : {}), ...(i === n - 1 ? { seal } : {}) }) as TravellingEvent);
}

const statuses = async (events: TravellingEvent[]) => (await judgeChains(events, new Map(), verifier)).map((v) => v.status);

/** Canonical JSON as its definition says, written the plain way: keys sorted by code point, undefined members left out. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`).join(',')}}`;
}

describe('canonical JSON', () => {
  it('is the JSON of the value with every object key sorted, whatever order the keys came in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: '\u2028' }], e: undefined })).toBe('{"a":[{"c":"\u2028"}],"b":1}');
    // Integer-like keys sort as strings, not first as a JavaScript object lists them.
    expect(canonicalJson({ b: 1, 10: 0, 9: 0 })).toBe('{"10":0,"9":0,"b":1}');
  });

  it('leaves out of an event’s hash exactly what contentOf leaves out of the event', () => {
    const event = { ...note(new TestAuthor(39), 1), chain: ZERO_LINK, seal: { key: 'k', sig: 's' }, witness: { hashes: [], seal: { key: 'k', sig: 's' } }, link: ZERO_LINK, tl: 3, unknown: true };
    expect(contentHash(event)).toBe(bytesToHex(sha256(new TextEncoder().encode(canonicalJson(contentOf(event))))));
    expect(contentHash(event)).toBe(contentHash(note(new TestAuthor(39), 1)));
  });
});

describe('authorship chains', () => {
  it('hashes as the browser does: the native SHA-256 of Node and the pure-JavaScript one agree', () => {
    const event = { ...note(new TestAuthor(40), 1, 'naïve “quotes” and emoji 🚨 and \u0000-free text'), chain: ZERO_LINK };
    const expected = bytesToHex(sha256(new TextEncoder().encode(canonicalJson(contentOf(event)))));
    expect(contentHash(event)).toBe(expected);
    const both = new Uint8Array([...hexToBytes(ZERO_LINK), ...hexToBytes(expected)]);
    expect(nextLink(ZERO_LINK, expected)).toBe(bytesToHex(sha256(both)));
  });

  it('takes a run its author sealed at its end, and leaves uncovered a run without a seal', async () => {
    const events = push(new TestAuthor(41), 5);
    expect(await statuses(events)).toEqual(Array(5).fill('verified'));
    expect(await statuses(events.slice(0, 4))).toEqual(Array(4).fill('uncovered'));
  });

  it('takes events cut out of a longer run when a witness carries the hashes up to the seal', async () => {
    const author = new TestAuthor(42);
    const events = push(author, 6);
    // Events 2 and 3 alone, as an incident file carries them: the link before 2, and a witness of 4..6.
    const cut = [{ ...events[1]!, chain: (await judgeChains(events, new Map(), verifier)).flatMap((v) => (v.status === 'verified' ? [v.link] : []))[0] }, events[2]!];
    const witness = witnessOf(events[2]!, events.slice(3));
    expect(witness?.hashes).toEqual(events.slice(3).map(contentHash));
    const carried = [cut[0]!, { ...cut[1]!, witness: witness! }] as TravellingEvent[];
    expect(await statuses(carried)).toEqual(['verified', 'verified']);
    // A page may end after a witness as after a seal.
    expect(sealedPrefix(carried)).toBe(2);

    // Any changed hash, a hash left out, or the witness moved onto other content: no signature of the author's.
    const changed = { ...witness!, hashes: [contentHash(note(author, 4, 'forged')), ...witness!.hashes.slice(1)] };
    expect(await statuses([cut[0]!, { ...cut[1]!, witness: changed }] as TravellingEvent[])).toEqual(['refused', 'refused']);
    expect(await statuses([cut[0]!, { ...cut[1]!, witness: { ...witness!, hashes: witness!.hashes.slice(1) } }] as TravellingEvent[])).toEqual(['refused', 'refused']);
    expect(await statuses([cut[0]!, { ...cut[1]!, payload: { kind: 'note', text: 'rewritten' }, witness: witness! }] as TravellingEvent[])).toEqual(['refused', 'refused']);
  });

  it('builds no witness over a gap in what is held', () => {
    const author = new TestAuthor(43);
    const events = push(author, 6);
    expect(witnessOf(events[1]!, [events[2]!, events[4]!, events[5]!])).toBeNull();
    expect(witnessOf(events[1]!, events.slice(2, 5))).toBeNull();
  });

  it('costs one damaged event only itself when every event names the link before it and is sealed', async () => {
    const author = new TestAuthor(44);
    const each = Array.from({ length: 5 }, (_, i) => author.sign(note(author, i + 1)) as TravellingEvent);
    const damaged = each.map((event, i) => (i === 2 ? { ...event, payload: { kind: 'note', text: 'changed on the way' } } : event));
    expect(await statuses(damaged)).toEqual(['verified', 'verified', 'refused', 'verified', 'verified']);
  });

  it('refuses an event nested too deeply to be hashed, and goes on with the others', async () => {
    const author = new TestAuthor(45);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const events = [author.sign(note(author, 1)), { ...note(author, 2), payload: deep }] as TravellingEvent[];
    expect(await statuses(events)).toEqual(['verified', 'refused']);
  });
});
