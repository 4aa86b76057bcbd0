import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';

import { contentOf } from '@shared/sync/chain';

import { freshDatabase } from '../testing/renderConsole';
import { declareInput } from '../testing/fixtures';
import { WarroomDatabase } from './database';
import { changeStatus, correctEntry, declareIncident, logEntry } from './commands';
import { ingestEvents, openDatabase } from './eventStore';
import { exportIncident, importIncidentFile } from './exchange';
import { queueMessage, recordOutcome } from './messageCommands';
import { sealForLeaving } from './outgoing';
import { changeSetting } from './organisation';
import { SCHEMA_VERSIONS } from './schema';
import { amendmentsOf, getIncidentView, listIncidents, timelineLength, timelineSlice } from './queries';


async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

async function incidentWithHistory() {
  const db = await openFresh();
  const id = await declareIncident(db, declareInput);
  const first = await logEntry(db, { incidentId: id, kind: 'note', text: 'DNS errors in eu-west', actor: 'Ada', occurredAt: new Date() });
  await logEntry(db, { incidentId: id, kind: 'action', text: 'Rolled back the 14:02 push', actor: 'Ada', occurredAt: new Date() });
  await correctEntry(db, { incidentId: id, targetId: first, replaces: [first], kind: 'observation', text: 'DNS errors in eu-west-1', actor: 'Ada' });
  await changeStatus(db, id, 'identified', 'Ada');
  // Another incident on the same console must not leak into the export.
  await declareIncident(db, { ...declareInput, title: 'Other' });
  return { db, id };
}

/** The timeline's events as their authors wrote them (what each console keeps of their seals is its own). */
async function timelineOf(db: Awaited<ReturnType<typeof openFresh>>, id: string) {
  const total = await timelineLength(db, id);
  return (await timelineSlice(db, id, 0, total, total)).map(contentOf);
}

describe('incident files', () => {
  it('exports one incident and imports it on another console unchanged', async () => {
    const { db, id } = await incidentWithHistory();
    const exported = await exportIncident(db, id);
    expect(exported).toMatchObject({ eventCount: 5, title: 'Payments down' });

    const other = await openFresh();
    const outcome = await importIncidentFile(other, exported!.text);
    expect(outcome).toMatchObject({ ok: true, incidentId: id, declared: true, added: 5, duplicates: 0, rejected: [] });
    expect((await getIncidentView(other, id))?.summary).toEqual((await getIncidentView(db, id))?.summary);
    expect(await timelineOf(other, id)).toEqual(await timelineOf(db, id));
    expect(await amendmentsOf(other, id)).toEqual(await amendmentsOf(db, id));
    expect((await listIncidents(other)).map((i) => i.title)).toEqual(['Payments down']);
  });

  it('carries another console’s entries of the incident, cut out of its longer history, so a third console takes them', async () => {
    // Bo writes in two incidents by turns: his entries of one are every other event of his chain.
    const bo = await openFresh();
    const id = await declareIncident(bo, declareInput);
    const other = await declareIncident(bo, { ...declareInput, title: 'Other' });
    for (let i = 0; i < 4; i++) {
      await logEntry(bo, { incidentId: id, kind: 'note', text: `Payments ${i}`, actor: 'Bo', occurredAt: new Date() });
      await logEntry(bo, { incidentId: other, kind: 'note', text: `Other ${i}`, actor: 'Bo', occurredAt: new Date() });
    }
    // Ada holds all of it as it left Bo (one push: sealed at its end only).
    const ada = await openFresh();
    expect(await ingestEvents(ada, await sealForLeaving(bo, await bo.events.toArray()))).toMatchObject({ added: 10, rejected: [] });

    const exported = await exportIncident(ada, id);
    expect(exported).toMatchObject({ eventCount: 5, withheld: 0 });
    expect(exported!.text).not.toContain('Other 3');
    const third = await openFresh();
    expect(await importIncidentFile(third, exported!.text)).toMatchObject({ ok: true, added: 5, rejected: [] });
    expect(await timelineOf(third, id)).toEqual(await timelineOf(bo, id));

    // A changed hash in the witness is no signature of Bo's.
    const forged = exported!.text.replace(/("hashes":\[")([0-9a-f])/, (_, head: string, digit: string) => head + (digit === '0' ? '1' : '0'));
    expect(forged).not.toEqual(exported!.text);
    const fourth = await openFresh();
    const outcome = await importIncidentFile(fourth, forged);
    expect(outcome.ok === false || outcome.added < 5).toBe(true);
    expect(await timelineLength(fourth, id)).toBeLessThan(5);
  });

  it('merges with what is already here, and importing the same file again changes nothing', async () => {
    const { db, id } = await incidentWithHistory();
    const before = (await exportIncident(db, id))!.text;
    await logEntry(db, { incidentId: id, kind: 'note', text: 'Written after the export', actor: 'Ada', occurredAt: new Date() });

    expect(await importIncidentFile(db, before)).toMatchObject({ ok: true, added: 0, duplicates: 5 });
    expect((await timelineOf(db, id)).map((e) => e.payload)).toContainEqual(expect.objectContaining({ text: 'Written after the export' }));
    expect(await timelineLength(db, id)).toBe(5);
  });

  it('refuses a file whose every event is invalid, and says why', async () => {
    const { db, id } = await incidentWithHistory();
    const text = (await exportIncident(db, id))!.text.replace(/"actor":"Ada"/g, '"actor":""');
    const other = await openFresh();
    const outcome = await importIncidentFile(other, text);
    expect(outcome).toMatchObject({ ok: false, problem: 'allRejected' });
    expect(outcome.ok === false && outcome.problem === 'allRejected' && outcome.rejected[0]!.error).toMatch(/actor/);
    expect(await other.events.count()).toBe(0);
  });

  it('keeps the valid events of a partly damaged file and reports the rest', async () => {
    const { db, id } = await incidentWithHistory();
    const text = (await exportIncident(db, id))!.text.replace('Rolled back the 14:02 push', 'bad\\u0000text');
    const other = await openFresh();
    const outcome = await importIncidentFile(other, text);
    expect(outcome).toMatchObject({ ok: true, added: 4, rejected: [{ index: 2 }] });
  });

  it('refuses, each with its reason, events in a file that no console could store, and keeps the rest out of what it syncs', async () => {
    const { db, id } = await incidentWithHistory();
    const file = JSON.parse((await exportIncident(db, id))!.text) as { events: Record<string, unknown>[] };
    const [declared] = file.events;
    const forged = (seq: number, payload: unknown) => ({ ...declared, id: `ffffffff09:${seq}`, deviceId: 'ffffffff09', deviceSeq: seq, type: 'runbook.linked', v: 1, payload });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 4000; i++) deep = { a: deep };
    const huge = Array.from({ length: 80 }, () => 'x'.repeat(65_536));
    file.events.push(forged(1, deep), forged(2, huge));
    const other = await openFresh();

    const outcome = await importIncidentFile(other, JSON.stringify(file));

    expect(outcome).toMatchObject({
      ok: true,
      added: 5,
      rejected: [
        { index: 5, error: expect.stringMatching(/nested more than 32 levels deep/) },
        { index: 6, error: expect.stringMatching(/over the 4194304-character limit/) },
      ],
    });
    // Not in the log, so never offered to a hub.
    expect(await other.events.bulkGet(['ffffffff09:1', 'ffffffff09:2'])).toEqual([undefined, undefined]);
    expect(await other.events.count()).toBe(5);
  });

  it('stores hostile text as text', async () => {
    const db = await openFresh();
    const title = '<script>alert(1)</script>=cmd|"/c calc"!A1';
    const id = await declareIncident(db, { ...declareInput, title });
    const other = await openFresh();
    await importIncidentFile(other, (await exportIncident(db, id))!.text);
    expect((await getIncidentView(other, id))?.summary.title).toBe(title);
  });

  it('exports nothing for an incident that is not on this console', async () => {
    const db = await openFresh();
    expect(await exportIncident(db, 'aaaaaaaa01:1')).toBeNull();
  });

  it('exports incidents logged before the per-incident index existed', async () => {
    const { db, id } = await incidentWithHistory();
    const events = await db.events.toArray();
    // The same console, identity included, as it was before the upgrade.
    const meta = await db.meta.bulkGet(['device', 'signingKey']);
    const expected = (await exportIncident(db, id))!.eventCount;
    const name = `${db.name}-v1`;
    const legacy = new Dexie(name);
    legacy.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    await legacy.open();
    await legacy.table('events').bulkAdd(events);
    await legacy.table('meta').bulkAdd(meta);
    legacy.close();

    const upgraded = new WarroomDatabase(name);
    await openDatabase(upgraded);
    expect((await exportIncident(upgraded, id))?.eventCount).toBe(expected);
  });

  it('writes no webhook address, wherever in the incident one travelled', async () => {
    const address = 'https://hooks.example.com/services/T0/B0/s3cr3tT0k3n?sig=abcdef123';
    const retired = 'https://hooks.example.org/old/hook/0ld5ecret';
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const webhook = { id: 'slack-ops', name: 'Slack #ops', format: 'slack' as const };
    // An address removed from Settings since is a secret all the same.
    await changeSetting(db, 'channels', { webhooks: [{ ...webhook, url: retired, audiences: [] }], email: [], statusPageTitle: 'Status' }, 'Ada');
    await changeSetting(db, 'channels', { webhooks: [{ ...webhook, url: address, audiences: [] }], email: [], statusPageTitle: 'Status' }, 'Ada');
    const draft = { incidentId: id, audience: { id: 'customers', name: 'Key customers' }, phase: 'initial' as const, subject: 'Payments degraded', text: 'We are on it.', actor: 'Ada' };
    const failed = await queueMessage(db, { ...draft, webhook });
    // A receiver that echoes the path it was posted to, and a person pasting the address into a note.
    const path = '/services/T0/B0/s3cr3tT0k3n?sig=abcdef123';
    await recordOutcome(db, failed, { kind: 'failed', status: 404, reason: `404 Not Found: Cannot POST ${path} — check the webhook address in Settings`, attempts: 1 }, 'Delivery');
    await logEntry(db, { incidentId: id, kind: 'note', text: `Posting to ${address} fails; ${retired} worked yesterday`, actor: 'Ada' });
    const delivered = await queueMessage(db, { ...draft, webhook, subject: 'Update' });
    await recordOutcome(db, delivered, { kind: 'delivered', status: 200, attempts: 1 }, 'Delivery');

    const exported = await exportIncident(db, id);
    for (const secret of ['s3cr3tT0k3n', 'abcdef123', '0ld5ecret', '/services/T0', '/old/hook']) expect(exported!.text).not.toContain(secret);
    // Masking would change what its author signed: the echoing delivery and the note are left out, and counted.
    expect(exported).toMatchObject({ eventCount: 4, withheld: 2 });
    expect(exported!.text).not.toContain('Posting to');
    expect(exported!.text).not.toContain('Cannot POST');
    expect(exported!.text).toContain('"subject":"Update"');

    // The file still imports whole on a console outside the space.
    const other = await openFresh();
    expect(await importIncidentFile(other, exported!.text)).toMatchObject({ ok: true, added: exported!.eventCount, rejected: [] });
  });
});
