import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { openBundle, createBundle } from '@shared/sync/bundle';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { changeStatus, correctEntry, declareIncident, logEntry, strikeEntry } from '../db/commands';
import type { WarroomDatabase } from '../db/database';
import { ingestEvents, openDatabase, stripDerived, type Clock } from '../db/eventStore';
import { proposeHypothesis } from '../db/hypothesisCommands';
import { amendmentsOf, getIncidentView, listIncidents, timelineLength, timelineSlice } from '../db/queries';
import { assignRole } from '../db/rosterCommands';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { exportBundle, importBundle } from './bundleFiles';

const key = new TextEncoder().encode('blue team workspace secret');
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

/** A clock that moves on a minute each time it is read, so every write has its own time. */
function clock(start = T0): Clock {
  let now = start;
  return () => (now += 60_000);
}

async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

/** Console A: two incidents with entries, a correction, a strike, a status change, a hypothesis, a role. */
async function consoleA() {
  const db = await openFresh();
  const now = clock();
  const id = await declareIncident(db, declareInput, now);
  const first = await logEntry(db, { incidentId: id, kind: 'note', text: 'DNS errors in eu-west', actor: 'Ada' }, now);
  const second = await logEntry(db, { incidentId: id, kind: 'action', text: 'Rolled back the 14:02 push', actor: 'Ada', occurredAt: new Date(T0) }, now);
  await correctEntry(db, { incidentId: id, targetId: first, replaces: [first], kind: 'observation', text: 'DNS errors in eu-west-1', actor: 'Ada' }, now);
  await strikeEntry(db, { incidentId: id, targetId: second, reason: 'logged in error', actor: 'Ada' }, now);
  await changeStatus(db, id, 'identified', 'Ada', now);
  await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
  await proposeHypothesis(
    db,
    { incidentId: id, actor: 'Ada', draft: { statement: 'The config push broke DNS', owner: 'Ana', action: 'Roll back', expectation: 'Errors stop', timeBox: '20' } },
    now,
  );
  const other = await declareIncident(db, { ...declareInput, title: 'Login slow <b>&amp;</b> =cmd|"/c calc"!A1' }, now);
  // An event a newer console wrote: this build keeps it and passes it on.
  const { chain: _chain, seal: _seal, ...declared } = stripDerived((await db.events.get(id))!) as Record<string, unknown>;
  const newer = new TestAuthor(9);
  await ingestEvents(db, [newer.sign({ ...declared, id: `${newer.deviceId}:1`, deviceId: newer.deviceId, deviceSeq: 1, type: 'incident.futureThing', v: 1, payload: { x: 1 } })]);
  return { db, id, other, now };
}

/** Every row of every table. */
async function contents(db: WarroomDatabase) {
  const rows: Record<string, unknown[]> = {};
  for (const table of db.tables) rows[table.name] = await table.toArray();
  return rows;
}

/** What two consoles holding the same events must agree on: everything but their own identity and outbox. */
async function shared(db: WarroomDatabase) {
  const { outbox: _outbox, ...rows } = await contents(db);
  rows.meta = rows.meta!.filter((row) => !['device', 'signingKey'].includes((row as { key: string }).key));
  return rows;
}

async function views(db: WarroomDatabase) {
  const incidents = await listIncidents(db);
  return Promise.all(
    incidents.map(async ({ id }) => {
      const total = await timelineLength(db, id);
      return {
        summary: (await getIncidentView(db, id))?.summary,
        timeline: await timelineSlice(db, id, 0, total, total),
        amendments: await amendmentsOf(db, id),
      };
    }),
  );
}

describe('sync bundles', () => {
  it('moves the whole log to another console, which then shows the same incidents', async () => {
    const { db: a } = await consoleA();
    const exported = await exportBundle(a, { key, now: () => T0 });
    const eventCount = await a.events.count();
    expect(exported.eventCount).toBe(eventCount);
    const opened = openBundle(exported.text, key);
    expect(opened).toMatchObject({ ok: true, bundle: { createdAt: '2026-11-21T14:00:00.000Z', deviceId: (await a.device()).deviceId, sealed: true } });

    const b = await openFresh();
    const outcome = await importBundle(b, exported.text, key);
    expect(outcome).toEqual({ ok: true, sealed: true, added: eventCount, duplicates: 0, unknown: 1, suspectClocks: 0, rejected: [], quarantined: 0 });
    expect((await listIncidents(b)).map((i) => i.title).sort()).toEqual((await listIncidents(a)).map((i) => i.title).sort());
    expect(await views(b)).toEqual(await views(a));
    expect(await shared(b)).toEqual(await shared(a));
    expect(await b.outbox.count()).toBe(0);
    // The newer console's event travels on from B as it came to A.
    expect(openBundle((await exportBundle(b)).text)).toMatchObject({ ok: true, bundle: { events: expect.arrayContaining([expect.objectContaining({ type: 'incident.futureThing' })]) } });
  });

  it('writes events in causal order, each as it travels', async () => {
    const { db: a } = await consoleA();
    const opened = openBundle((await exportBundle(a)).text);
    const events = opened.ok ? (opened.bundle.events as { hlc: string; tl?: string; unknown?: number }[]) : [];
    expect(events.map((e) => e.hlc)).toEqual(events.map((e) => e.hlc).sort());
    expect(events.some((e) => 'tl' in e || 'unknown' in e)).toBe(false);
    expect(opened.ok && opened.bundle.sealed).toBe(false);
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const { db: a } = await consoleA();
    const { text, eventCount } = await exportBundle(a, { key });
    const b = await openFresh();
    await importBundle(b, text, key);
    const before = await contents(b);
    expect(await importBundle(b, text, key)).toMatchObject({ ok: true, added: 0, duplicates: eventCount });
    expect(await contents(b)).toEqual(before);
  });

  it('merges two consoles bundles to the same state in either order', async () => {
    const { db: a, id, now } = await consoleA();
    const fromA = (await exportBundle(a, { key })).text;
    // Console C carries on from A's bundle: it works on A's incident and declares its own.
    const c = await openFresh();
    await importBundle(c, fromA, key);
    const later = clock(T0 + 3_600_000);
    await logEntry(c, { incidentId: id, kind: 'decision', text: 'Fail over to eu-central', actor: 'Bo' }, later);
    await changeStatus(c, id, 'monitoring', 'Bo', later);
    await declareIncident(c, { ...declareInput, title: 'Mail queue stuck' }, later);
    // Meanwhile A works on, unaware of C.
    await changeStatus(a, id, 'resolved', 'Ada', now);
    await logEntry(a, { incidentId: id, kind: 'note', text: 'Written after the first export', actor: 'Ada' }, now);
    const laterA = (await exportBundle(a, { key })).text;
    const fromC = (await exportBundle(c, { key })).text;

    const b = await openFresh();
    const d = await openFresh();
    for (const text of [laterA, fromC]) expect(await importBundle(b, text, key)).toMatchObject({ ok: true, rejected: [] });
    for (const text of [fromC, laterA]) expect(await importBundle(d, text, key)).toMatchObject({ ok: true, rejected: [] });
    expect(await shared(d)).toEqual(await shared(b));
    expect(await views(d)).toEqual(await views(b));
    expect((await listIncidents(b)).map((i) => i.title).sort()).toEqual(['Login slow <b>&amp;</b> =cmd|"/c calc"!A1', 'Mail queue stuck', 'Payments down']);
    // Two consoles changed the status unaware of each other: both values stay visible as a conflict.
    const summary = (await getIncidentView(b, id))?.summary;
    expect(summary?.conflicts).toEqual(['status']);
    expect(summary?.conflictValues.status?.map((v) => v.value).sort()).toEqual(['monitoring', 'resolved']);

    const settled = await contents(b);
    for (const text of [fromA, fromC, laterA]) expect(await importBundle(b, text, key)).toMatchObject({ ok: true, added: 0 });
    expect(await contents(b)).toEqual(settled);
  });

  it('writes nothing from a damaged, tampered or foreign bundle', async () => {
    const { db: a } = await consoleA();
    const { text } = await exportBundle(a, { key });
    const b = await openFresh();
    await declareIncident(b, { ...declareInput, title: 'Already here' });
    const before = await contents(b);

    const at = text.indexOf('\n') + 100;
    const flipped = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    expect(await importBundle(b, flipped, key)).toEqual({ ok: false, problem: 'sealBroken' });
    expect(await importBundle(b, text.replace(/\n/g, '\r\n'), key)).toEqual({ ok: false, problem: 'checksum', lineEndings: true });
    expect(await importBundle(b, text, new TextEncoder().encode('red team workspace secret'))).toEqual({ ok: false, problem: 'sealBroken' });
    expect(await importBundle(b, 'not a bundle', key)).toEqual({ ok: false, problem: 'notBundle' });
    expect(await contents(b)).toEqual(before);
  });

  it('writes nothing from a bundle whose seal was stripped, on a console that holds the key', async () => {
    const { db: a } = await consoleA();
    const opened = openBundle((await exportBundle(a)).text);
    if (!opened.ok) throw new Error('the export should open');
    // An insider rewrites the log and leaves the seal off: as a plain bundle, and as version 1 with "hmac": null.
    const forged = opened.bundle.events.map((event) => {
      const e = event as { type: string; payload: { text?: string } };
      return e.type === 'timeline.entryLogged' ? { ...e, payload: { ...e.payload, text: 'Nothing happened here' } } : e;
    });
    const plain = createBundle({ createdAt: opened.bundle.createdAt, deviceId: opened.bundle.deviceId, events: forged });
    const body = forged.map((event) => `${JSON.stringify(event)}\n`).join('');
    const versionOne = `${JSON.stringify({
      format: 'warroom.sync-bundle',
      version: 1,
      createdAt: opened.bundle.createdAt,
      deviceId: opened.bundle.deviceId,
      eventCount: forged.length,
      sha256: bytesToHex(sha256(utf8ToBytes(body))),
      hmac: null,
    })}\n${body}`;

    const b = await openFresh();
    const before = await contents(b);
    expect(await importBundle(b, plain, key)).toEqual({ ok: false, problem: 'notSealed' });
    expect(await importBundle(b, versionOne, key)).toEqual({ ok: false, problem: 'notSealed' });
    expect(await contents(b)).toEqual(before);
    // A console in no space opens it, says it is not sealed, and still refuses every rewritten event: its author did not sign it.
    const rewritten = forged.filter((event, i) => event !== opened.bundle.events[i]).length;
    expect(rewritten).toBeGreaterThan(0);
    const outcome = await importBundle(b, versionOne);
    expect(outcome).toMatchObject({ ok: true, sealed: false });
    expect((outcome.ok ? outcome.rejected.filter((r) => /signature does not match/.test(r.error)) : []).length).toBeGreaterThanOrEqual(rewritten);
    expect(await b.events.filter((e) => (e.payload as { text?: string }).text === 'Nothing happened here').count()).toBe(0);
  });

  it('seals the log so that a lost stick shows none of it', async () => {
    const { db: a } = await consoleA();
    const { text } = await exportBundle(a, { key });
    const deviceId = (await a.device()).deviceId;
    // Each marker has a space, quote or length that base64 ciphertext cannot show by chance ("Ada" alone it can).
    for (const clear of ['DNS errors', 'Rolled back', 'Payments down', 'Login slow', '"Ada"', 'config push', deviceId, '2026-11-21']) {
      expect(text).not.toContain(clear);
    }
    // Without the key there is nothing to apply.
    const b = await openFresh();
    expect(await importBundle(b, text)).toEqual({ ok: false, problem: 'needsKey' });
    expect(await b.events.count()).toBe(0);
  });

  it('writes nothing from a bundle with one invalid event among valid ones', async () => {
    const { db: a } = await consoleA();
    const opened = openBundle((await exportBundle(a, { key })).text, key);
    if (!opened.ok) throw new Error('the export should open');
    const events = opened.bundle.events.map((event) => {
      const e = event as { type: string; payload: { text?: string } };
      return e.type === 'timeline.entryLogged' && e.payload.text === 'DNS errors in eu-west' ? { ...e, payload: { ...e.payload, text: 'DNS\u0000errors' } } : e;
    });
    // Properly signed by someone holding the key: it is the content that is refused.
    const text = createBundle({ createdAt: opened.bundle.createdAt, deviceId: opened.bundle.deviceId, events, key });
    const b = await openFresh();
    const before = await contents(b);
    const outcome = await importBundle(b, text, key);
    expect(outcome).toMatchObject({ ok: false, problem: 'invalidEvents', count: 1, first: expect.stringMatching(/^event \d+: timeline\.entryLogged: text: .*control characters/) });
    expect(await contents(b)).toEqual(before);
    expect(await b.events.count()).toBe(0);
  });

  it('exports an empty console as an empty bundle', async () => {
    const db = await openFresh();
    const { text, eventCount } = await exportBundle(db, { key });
    expect(eventCount).toBe(0);
    const b = await openFresh();
    expect(await importBundle(b, text, key)).toEqual({ ok: true, sealed: true, added: 0, duplicates: 0, unknown: 0, suspectClocks: 0, rejected: [], quarantined: 0 });
  });
});
