import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';

import { changeField, declareIncident, logEntry } from './commands';
import { WarroomDatabase } from './database';
import { openDatabase } from './eventStore';
import { listOpenIncidents, listPastIncidents, timelineLength, timelineSlice } from './queries';
import { SCHEMA_VERSIONS } from './schema';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';

/** The database as a console of schema `version` left it: every table, every row, as they were. */
async function asOfVersion(db: WarroomDatabase, version: number): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const));
  const name = `${db.name}-v${version}`;
  const old = new Dexie(name);
  for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= version)) old.version(schema.version).stores(schema.stores);
  await old.open();
  // Tables that version did not have yet are left out, as that console never had them.
  const held = tables.filter(([table]) => old.tables.some((t) => t.name === table));
  await old.transaction('rw', old.tables, () => Promise.all(held.map(([table, rows]) => old.table(table).bulkAdd(rows))));
  old.close();
  return name;
}

describe('the log of a console from before the last schema version', () => {
  it('keeps every event and its timeline on upgrade, and drops the unread index by event type', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const id = await declareIncident(db, declareInput);
    for (const text of ['Checkout errors at 12 %', 'Rolled back the 14:02 deploy']) await logEntry(db, { incidentId: id, kind: 'note', text, actor: 'Ada' });
    const events = await db.events.count();
    const name = await asOfVersion(db, 7);
    db.close();

    const upgraded = new WarroomDatabase(name);
    await openDatabase(upgraded);
    expect(upgraded.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await upgraded.events.count()).toBe(events);
    expect(upgraded.events.schema.idxByName).not.toHaveProperty('type');
    expect(Object.keys(upgraded.events.schema.idxByName).sort()).toEqual(['[deviceId+deviceSeq]', '[incidentId+hlc]', '[incidentId+tl]']);
    const total = await timelineLength(upgraded, id);
    const rows = await timelineSlice(upgraded, id, 0, 10, total);
    expect(rows.map((row) => ('text' in row.payload ? row.payload.text : row.type))).toEqual(expect.arrayContaining(['Checkout errors at 12 %', 'Rolled back the 14:02 deploy']));
    // Writing goes on from where the old console left off.
    await logEntry(upgraded, { incidentId: id, kind: 'note', text: 'Error rate back under 0.1 %', actor: 'Ada' });
    expect(await timelineLength(upgraded, id)).toBe(total + 1);
    upgraded.close();
  });

  it('keeps every unacknowledged event in the outbox through the upgrade that keys it by device and sequence', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const id = await declareIncident(db, declareInput);
    for (let i = 0; i < 11; i++) await logEntry(db, { incidentId: id, kind: 'note', text: `Entry ${i}`, actor: 'Ada' });
    const { deviceId } = await db.device();
    const queued = (await db.outbox.toArray()).map((row) => row.id);
    expect(queued).toHaveLength(12);
    // The outbox as schema 8 kept it: a row per event id.
    const name = `${db.name}-v8`;
    const old = new Dexie(name);
    for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= 8)) old.version(schema.version).stores(schema.stores);
    await old.open();
    await old.table('events').bulkAdd(await db.events.toArray());
    await old.table('meta').bulkAdd(await db.meta.toArray());
    await old.table('outbox').bulkAdd(queued.map((eventId, i) => ({ id: eventId, queuedAt: i })));
    old.close();
    db.close();

    const upgraded = new WarroomDatabase(name);
    await openDatabase(upgraded);
    const rows = await upgraded.outbox.toArray();
    // In each device's order now, not the ids' order as text (":10" and ":11" no longer come before ":2").
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 12 }, (_, i) => `${deviceId}:${i + 1}`));
    expect(rows[0]).toEqual({ deviceId, deviceSeq: 1, id: `${deviceId}:1`, queuedAt: expect.any(Number) as number });
    upgraded.close();
  });

  it('files every incident under the list’s new indexes on upgrade: open ones among the open, past ones among the past', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const open = await declareIncident(db, { ...declareInput, title: 'Login slow' });
    const over = await declareIncident(db, { ...declareInput, title: 'Payments down' });
    await changeField(db, over, 'status', 'resolved', 'Ada');
    const closed = await declareIncident(db, { ...declareInput, title: 'VPN flapping' });
    await changeField(db, closed, 'status', 'resolved', 'Ada');
    await changeField(db, closed, 'status', 'closed', 'Ada');
    const name = await asOfVersion(db, 10);
    db.close();
    // Rows as schema 10 wrote them: without the fields the new indexes read.
    const old = new Dexie(name);
    for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= 10)) old.version(schema.version).stores(schema.stores);
    await old.table('incidents').toCollection().modify((row: Record<string, unknown>) => {
      delete row.open;
      delete row.pastRank;
    });
    expect(await old.table('incidents').filter((row: Record<string, unknown>) => 'open' in row || 'pastRank' in row).count()).toBe(0);
    // An incident whose declaration has not arrived yet: in neither list.
    const undeclared = (await old.table('incidents').get(open)) as Record<string, unknown>;
    await old.table('incidents').add({ ...undeclared, id: 'dev:99', summary: null, declaredAt: undefined });
    old.close();

    const upgraded = new WarroomDatabase(name);
    await openDatabase(upgraded);
    expect((await listOpenIncidents(upgraded)).map((i) => i.id)).toEqual([open]);
    expect((await listPastIncidents(upgraded, 50)).incidents.map((i) => i.id)).toEqual([over, closed]);
    expect(await upgraded.incidents.where('open').equals(1).primaryKeys()).toEqual([open]);
    upgraded.close();
  });
});
