/**
 * An event stored at an older version reads the same through every reader as
 * through the projections: upcast, never as its raw row. Here an
 * `incident.declared` of version 1, which had no priority or tier.
 */
import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { freshDatabase } from '../testing/renderConsole';
import { readPostmortem } from '../features/postmortem/exportPostmortem';
import { ingestEvents } from './eventStore';
import { timelineLength, timelineSlice } from './queries';
import { getWallIncident, getWallOverview } from './wallQueries';

const author = new TestAuthor(9);
const at = Date.UTC(2026, 11, 6, 9, 30);
const id = `${author.deviceId}:1`;

async function databaseWithVersionOne() {
  const db = freshDatabase();
  const declared = author.sign({
    id,
    incidentId: id,
    type: 'incident.declared',
    v: 1,
    hlc: encodeHlc({ ms: at, counter: 0 }),
    deviceId: author.deviceId,
    deviceSeq: 1,
    actor: 'Ada Lovelace',
    occurredAt: new Date(at).toISOString(),
    payload: { title: 'Card payments fail in the EU', kind: 'service', services: ['payments'], impact: 'organisation', urgency: 'missionCritical', declaredBy: 'Ada Lovelace', drill: false },
  });
  await ingestEvents(db, [declared]);
  // Stored as its author wrote it: its content hash must not change.
  expect(await db.events.get(id)).toMatchObject({ v: 1, payload: expect.not.objectContaining({ priority: expect.anything() }) });
  return db;
}

const upcast = { v: CURRENT_VERSION['incident.declared'], payload: expect.objectContaining({ priority: 'P1', tier: 'normal' }) };

describe('an event stored at an older version', () => {
  it('is upcast in the timeline’s rows', async () => {
    const db = await databaseWithVersionOne();
    const total = await timelineLength(db, id);
    expect(await timelineSlice(db, id, 0, 10, total)).toEqual([expect.objectContaining({ id, ...upcast })]);
  });

  it('is upcast on the wall, and its incident is on the overview with its priority', async () => {
    const db = await databaseWithVersionOne();
    const wall = await getWallIncident(db, id, 10);
    expect(wall?.entries.map((entry) => entry.event)).toEqual([expect.objectContaining({ id, ...upcast })]);
    expect((await getWallOverview(db)).tiles.map((tile) => tile.summary.priority)).toEqual(['P1']);
  });

  it('is upcast in the post-mortem and its exports', async () => {
    const db = await databaseWithVersionOne();
    const doc = await readPostmortem(db, id, 'UTC', new Date(at + 3_600_000));
    const rows = JSON.stringify(doc);
    expect(rows).toContain('Incident declared: Card payments fail in the EU (P1');
    expect(rows).not.toContain('undefined');
  });
});
