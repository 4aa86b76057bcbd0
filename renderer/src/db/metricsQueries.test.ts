import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES } from '@shared/domain/catalogues';
import { DEFAULT_AUDIENCES } from '@shared/domain/comms';
import { foldFacts } from '@shared/domain/metrics/facts';
import { NO_FILTER } from '@shared/domain/metrics/aggregate';
import { incidentLog, MINUTE, T0 } from '@shared/domain/metrics/testing/incidentLog';
import { newSigner, signEvents, signedPastIncidentEvents } from '@shared/testing/pastIncidents';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { changeStatus, declareIncident, logEntry } from './commands';
import type { WarroomDatabase } from './database';
import { ingestEvents, openDatabase, readStored, rebuildProjections } from './eventStore';
import { readAllIncidentMetrics, readDashboard, readIncidentMetrics } from './metricsQueries';
import { changeSetting } from './organisation';
import { assignRole, recordStep } from './rosterCommands';

const DAY = 24 * 60 * MINUTE;

async function openFresh(): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

/** Every facts row equals a fresh fold of that incident's events as the log holds them. */
async function expectFactsMatchLog(db: WarroomDatabase) {
  const events = (await db.events.toArray()).flatMap(readStored);
  const incidentIds = [...new Set(events.filter((e) => e.type === 'incident.declared').map((e) => e.incidentId))];
  const rows = await db.incidentFacts.toArray();
  expect(rows.map((r) => r.incidentId).sort()).toEqual(incidentIds.sort());
  for (const row of rows) expect(row.facts).toEqual(foldFacts(row.incidentId, events));
}

const past = await signedPastIncidentEvents({ incidents: 6, entriesPerIncident: 20, seed: 11 }, await newSigner());

describe('the facts projection', () => {
  it('equals a fresh fold of the log, whatever order and batches the events came in', { timeout: 30_000 }, async () => {
    const db = await openFresh();
    const reversed = [...past].reverse();
    // Later events first, in three batches, one of them sent twice.
    const third = Math.ceil(reversed.length / 3);
    for (const batch of [reversed.slice(0, third), reversed.slice(third, 2 * third), reversed.slice(0, third), reversed.slice(2 * third)]) {
      const result = await ingestEvents(db, batch);
      expect(result.rejected).toEqual([]);
    }
    await expectFactsMatchLog(db);
    const before = await db.incidentFacts.toArray();

    await rebuildProjections(db);
    expect(await db.incidentFacts.toArray()).toEqual(before);
  });

  it('follows local commands as they are written', { timeout: 30_000 }, async () => {
    const db = await openFresh();
    let now = T0;
    const clock = () => now;
    const incidentId = await declareIncident(db, declareInput, clock);
    now = T0 + MINUTE;
    await logEntry(db, { incidentId, kind: 'note', text: 'Seen before it was declared', actor: 'Ada', occurredAt: new Date(T0 - 20 * MINUTE) }, clock);
    now = T0 + 2 * MINUTE;
    await recordStep(db, { incidentId, person: 'Bo', step: 'joined', actor: 'Ada' }, clock);
    now = T0 + 3 * MINUTE;
    await assignRole(db, { incidentId, role: 'commander', person: 'Bo', actor: 'Ada' }, clock);
    now = T0 + 5 * MINUTE;
    await changeStatus(db, incidentId, 'resolved', 'Bo', clock);
    await expectFactsMatchLog(db);

    const metrics = (await readIncidentMetrics(db, incidentId, now))!;
    // Declared at T0; the entry is backdated 20 minutes before; Bo joined at +2, resolved at +5.
    expect(metrics.durations).toMatchObject({ ttd: 20 * MINUTE, tta: 2 * MINUTE, ttr: 5 * MINUTE });
    expect(await readIncidentMetrics(db, 'zzzzzzzz99:1', now)).toBeNull();
  });
});

describe('metrics queries', () => {
  it('judge incidents by the organisation’s settings as they stand', { timeout: 30_000 }, async () => {
    const db = await openFresh();
    const scribe = await newSigner();
    const log = incidentLog({ declaredAt: T0, deviceId: scribe.deviceId });
    log.assign('commander', ['Ana'], 2);
    log.assign('scribe', ['Bo'], 4);
    log.message('executives', 20);
    log.status('resolved', 50);
    expect((await ingestEvents(db, await signEvents(log.events, scribe))).rejected).toEqual([]);

    // By default the communications lead is required too: never engaged. Executives hear every 30 minutes at P1.
    let [metrics] = await readAllIncidentMetrics(db, T0 + DAY);
    expect(metrics!.durations.tte).toBeNull();
    expect(metrics!.cadence.audiences.find((a) => a.audience === 'executives')).toMatchObject({ lateIntervals: 0 });

    await changeSetting(db, 'roles', DEFAULT_ROLES.map((r) => (r.id === 'communications' ? { ...r, required: false } : r)), 'Ada');
    await changeSetting(db, 'audiences', DEFAULT_AUDIENCES.map((a) => (a.id === 'executives' ? { ...a, cadence: { ...a.cadence, P1: 10 } } : a)), 'Ada');
    [metrics] = await readAllIncidentMetrics(db, T0 + DAY);
    expect(metrics!.durations.tte).toBe(4 * MINUTE);
    expect(metrics!.cadence.audiences.find((a) => a.audience === 'executives')).toMatchObject({ lateIntervals: 2, longestLateMs: 20 * MINUTE });
  });

  it('compute the dashboard over every incident held, drills left out', { timeout: 30_000 }, async () => {
    const db = await openFresh();
    await ingestEvents(db, past);
    const drills = past.filter((e) => e.type === 'incident.declared' && e.payload.drill).length;
    const dashboard = await readDashboard(db, NO_FILTER, T0);
    expect(dashboard.incidents + dashboard.drillsLeftOut).toBe(6);
    expect(dashboard.drillsLeftOut).toBe(drills);
    // Every generated incident is closed, with a commander: resolved and acknowledged are known for all.
    expect(dashboard.overall.ttr.n).toBe(dashboard.incidents);
    expect(dashboard.overall.tta.n).toBe(dashboard.incidents);
  });
});
