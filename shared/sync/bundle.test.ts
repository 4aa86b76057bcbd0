import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { DomainEvent } from '../domain/events';
import { serializeIncidentFile } from '../exchange/incidentFile';
import { historyArb, runSteps } from '../testing/incidentHistory';
import { BUNDLE_FORMAT, createBundle, openBundle, type BundleOpen } from './bundle';
import { MAX_BUNDLE_BYTES } from './bundleFile';

const createdAt = '2026-11-21T13:00:00.000Z';
const deviceId = 'aaaaaaaa01';
const key = utf8ToBytes('workspace secret of the blue team');
const otherKey = utf8ToBytes('workspace secret of the red team');

/** A three-console history: a declaration, entries, corrections, strikes, status changes. */
const { events, incidentId } = runSteps(
  [0, 60_000, -30_000],
  [
    { op: 'entry', device: 0, kind: 0, backdateMs: 0 },
    { op: 'wait', ms: 1_000 },
    { op: 'sync', device: 1, from: 0 },
    { op: 'entry', device: 1, kind: 1, backdateMs: 600_000 },
    { op: 'status', device: 1, status: 1 },
    { op: 'correct', device: 0, pick: 0 },
    { op: 'sync', device: 2, from: 1 },
    { op: 'strike', device: 2, pick: 1 },
    { op: 'title', device: 2, title: 'DNS down' },
  ],
);
const asTravelled = (list: readonly unknown[]) => JSON.parse(JSON.stringify(list)) as unknown[];

/** A timeline entry from a fourth console, saying `text`. */
function entry(text: string, seq = 1): DomainEvent {
  const declared = events[0]!;
  return {
    ...declared,
    id: `dddddddd04:${seq}`,
    deviceId: 'dddddddd04',
    deviceSeq: seq,
    type: 'timeline.entryLogged',
    v: 1,
    payload: { kind: 'note', text },
  } as DomainEvent;
}

/** A keyless console's plain bundle with its contents rewritten and the checksum recomputed, as someone covering their tracks would. */
function reseal(text: string, edit: (body: string) => string, header: (h: Record<string, unknown>) => void = () => {}): string {
  const [outer, contentsHeader] = text.split('\n', 2) as [string, string];
  const body = edit(text.slice(outer.length + 1 + contentsHeader.length + 1));
  const parsed = JSON.parse(contentsHeader) as Record<string, unknown>;
  parsed.sha256 = bytesToHex(sha256(utf8ToBytes(body)));
  header(parsed);
  return `${outer}\n${JSON.stringify(parsed)}\n${body}`;
}

/** A plain bundle with its first line (the header saying how to read it) edited. */
function withOuter(text: string, edit: (h: Record<string, unknown>) => void): string {
  const at = text.indexOf('\n');
  const outer = JSON.parse(text.slice(0, at)) as Record<string, unknown>;
  edit(outer);
  return `${JSON.stringify(outer)}\n${text.slice(at + 1)}`;
}

/** A bundle as version 1 wrote it: the log in clear, an optional HMAC of the header's facts. */
function versionOne(list: readonly unknown[], sealWith: Uint8Array | null): string {
  const body = list.map((event) => `${JSON.stringify(event)}\n`).join('');
  const header = { format: BUNDLE_FORMAT, version: 1, createdAt, deviceId, eventCount: list.length, sha256: bytesToHex(sha256(utf8ToBytes(body))), hmac: null as string | null };
  if (sealWith) {
    const facts = [header.format, header.version, header.createdAt, header.deviceId, header.eventCount, header.sha256].join('\n');
    header.hmac = bytesToHex(hmac(sha256, sealWith, utf8ToBytes(facts)));
  }
  return `${JSON.stringify(header)}\n${body}`;
}

/** The same text with one character's code changed; every character of a sealed bundle is ASCII, so it is one byte. */
function flipAt(text: string, at: number): string {
  return `${text.slice(0, at)}${String.fromCharCode(text.charCodeAt(at) ^ 0x01)}${text.slice(at + 1)}`;
}

function problemOf(result: BundleOpen) {
  return result.ok ? 'ok' : result.problem;
}

describe('sealed sync bundle (a console in a sync space)', () => {
  it('reads back exactly the events it was written with, in order, sealed', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    expect(openBundle(text, key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(events), sealed: true } });
  });

  it('round-trips any multi-console history', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const opened = openBundle(createBundle({ createdAt, deviceId, events: history.events, key }), key);
        expect(opened).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(history.events), sealed: true } });
      }),
      { numRuns: 25 },
    );
  });

  it('shows a finder nothing but that it is a bundle: no event text, writer, time or count', () => {
    const secret = entry('Bridge code 4471 for the DBA on call');
    const text = createBundle({ createdAt, deviceId, events: [...events, secret], key });
    const [header, sealedLine, rest] = text.split('\n');
    expect(rest).toBe('');
    expect(JSON.parse(header!)).toEqual({ format: BUNDLE_FORMAT, version: 2, cipher: 'xchacha20poly1305', nonce: expect.stringMatching(/^[0-9a-f]{48}$/) });
    expect(sealedLine).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const clear of ['4471', 'Bridge code', deviceId, 'dddddddd04', incidentId, createdAt, '2026-11-21', 'timeline.entryLogged', 'DNS down']) {
      expect(text).not.toContain(clear);
    }
    // A fresh nonce each time: the same log sealed twice looks unrelated.
    const again = createBundle({ createdAt, deviceId, events: [...events, secret], key });
    expect(JSON.parse(again.split('\n')[0]!).nonce).not.toBe(JSON.parse(header!).nonce);
    expect(again.split('\n')[1]).not.toBe(sealedLine);
  });

  it('keeps an empty log as an empty bundle', () => {
    expect(openBundle(createBundle({ createdAt, deviceId, events: [], key }), key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: [], sealed: true } });
  });

  it('refuses a bundle sealed with another space key', () => {
    expect(openBundle(createBundle({ createdAt, deviceId, events, key: otherKey }), key)).toEqual({ ok: false, problem: 'sealBroken' });
  });

  it('refuses a bundle with any one byte changed, anywhere', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), (at) => {
        expect(openBundle(flipAt(text, at), key).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    // The first and last byte of the sealed line, and the line breaks.
    const breakAt = text.indexOf('\n');
    for (const at of [0, breakAt - 1, breakAt, breakAt + 1, text.length - 2, text.length - 1]) expect(openBundle(flipAt(text, at), key).ok).toBe(false);
    // A stick pulled out mid-write.
    expect(openBundle(text.slice(0, -40), key).ok).toBe(false);
    expect(openBundle(text.slice(0, breakAt + 1), key).ok).toBe(false);
  });

  it('refuses an edited header, even one that would still read', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    const breakAt = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, breakAt)) as Record<string, unknown>;
    const rest = text.slice(breakAt);
    // Same fields, written another way: the header is sealed byte for byte.
    expect(openBundle(`${JSON.stringify(header, null, 1)}${rest}`.replace(/\n(?=[ }])/g, ''), key)).toEqual({ ok: false, problem: 'sealBroken' });
    expect(openBundle(`${JSON.stringify({ ...header, nonce: '0'.repeat(48) })}${rest}`, key)).toEqual({ ok: false, problem: 'sealBroken' });
    // Nothing else may ride in clear beside the seal.
    expect(openBundle(`${JSON.stringify({ ...header, note: 'hi' })}${rest}`, key)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openBundle(`${JSON.stringify({ ...header, cipher: 'rot13' })}${rest}`, key)).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('says so when a text editor turned the line breaks into CRLF', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    expect(openBundle(text.replace(/\n/g, '\r\n'), key)).toEqual({ ok: false, problem: 'checksum', lineEndings: true });
  });

  it('refuses every unsealed bundle when it holds the key: the seal cannot be stripped', () => {
    const forged = [...events, entry('Rollback approved by the CTO')];
    const notSealed = { ok: false, problem: 'notSealed' };
    // A plain bundle, as a console outside the space writes one.
    expect(openBundle(createBundle({ createdAt, deviceId, events: forged, key: null }), key)).toEqual(notSealed);
    // Version 1, with its seal removed ("hmac": null) or even intact: its log was in clear, and is refused alike.
    expect(openBundle(versionOne(forged, null), key)).toEqual(notSealed);
    expect(openBundle(versionOne(forged, key), key)).toEqual(notSealed);
    // A sealed header over a plain body.
    const sealedHeader = createBundle({ createdAt, deviceId, events, key }).split('\n')[0]!;
    const plain = createBundle({ createdAt, deviceId, events: forged, key: null });
    expect(openBundle(`${sealedHeader}${plain.slice(plain.indexOf('\n'))}`, key).ok).toBe(false);
  });

  it('refuses a sealed bundle on a console without the key, saying what it needs', () => {
    expect(openBundle(createBundle({ createdAt, deviceId, events, key }))).toEqual({ ok: false, problem: 'needsKey' });
  });

  it('keeps hostile text as inert text, and refuses the whole bundle for one event the schema refuses', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '=cmd|"/c calc"!A1', '"},{"format":"evil\u2028\u2029', 'two\nlines'];
    const kept = [...events, ...hostile.map((text, i) => entry(text, i + 1))];
    const opened = openBundle(createBundle({ createdAt, deviceId, events: kept, key }), key);
    expect(opened.ok && opened.bundle.events).toEqual(asTravelled(kept));

    const refused = [...kept, entry('bell\u0007', 10), entry('\u202Eevil', 11)];
    expect(openBundle(createBundle({ createdAt, deviceId, events: refused, key }), key)).toEqual({
      ok: false,
      problem: 'invalidEvents',
      count: 2,
      first: `event ${kept.length + 1}: timeline.entryLogged: text: must not contain control characters`,
    });
    // Not an event at all.
    expect(openBundle(createBundle({ createdAt, deviceId, events: [events[0], null, 42], key }), key)).toMatchObject({ ok: false, problem: 'invalidEvents', count: 2 });
  });

  it('refuses a bundle holding an event no console could store, naming the event and the limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = [deep];
    const poison = { ...entry('x', 1), type: 'incident.fromTheFuture', v: 9, payload: deep };
    expect(openBundle(createBundle({ createdAt, deviceId, events: [...events, poison], key }), key)).toEqual({
      ok: false,
      problem: 'invalidEvents',
      count: 1,
      first: `event ${events.length + 1}: beyond what every console can store: nested more than 32 levels deep`,
    });
  });

  it('carries megabytes of multi-byte text intact', () => {
    const text = 'Ünïcödé 🚒 日本語 '.repeat(400).slice(0, 9_000);
    const many = [...events, ...Array.from({ length: 300 }, (_, i) => entry(text, i + 1))];
    const bundle = createBundle({ createdAt, deviceId, events: many, key });
    expect(bundle.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(openBundle(bundle, key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(many), sealed: true } });
    // Sealing megabytes in plain JavaScript takes a while on a busy machine.
  }, 60_000);

  it('refuses to write what no console could open', () => {
    expect(() => createBundle({ createdAt, deviceId: 'Not A Device', events, key })).toThrow(RangeError);
    expect(() => createBundle({ createdAt: 'now', deviceId, events, key })).toThrow(RangeError);
    expect(() => createBundle({ createdAt, deviceId, events, key: new Uint8Array() })).toThrow(RangeError);
    expect(() => openBundle('', new Uint8Array())).toThrow(RangeError);
  });
});

describe('plain sync bundle (a console in no sync space)', () => {
  it('reads back exactly the events it was written with, in order, not sealed', () => {
    const text = createBundle({ createdAt, deviceId, events, key: null });
    expect(openBundle(text)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(events), sealed: false } });
  });

  it('round-trips any multi-console history', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const opened = openBundle(createBundle({ createdAt, deviceId, events: history.events }));
        expect(opened).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(history.events), sealed: false } });
      }),
      { numRuns: 25 },
    );
  });

  it('writes a header line, a line saying whose log it is, and then one event per line', () => {
    const text = createBundle({ createdAt, deviceId, events, key: null });
    const lines = text.split('\n');
    expect(lines).toHaveLength(events.length + 3);
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({ format: BUNDLE_FORMAT, version: 2, cipher: 'none' });
    expect(JSON.parse(lines[1]!)).toEqual({ createdAt, deviceId, eventCount: events.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(lines[2]!)).toEqual(asTravelled([events[0]])[0]);
  });

  it('still reads a version 1 bundle', () => {
    expect(openBundle(versionOne(events, null))).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(events), sealed: false } });
    expect(openBundle(versionOne(events, key))).toMatchObject({ ok: true, bundle: { sealed: false } });
  });

  it('keeps duplicate ids and events of types this build does not know', () => {
    const future = { ...(asTravelled([events[1]])[0] as object), id: 'eeeeeeee05:1', deviceId: 'eeeeeeee05', deviceSeq: 1, type: 'incident.renamedByAi', v: 1 };
    const list = [events[0], events[0], future];
    const opened = openBundle(createBundle({ createdAt, deviceId, events: list }));
    expect(opened.ok && opened.bundle.events).toEqual(asTravelled(list));
  });

  it('finds a flipped byte anywhere in the events', () => {
    const text = createBundle({ createdAt, deviceId, events });
    const at = text.indexOf('"hlc"', text.indexOf('"sha256"'));
    const flipped = `${text.slice(0, at + 10)}${text[at + 10] === '0' ? '1' : '0'}${text.slice(at + 11)}`;
    expect(openBundle(flipped)).toEqual({ ok: false, problem: 'checksum', lineEndings: false });
    // A stick pulled out mid-write.
    expect(openBundle(text.slice(0, -40))).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('says so when a text editor turned the line breaks into CRLF', () => {
    const text = createBundle({ createdAt, deviceId, events });
    expect(openBundle(text.replace(/\n/g, '\r\n'))).toEqual({ ok: false, problem: 'checksum', lineEndings: true });
  });

  it('refuses a header that miscounts its events', () => {
    const text = reseal(createBundle({ createdAt, deviceId, events }), (body) => body, (h) => (h.eventCount = events.length + 1));
    expect(openBundle(text)).toEqual({ ok: false, problem: 'countMismatch', expected: events.length + 1, found: events.length });
    const dropped = reseal(createBundle({ createdAt, deviceId, events }), (body) => body.slice(body.indexOf('\n') + 1));
    expect(openBundle(dropped)).toEqual({ ok: false, problem: 'countMismatch', expected: events.length, found: events.length - 1 });
  });

  it('names what is wrong with a file that is not a readable bundle', () => {
    expect(problemOf(openBundle(''))).toBe('notBundle');
    expect(problemOf(openBundle('hello\nworld\n'))).toBe('notBundle');
    expect(problemOf(openBundle('{"format":"warroom.sync-bun'))).toBe('notBundle');
    expect(problemOf(openBundle('null\n'))).toBe('notBundle');
    expect(problemOf(openBundle('[1,2]\n'))).toBe('notBundle');
    const incidentFile = serializeIncidentFile({ exportedAt: createdAt, incidentId, title: 'Checkout errors', events });
    expect(openBundle(incidentFile)).toEqual({ ok: false, problem: 'notBundle' });
    expect(openBundle(`${JSON.stringify({ format: 'warroom.incident', version: 1 })}\n`)).toEqual({ ok: false, problem: 'notBundle' });

    const text = createBundle({ createdAt, deviceId, events });
    expect(openBundle(withOuter(text, (h) => (h.version = 3)))).toEqual({ ok: false, problem: 'newerVersion', version: 3 });
    expect(openBundle(withOuter(text, (h) => (h.deviceId = deviceId)))).toMatchObject({ ok: false, problem: 'malformed' });
    const withHeader = (patch: object) => reseal(text, (body) => body, (h) => Object.assign(h, patch));
    expect(openBundle(withHeader({ deviceId: '../../etc' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^deviceId: /) });
    expect(openBundle(withHeader({ createdAt: 'yesterday' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^createdAt: /) });
    expect(openBundle(withHeader({ sha256: 'abc' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^sha256: /) });
    expect(openBundle(withHeader({ eventCount: -1 }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^eventCount: /) });
    expect(openBundle(text.slice(0, text.indexOf('\n')))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openBundle(text.slice(0, text.indexOf('\n') + 1))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openBundle(reseal(text, (body) => body.replace('}\n', '\n')))).toEqual({ ok: false, problem: 'malformed', detail: 'event 1: not JSON' });
    expect(openBundle(reseal(text, (body) => body.slice(0, -1)))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses an oversized text before reading it', () => {
    const huge = { length: MAX_BUNDLE_BYTES + 1 } as unknown as string;
    expect(openBundle(huge)).toEqual({ ok: false, problem: 'tooLarge', bytes: MAX_BUNDLE_BYTES + 1 });
    expect(openBundle(huge, key)).toEqual({ ok: false, problem: 'tooLarge', bytes: MAX_BUNDLE_BYTES + 1 });
  });
});
