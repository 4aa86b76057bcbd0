import { describe, expect, it } from 'vitest';

import type { Scenario } from '@shared/domain/drills';

import { freshDatabase } from '../testing/renderConsole';
import { changeField } from './commands';
import type { WarroomDatabase } from './database';
import { ScenarioRefusedError, playDueInjects, startDrill } from './drillCommands';
import { drillOf, drillsToPlay } from './drillQueries';
import { ingestEvents, openDatabase } from './eventStore';
import { changeSetting, getOrganisation } from './organisation';
import { sealForLeaving } from './outgoing';
import { asTimelineEvents, timelineOf } from './queries';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

const SCENARIO: Scenario = {
  id: 'ledger-loss',
  title: 'Ledger lost',
  briefing: '',
  incident: { title: 'Ledger down (exercise)', kind: 'service', services: ['Ledger'], impact: 'organisation', urgency: 'missionCritical' },
  injects: [
    { id: 'alert', offsetSeconds: 0, kind: 'alert', title: 'Ledger errors', service: 'Ledger', severity: 'critical' },
    { id: 'desk', offsetSeconds: 60, kind: 'entry', from: 'Service desk', text: 'Calls are coming in' },
    { id: 'cards-down', offsetSeconds: 90, kind: 'serviceDown', service: 'Cards' },
    { id: 'cfo', offsetSeconds: 120, kind: 'message', audience: 'executives', from: 'CFO', text: 'When is it back?' },
  ],
  version: 4,
};
const SERVICES = [
  { name: 'Ledger', criticality: 'missionCritical', owner: 'Payments', continuity: 'warm' },
  { name: 'Cards', criticality: 'missionCritical', owner: 'Payments', continuity: 'hot' },
] as const;

async function prepare(scenario: Scenario = SCENARIO): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  await changeSetting(db, 'services', [...SERVICES], 'Ana', () => T0);
  await changeSetting(db, 'scenarios', [scenario], 'Ana', () => T0);
  return db;
}

async function drillRows(db: WarroomDatabase, incidentId: string) {
  return asTimelineEvents(await timelineOf(db, incidentId).toArray()).flatMap((e) => (e.type === 'drill.injected' ? [[e.payload.inject.id, e.occurredAt]] : []));
}

describe('drills', () => {
  it('start as an exercise incident carrying the scenario, and play each inject at its scripted time, however late the console looks', async () => {
    const db = await prepare();
    let now = T0 + 5_000;
    const id = await startDrill(db, { scenario: 'ledger-loss', actor: 'Ana' }, () => now);
    const summary = (await db.incidents.get(id))!.summary!;
    expect(summary).toMatchObject({ drill: true, title: 'Ledger down (exercise)', priority: 'P1', services: ['Ledger'] });
    const run = (await drillOf(db, id))!;
    expect(run.started).toMatchObject({ scenario: 'ledger-loss', version: 4, title: 'Ledger lost', startedAt: new Date(T0 + 5_000).toISOString() });
    expect(await drillsToPlay(db)).toEqual([{ incidentId: id, nextAt: T0 + 5_000 }]);

    expect(await playDueInjects(db, id, 'Ana', () => now)).toBe(T0 + 65_000);
    // The console was away for three minutes: the rest plays at once, each at its own time.
    now = T0 + 185_000;
    expect(await playDueInjects(db, id, 'Ana', () => now)).toBeNull();
    expect(await drillRows(db, id)).toEqual([
      ['alert', new Date(T0 + 5_000).toISOString()],
      ['desk', new Date(T0 + 65_000).toISOString()],
      ['cards-down', new Date(T0 + 95_000).toISOString()],
      ['cfo', new Date(T0 + 125_000).toISOString()],
    ]);
    expect((await db.incidents.get(id))!.summary!.services).toEqual(['Ledger', 'Cards']);
    expect(await drillsToPlay(db)).toEqual([]);
    // Nothing plays twice.
    expect(await playDueInjects(db, id, 'Ana', () => now + 60_000)).toBeNull();
    expect(await drillRows(db, id)).toHaveLength(4);
  });

  it('refuses a scenario naming a service or an audience the settings do not hold, saying which', async () => {
    const db = await prepare({ ...SCENARIO, injects: [...SCENARIO.injects, { id: 'zz', offsetSeconds: 200, kind: 'message', audience: 'board', from: 'Chair', text: 'Well?' }] });
    const { settings } = await getOrganisation(db);
    await changeSetting(db, 'services', settings.services.filter((s) => s.name !== 'Cards'), 'Ana', () => T0);
    const refusal = await startDrill(db, { scenario: 'ledger-loss', actor: 'Ana' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ScenarioRefusedError);
    expect((refusal as ScenarioRefusedError).problems).toEqual([
      { kind: 'unknownService', inject: 'cards-down', service: 'Cards' },
      { kind: 'unknownAudience', inject: 'zz', audience: 'board' },
    ]);
    expect(await db.incidents.count()).toBe(0);
  });

  it('plays on the console that started it only, and stops once the exercise is resolved', async () => {
    const a = await prepare();
    const b = freshDatabase();
    await openDatabase(b);
    const id = await startDrill(a, { scenario: 'ledger-loss', actor: 'Ana' }, () => T0);
    await ingestEvents(b, await sealForLeaving(a, await a.events.toArray()));
    expect(await drillsToPlay(b)).toEqual([]);
    expect(await playDueInjects(b, id, 'Bo', () => T0 + 600_000)).toBeNull();
    expect(await drillRows(b, id)).toEqual([]);

    await playDueInjects(a, id, 'Ana', () => T0 + 70_000);
    await changeField(a, id, 'status', 'resolved', 'Ana', () => T0 + 80_000);
    expect(await playDueInjects(a, id, 'Ana', () => T0 + 600_000)).toBeNull();
    expect((await drillRows(a, id)).map(([inject]) => inject)).toEqual(['alert', 'desk']);
  });
});
