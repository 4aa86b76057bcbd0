/**
 * A console whose clock is behind the hub's stamps its events on the hub's
 * time once it has learnt the difference, keeps the difference across a
 * restart, and never lends it to another database open in the same page.
 */
import { describe, expect, it } from 'vitest';

import { hlcTime } from '@shared/domain/hlc';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { declareIncident } from './commands';
import { WarroomDatabase } from './database';
import { openDatabase } from './eventStore';
import { learnHubClock, restoreHubClock } from './hubClock';

const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const AHEAD_MS = 5 * 60_000;

async function clockOfDeclaration(db: WarroomDatabase): Promise<number> {
  const id = await declareIncident(db, declareInput, () => NOW);
  const event = await db.events.get(id);
  return hlcTime(event!.hlc);
}

describe('the hub clock', () => {
  it("stamps events on the hub's time, per database", async () => {
    const behind = freshDatabase();
    const other = freshDatabase();
    await openDatabase(behind);
    await openDatabase(other);
    await learnHubClock(behind, AHEAD_MS, () => NOW);

    expect(await clockOfDeclaration(behind)).toBe(NOW + AHEAD_MS);
    expect(await clockOfDeclaration(other)).toBe(NOW);

  });

  it('takes up the difference learnt before a restart, before the hub is reached', async () => {
    const first = freshDatabase();
    await openDatabase(first);
    await learnHubClock(first, AHEAD_MS, () => NOW);
    first.close();
    const restarted = new WarroomDatabase(first.name);
    await openDatabase(restarted);
    expect(restarted.hubClockOffsetMs).toBe(0);
    await restoreHubClock(restarted);
    expect(await clockOfDeclaration(restarted)).toBe(NOW + AHEAD_MS);
  });

  it('treats a difference under a second as network noise', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await learnHubClock(db, 400, () => NOW);
    expect(await clockOfDeclaration(db)).toBe(NOW);
  });
});
