/**
 * A console's identity after its database is restored from an older copy:
 * whatever tells it that its device id has written more than it holds, it
 * moves to a new identity before writing again, so nothing collides.
 */
import { describe, expect, it } from 'vitest';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { declareIncident, logEntry } from './commands';
import type { WarroomDatabase } from './database';
import { ingestEvents, openDatabase } from './eventStore';
import { sealForLeaving } from './outgoing';
import { timelineLength } from './queries';

async function openFresh(): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

/** Every row of every table, as a copy of the database's files holds them. */
async function backup(db: WarroomDatabase): Promise<Map<string, unknown[]>> {
  const rows = new Map<string, unknown[]>();
  for (const table of db.tables) rows.set(table.name, await table.toArray());
  return rows;
}

async function restore(rows: Map<string, unknown[]>): Promise<WarroomDatabase> {
  const db = await openFresh();
  for (const table of db.tables) {
    await table.clear();
    await table.bulkPut(rows.get(table.name)!);
  }
  return db;
}

describe('identity after a restore', () => {
  it('moves on when a bundle hands it events of its own beyond what it holds, and writes again', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    const copy = await backup(db);
    await logEntry(db, { incidentId: id, kind: 'note', text: 'after the backup', actor: 'Ada' });
    // What left before the disk died: a bundle of everything, carried by a colleague.
    const bundle = await sealForLeaving(db, await db.events.toArray());
    const { deviceId: before } = await db.device();

    const restored = await restore(copy);
    expect((await restored.device()).deviceId).toBe(before);
    expect(await ingestEvents(restored, bundle, Date.now, 'bundle')).toMatchObject({ added: 1, rejected: [] });
    const after = await restored.device();
    expect(after.deviceId).not.toBe(before);
    expect(await restored.meta.get('identityChange')).toMatchObject({ from: before, to: after.deviceId, reason: 'restored' });

    // Writing works, under the new identity, and the entry from before the restore is still there.
    const written = await logEntry(restored, { incidentId: id, kind: 'note', text: 'after the restore', actor: 'Ada' });
    expect(written).toBe(`${after.deviceId}:1`);
    expect(await timelineLength(restored, id)).toBe(3);
  });

  it('keeps its identity when a bundle holds only what it wrote already', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput);
    await logEntry(db, { incidentId: id, kind: 'note', text: 'one', actor: 'Ada' });
    const { deviceId } = await db.device();
    expect(await ingestEvents(db, await sealForLeaving(db, await db.events.toArray()), Date.now, 'bundle')).toMatchObject({ added: 0, duplicates: 2 });
    expect((await db.device()).deviceId).toBe(deviceId);
    expect(await db.meta.get('identityChange')).toBeUndefined();
  });
});
