/**
 * Drills: starting one from a scenario (an exercise incident and its script,
 * in one transaction), and playing the injects that are due. Injects play on
 * the console that started the drill, each recorded at its scripted time
 * however late the console gets to it, so a replay is the script itself.
 */
import { isFinalStatus } from '@shared/domain/events';
import { dueInjects, injectAt, nextInjectAt, scenarioProblems, type Inject, type ScenarioProblem } from '@shared/domain/drills';
import { playedSet } from '@shared/domain/drillRun';
import { LIMITS, nameKey } from '@shared/domain/text';

import { RefusedError, declareIncident, recordNow } from './commands';
import type { WarroomDatabase } from './database';
import { appendLocal, type Clock } from './eventStore';
import { getOrganisation } from './organisation';
import { projectionTables } from './projections';

/** A scenario that names what the settings do not hold cannot start: `problems` say what. */
export class ScenarioRefusedError extends RefusedError<'unknownScenario' | 'references'> {
  constructor(
    problem: 'unknownScenario' | 'references',
    readonly problems: ScenarioProblem[] = [],
  ) {
    super(problem);
  }
}

/** Declares the scenario's exercise incident and starts its drill; resolves with the incident's id. */
export function startDrill(db: WarroomDatabase, input: { scenario: string; actor: string }, now: Clock = Date.now): Promise<string> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const { settings } = await getOrganisation(db);
    const scenario = settings.scenarios.find((s) => s.id === input.scenario);
    if (!scenario) throw new ScenarioRefusedError('unknownScenario');
    const problems = scenarioProblems(scenario, settings);
    if (problems.length > 0) throw new ScenarioRefusedError('references', problems);
    const incidentId = await declareIncident(db, { ...scenario.incident, declaredBy: input.actor, drill: true }, now);
    const { id, version, title, injects } = scenario;
    await recordNow(db, 'drill.started', incidentId, input.actor, { scenario: id, version, title, injects }, now);
    return incidentId;
  });
}

/**
 * Plays every inject of the incident's drill that is due by now and not yet
 * played, if this console started the drill and the exercise is still open.
 * Resolves with when the next inject falls due (ms), or null when none will.
 */
export function playDueInjects(db: WarroomDatabase, incidentId: string, actor: string, now: Clock = Date.now): Promise<number | null> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const run = await db.drills.get(incidentId);
    const summary = (await db.incidents.get(incidentId))?.summary;
    if (!run?.started || !summary || isFinalStatus(summary.status)) return null;
    if (run.started.deviceId !== (await db.device()).deviceId) return null;
    const played = playedSet(run);
    const due = dueInjects(run.started, played, now());
    let services = summary.services;
    let servicesHeads = summary.heads.services;
    for (const inject of due) {
      const occurredAt = injectAt(run.started.startedAt, inject);
      await appendLocal(db, { type: 'drill.injected', incidentId, actor, occurredAt, payload: { inject } }, now);
      const added = serviceDown(inject, services);
      if (added) {
        const event = await appendLocal(db, { type: 'incident.fieldChanged', incidentId, actor, occurredAt, payload: { field: 'services', value: added, prev: servicesHeads } }, now);
        services = added;
        servicesHeads = [event.id];
      }
      played.add(inject.id);
    }
    return nextInjectAt(run.started, played);
  });
}

/** The incident's services once the inject's service went down; null when nothing changes. */
function serviceDown(inject: Inject, services: readonly string[]): string[] | null {
  if (inject.kind !== 'serviceDown') return null;
  // An incident names at most so many services: past that, the inject is on the timeline and the list stays.
  if (services.length >= LIMITS.services) return null;
  return services.some((s) => nameKey(s) === nameKey(inject.service)) ? null : [...services, inject.service];
}
