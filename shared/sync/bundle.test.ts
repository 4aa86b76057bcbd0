import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { DomainEvent } from '../domain/events';
import { serializeIncidentFile } from '../exchange/incidentFile';
import { historyArb, runSteps } from '../testing/incidentHistory';
import { BUNDLE_FORMAT, MAX_BUNDLE_BYTES, createBundle, openBundle, type BundleOpen } from './bundle';

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

/** Rewrites the body and the header's checksum, as someone covering their tracks would; the HMAC is left alone. */
function reseal(text: string, edit: (body: string) => string, header: (h: Record<string, unknown>) => void = () => {}): string {
  const at = text.indexOf('\n');
  const body = edit(text.slice(at + 1));
  const parsed = JSON.parse(text.slice(0, at)) as Record<string, unknown>;
  parsed.sha256 = bytesToHex(sha256(utf8ToBytes(body)));
  header(parsed);
  return `${JSON.stringify(parsed)}\n${body}`;
}

function problemOf(result: BundleOpen) {
  return result.ok ? 'ok' : result.problem;
}

describe('sync bundle', () => {
  it('reads back exactly the events it was written with, in order, signed with the key', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    expect(openBundle(text, key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(events), signed: true } });
    // Without the key the contents still read, but nothing vouches for them.
    expect(openBundle(text)).toMatchObject({ ok: true, bundle: { signed: false } });
  });

  it('round-trips any multi-console history', () => {
    fc.assert(
      fc.property(historyArb, fc.boolean(), (history, signedBundle) => {
        const text = createBundle({ createdAt, deviceId, events: history.events, key: signedBundle ? key : null });
        const opened = openBundle(text, key);
        expect(opened).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(history.events), signed: signedBundle } });
      }),
      { numRuns: 25 },
    );
  });

  it('writes a header line and then one event per line', () => {
    const text = createBundle({ createdAt, deviceId, events, key: null });
    const lines = text.split('\n');
    expect(lines).toHaveLength(events.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      format: BUNDLE_FORMAT,
      version: 1,
      createdAt,
      deviceId,
      eventCount: events.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      hmac: null,
    });
    expect(JSON.parse(lines[1]!)).toEqual(asTravelled([events[0]])[0]);
  });

  it('keeps an empty log as an empty bundle', () => {
    const text = createBundle({ createdAt, deviceId, events: [], key });
    expect(openBundle(text, key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: [], signed: true } });
  });

  it('keeps duplicate ids and events of types this build does not know', () => {
    const future = { ...asTravelled([events[1]])[0] as object, id: 'eeeeeeee05:1', deviceId: 'eeeeeeee05', deviceSeq: 1, type: 'incident.renamedByAi', v: 1 };
    const list = [events[0], events[0], future];
    const opened = openBundle(createBundle({ createdAt, deviceId, events: list }));
    expect(opened.ok && opened.bundle.events).toEqual(asTravelled(list));
  });

  it('finds a flipped byte anywhere in the body', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    const at = text.indexOf('"hlc"', text.indexOf('\n'));
    const flipped = `${text.slice(0, at + 10)}${text[at + 10] === '0' ? '1' : '0'}${text.slice(at + 11)}`;
    expect(openBundle(flipped, key)).toEqual({ ok: false, problem: 'checksum', lineEndings: false });
    expect(openBundle(flipped)).toEqual({ ok: false, problem: 'checksum', lineEndings: false });
    // A stick pulled out mid-write.
    expect(openBundle(text.slice(0, -40), key)).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('says so when a text editor turned the line breaks into CRLF', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    expect(openBundle(text.replace(/\n/g, '\r\n'), key)).toEqual({ ok: false, problem: 'checksum', lineEndings: true });
  });

  it('refuses an edited event whose checksum was recomputed, when it has the key', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    const edited = reseal(text, (body) => body.replace('"status","value":"identified"', '"status","value":"resolved"'));
    expect(edited).not.toBe(text);
    expect(openBundle(edited, key)).toEqual({ ok: false, problem: 'signature' });
    // Without the key the edit cannot be seen, and the bundle says it is unsigned.
    expect(openBundle(edited)).toMatchObject({ ok: true, bundle: { signed: false } });
  });

  it('refuses a signed bundle whose header was edited (who wrote it, when)', () => {
    const text = createBundle({ createdAt, deviceId, events, key });
    const otherWriter = reseal(text, (body) => body, (h) => (h.deviceId = 'bbbbbbbb02'));
    const backdated = reseal(text, (body) => body, (h) => (h.createdAt = '2026-01-01T00:00:00.000Z'));
    expect(openBundle(otherWriter, key)).toEqual({ ok: false, problem: 'signature' });
    expect(openBundle(backdated, key)).toEqual({ ok: false, problem: 'signature' });
    expect(openBundle(text, key)).toMatchObject({ ok: true, bundle: { signed: true } });
  });

  it('refuses a bundle signed with another workspace key', () => {
    const text = createBundle({ createdAt, deviceId, events, key: otherKey });
    expect(openBundle(text, key)).toEqual({ ok: false, problem: 'signature' });
    // A forged signature field is no better.
    const forged = reseal(text, (body) => body, (h) => (h.hmac = 'f'.repeat(64)));
    expect(openBundle(forged, otherKey)).toEqual({ ok: false, problem: 'signature' });
  });

  it('opens an unsigned bundle with a key, and says it is not signed', () => {
    const text = createBundle({ createdAt, deviceId, events, key: null });
    expect(openBundle(text, key)).toMatchObject({ ok: true, bundle: { signed: false, events: asTravelled(events) } });
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
    const withHeader = (patch: object) => reseal(text, (body) => body, (h) => Object.assign(h, patch));
    expect(openBundle(withHeader({ version: 2 }))).toEqual({ ok: false, problem: 'newerVersion', version: 2 });
    expect(openBundle(withHeader({ deviceId: '../../etc' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^deviceId: /) });
    expect(openBundle(withHeader({ createdAt: 'yesterday' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^createdAt: /) });
    expect(openBundle(withHeader({ sha256: 'abc' }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^sha256: /) });
    expect(openBundle(withHeader({ eventCount: -1 }))).toMatchObject({ ok: false, problem: 'malformed', detail: expect.stringMatching(/^eventCount: /) });
    expect(openBundle(text.slice(0, text.indexOf('\n')))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openBundle(reseal(text, (body) => body.replace('}\n', '\n')))).toEqual({ ok: false, problem: 'malformed', detail: 'line 2: not JSON' });
    expect(openBundle(reseal(text, (body) => body.slice(0, -1)))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses an oversized text before reading it', () => {
    const huge = { length: MAX_BUNDLE_BYTES + 1 } as unknown as string;
    expect(openBundle(huge)).toEqual({ ok: false, problem: 'tooLarge', bytes: MAX_BUNDLE_BYTES + 1 });
  });

  it('keeps hostile text as inert text, and refuses the whole bundle for one event the schema refuses', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '=cmd|"/c calc"!A1', '"},{"format":"evil\u2028\u2029', 'two\nlines'];
    const kept = [...events, ...hostile.map((text, i) => entry(text, i + 1))];
    const opened = openBundle(createBundle({ createdAt, deviceId, events: kept, key }), key);
    expect(opened.ok && opened.bundle.events).toEqual(asTravelled(kept));

    const refused = [...kept, entry('bell\u0007', 10), entry('\u202Eevil', 11)];
    const result = openBundle(createBundle({ createdAt, deviceId, events: refused, key }), key);
    expect(result).toEqual({
      ok: false,
      problem: 'invalidEvents',
      count: 2,
      first: `line ${kept.length + 2}: timeline.entryLogged: text: must not contain control characters`,
    });
    // Not an event at all.
    expect(openBundle(createBundle({ createdAt, deviceId, events: [events[0], null, 42] }))).toMatchObject({ ok: false, problem: 'invalidEvents', count: 2 });
  });

  it('refuses a bundle holding an event no console could store, naming the line and the limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = [deep];
    const poison = { ...entry('x', 1), type: 'incident.fromTheFuture', v: 9, payload: deep };
    const result = openBundle(createBundle({ createdAt, deviceId, events: [...events, poison], key }), key);
    expect(result).toEqual({
      ok: false,
      problem: 'invalidEvents',
      count: 1,
      first: `line ${events.length + 2}: beyond what every console can store: nested more than 32 levels deep`,
    });
  });

  it('carries megabytes of multi-byte text intact', () => {
    const text = 'Ünïcödé 🚒 日本語 '.repeat(400).slice(0, 9_000);
    const many = [...events, ...Array.from({ length: 300 }, (_, i) => entry(text, i + 1))];
    const bundle = createBundle({ createdAt, deviceId, events: many, key });
    expect(utf8ToBytes(bundle).length).toBeGreaterThan(3 * 1024 * 1024);
    expect(openBundle(bundle, key)).toEqual({ ok: true, bundle: { createdAt, deviceId, events: asTravelled(many), signed: true } });
  });

  it('refuses to write what no console could open', () => {
    expect(() => createBundle({ createdAt, deviceId: 'Not A Device', events })).toThrow(RangeError);
    expect(() => createBundle({ createdAt: 'now', deviceId, events })).toThrow(RangeError);
    expect(() => createBundle({ createdAt, deviceId, events, key: new Uint8Array() })).toThrow(RangeError);
  });
});
