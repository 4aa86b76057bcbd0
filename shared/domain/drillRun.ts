/**
 * A drill as it runs in its incident, folded in any order: the start that
 * stands (the earliest in the log's order, should two consoles have started
 * one), and which injects have played. An inject played twice (two consoles
 * catching up at once) counts once.
 */
import type { Inject } from './drills';
import { compareEvents, type DomainEvent } from './events';

export type DrillRun = {
  incidentId: string;
  started: {
    eventId: string;
    hlc: string;
    deviceId: string;
    deviceSeq: number;
    startedAt: string;
    by: string;
    scenario: string;
    version: number;
    title: string;
    injects: Inject[];
  } | null;
  /** Played injects, by inject id: the first record of each, in the log's order. */
  played: Record<string, Ordered>;
};

type Ordered = { eventId: string; hlc: string; deviceId: string; deviceSeq: number };

export function emptyDrillRun(incidentId: string): DrillRun {
  return { incidentId, started: null, played: {} };
}

export function isDrillEvent(event: DomainEvent): boolean {
  return event.type === 'drill.started' || event.type === 'drill.injected';
}

export function applyDrillEvent(run: DrillRun, event: DomainEvent): DrillRun {
  if (event.incidentId !== run.incidentId) return run;
  if (event.type === 'drill.started') {
    if (run.started && compareEvents(run.started, event) <= 0) return run;
    const { scenario, version, title, injects } = event.payload;
    const { hlc, deviceId, deviceSeq } = event;
    return { ...run, started: { eventId: event.id, hlc, deviceId, deviceSeq, startedAt: event.occurredAt, by: event.actor, scenario, version, title, injects } };
  }
  if (event.type === 'drill.injected') {
    const id = event.payload.inject.id;
    // An inject may be called anything an id allows, "constructor" included: only the record's own keys count.
    const known = Object.hasOwn(run.played, id) ? run.played[id] : undefined;
    if (known && compareEvents(known, event) <= 0) return run;
    const { hlc, deviceId, deviceSeq } = event;
    return { ...run, played: { ...run.played, [id]: { eventId: event.id, hlc, deviceId, deviceSeq } } };
  }
  return run;
}

export function foldDrillRun(incidentId: string, events: Iterable<DomainEvent>): DrillRun {
  let run = emptyDrillRun(incidentId);
  for (const event of events) run = applyDrillEvent(run, event);
  return run;
}

export const playedSet = (run: DrillRun) => new Set(Object.keys(run.played));
