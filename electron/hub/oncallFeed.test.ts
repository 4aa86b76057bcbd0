/** A roster's calendar feed over real HTTP from a hub on SQLite: the turns for a key, and nothing for any other. */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM } from '../../shared/domain/events';
import type { Roster } from '../../shared/domain/oncall';
import { shiftsFromICalendar } from '../../shared/oncall/icalendar';
import { hashToken } from '../../shared/sync/membership';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { startHub } from './server';
import { ensureSpace } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { domainEvent } from './testEvents';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = Date.parse('2026-12-07T12:00:00Z');
const KEY = 'feedkey'.padEnd(32, 'q');
const roster = (feed: Roster['feed']): Roster => ({
  id: 'payments',
  name: 'Payments on call',
  team: '',
  services: [],
  timeZone: 'Europe/Copenhagen',
  primary: { kind: 'cycle', people: ['Ada', 'Ben <script>'], startsOn: '2026-11-30', handOff: '09:00', lengthDays: 7 },
  secondary: null,
  overrides: [],
  ...(feed ? { feed } : {}),
});

async function hubWith(rosters: Roster[]) {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-feed-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteHubStore(new Database(join(dir, 'hub.sqlite')));
  cleanups.push(() => store.close());
  const { space } = await ensureSpace(store, { name: 'Room' }, (bytes) => randomFillSync(bytes));
  const author = new TestAuthor(4);
  await store.append(space.id, [domainEvent(author, 1, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'rosters', value: rosters, prev: [] }, NOW)]);
  const hub = await startHub({ store, port: 0, host: '127.0.0.1', now: () => NOW });
  cleanups.push(() => hub.close());
  return { base: hub.url.replace('ws://', 'http://').replace('/sync', ''), store, space, author };
}

describe('on-call calendar feeds', () => {
  it('serves a roster’s turns to whoever holds its key, as a calendar that reads back as the same turns', async () => {
    const { base } = await hubWith([roster({ keyHash: hashToken(KEY), keyHint: KEY.slice(-4) })]);
    const response = await fetch(`${base}/oncall/${KEY}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    const read = shiftsFromICalendar(text, { from: NOW - 86_400_000, to: NOW + 14 * 86_400_000, zone: 'UTC' });
    expect(read.ok && read.shifts.slice(0, 3)).toEqual([
      { person: 'Ada', from: '2026-11-30T08:00:00.000Z', to: '2026-12-07T08:00:00.000Z' },
      { person: 'Ben <script>', from: '2026-12-07T08:00:00.000Z', to: '2026-12-14T08:00:00.000Z' },
      { person: 'Ada', from: '2026-12-14T08:00:00.000Z', to: '2026-12-21T08:00:00.000Z' },
    ]);
  });

  it('answers 404 for a key that opens nothing, a roster without a feed, or a malformed address, and slows down guessing', async () => {
    const { base } = await hubWith([roster(undefined)]);
    for (const path of [`/oncall/${KEY}.ics`, '/oncall/../../etc/passwd', `/oncall/${KEY.toUpperCase()}.ics`, '/oncall/']) {
      expect({ path, status: (await fetch(`${base}${path}`)).status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${base}/oncall/${KEY}.ics`, { method: 'POST' })).status).toBe(405);
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${base}/oncall/${KEY}.ics`)).status);
    expect(statuses).toContain(429);
  });

  it('stops serving a feed once its key is taken away', async () => {
    const { base, store, space, author } = await hubWith([roster({ keyHash: hashToken(KEY), keyHint: KEY.slice(-4) })]);
    expect((await fetch(`${base}/oncall/${KEY}.ics`)).status).toBe(200);
    await store.append(space.id, [domainEvent(author, 2, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'rosters', value: [roster(undefined)], prev: [`${author.deviceId}:1`] }, NOW)]);
    expect((await fetch(`${base}/oncall/${KEY}.ics`)).status).toBe(404);
  });
});
