import { describe, expect, it } from 'vitest';

import type { Override, Roster } from '@shared/domain/oncall';

import { openDatabase } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { freshDatabase } from '../../testing/renderConsole';
import { changeRosters, withEditedRoster, withOverride } from './rosterWrites';

const override = (person: string, from: string, to = '2030-01-02T00:00:00.000Z'): Override => ({ level: 'primary', person, from, to, reason: '' });
const roster: Roster = {
  id: 'payments',
  name: 'Payments on call',
  team: '',
  services: [],
  timeZone: 'UTC',
  primary: { kind: 'cycle', people: ['Ada'], startsOn: '2026-01-05', handOff: '09:00', lengthDays: 7 },
  secondary: null,
  overrides: [override('Zed', '2030-01-01T00:00:00.000Z'), override('Yan', '2030-01-01T06:00:00.000Z')],
  feed: { keyHash: 'a'.repeat(64), keyHint: 'abcd' },
};

async function withRoster() {
  const db = freshDatabase();
  await openDatabase(db);
  await changeSetting(db, 'rosters', [roster], 'Ada');
  return db;
}

describe('roster writes', () => {
  it('makes changes started together one after the other, each on the rosters the one before left', async () => {
    const db = await withRoster();
    const without = (person: string) => (rosters: readonly Roster[]) => rosters.map((r) => ({ ...r, overrides: r.overrides.filter((o) => o.person !== person) }));
    await Promise.all([changeRosters(db, without('Zed'), 'Ada'), changeRosters(db, without('Yan'), 'Ada')]);
    const view = await getOrganisation(db);
    expect(view.settings.rosters[0]!.overrides).toEqual([]);
    expect(view.conflicts.rosters).toBeUndefined();
  });

  it('keeps the overrides and the calendar feed a roster has now when its dialog saves what it edited', async () => {
    const db = await withRoster();
    await changeRosters(db, withOverride('payments', override('Xi', '2030-01-01T12:00:00.000Z'), Date.parse('2029-12-31T00:00:00Z')), 'Ada');
    // The dialog opened before Xi's override and knew nothing of a feed.
    const { feed: _feed, ...edited } = { ...roster, name: 'Payments primary' };
    await changeRosters(db, withEditedRoster(edited), 'Ada');
    const [saved] = (await getOrganisation(db)).settings.rosters;
    expect(saved!.name).toBe('Payments primary');
    expect(saved!.feed).toEqual(roster.feed);
    expect(saved!.overrides.map((o) => o.person)).toEqual(['Zed', 'Yan', 'Xi']);
  });

  it('lets overrides long over go when one is added', async () => {
    const db = await withRoster();
    await changeRosters(db, withOverride('payments', override('Xi', '2030-03-01T00:00:00.000Z', '2030-05-15T00:00:00.000Z'), Date.parse('2030-03-01T00:00:00Z')), 'Ada');
    // Zed's and Yan's ended two months before.
    expect((await getOrganisation(db)).settings.rosters[0]!.overrides.map((o) => o.person)).toEqual(['Xi']);
    await changeRosters(db, withOverride('payments', override('Wu', '2030-06-01T00:00:00.000Z', '2030-06-02T00:00:00.000Z'), Date.parse('2030-06-01T00:00:00Z')), 'Ada');
    expect((await getOrganisation(db)).settings.rosters[0]!.overrides.map((o) => o.person)).toEqual(['Xi', 'Wu']);
  });
});
