/**
 * What a console shows, folded from the events it holds with the domain's own
 * reducers, one event at a time in the order they arrived (as the console's
 * projector does). The folds are order-independent and idempotent by design
 * (registers keyed by event id, sorted views), so two consoles holding the same
 * events must show the same thing whatever order the events reached them in:
 * that is what the simulation checks.
 */
import { ORGANISATION_STREAM, compareEvents, type DomainEvent } from '../../domain/events';
import { applyHypothesisEvent, emptyHypothesis, hypothesisIdOf, isHypothesisEvent, isLive, summarizeHypothesis, type HypothesisState } from '../../domain/hypothesis';
import { applyIncidentEvent, emptyIncident, summarizeIncident, type IncidentState } from '../../domain/incident';
import { applyMessageEvent, emptyMessage, isMessageEvent, isOutcomeEvent, messageIdOf, viewMessage, type MessageState } from '../../domain/messages';
import { applyOrganisationEvent, emptyOrganisation, viewOrganisation, type OrganisationState } from '../../domain/organisation';
import { applyRosterEvent, emptyRoster, isRosterEvent, personKey, viewRoster, type RosterState } from '../../domain/roster';
import { buildTimeline } from '../../domain/timeline';

export type Projection = {
  incidents: Map<string, IncidentState>;
  hypotheses: Map<string, HypothesisState>;
  rosters: Map<string, RosterState>;
  messages: Map<string, MessageState>;
  organisation: OrganisationState;
  /** Events per incident in arrival order, for the timeline (which sorts them itself). */
  streams: Map<string, DomainEvent[]>;
  /**
   * Planted bug "lwwTitleByArrival" only: the title as last-writer-wins by
   * arrival order, shown instead of the register's value.
   */
  arrivalTitle: Map<string, string> | null;
};

export function emptyProjection(lwwTitleByArrival = false): Projection {
  return {
    incidents: new Map(),
    hypotheses: new Map(),
    rosters: new Map(),
    messages: new Map(),
    organisation: emptyOrganisation(),
    streams: new Map(),
    arrivalTitle: lwwTitleByArrival ? new Map() : null,
  };
}

/** Applies one event, as the console's projector does for each event it stores. */
export function project(p: Projection, event: DomainEvent): void {
  if (event.incidentId === ORGANISATION_STREAM) {
    p.organisation = applyOrganisationEvent(p.organisation, event);
    return;
  }
  const incidentId = event.incidentId;
  p.incidents.set(incidentId, applyIncidentEvent(p.incidents.get(incidentId) ?? emptyIncident(incidentId), event));
  const stream = p.streams.get(incidentId);
  if (stream) stream.push(event);
  else p.streams.set(incidentId, [event]);
  if (isHypothesisEvent(event)) {
    const id = hypothesisIdOf(event);
    p.hypotheses.set(id, applyHypothesisEvent(p.hypotheses.get(id) ?? emptyHypothesis(id), event));
  }
  if (isRosterEvent(event)) p.rosters.set(incidentId, applyRosterEvent(p.rosters.get(incidentId) ?? emptyRoster(incidentId), event));
  if (isMessageEvent(event) || isOutcomeEvent(event)) {
    const id = messageIdOf(event);
    p.messages.set(id, applyMessageEvent(p.messages.get(id) ?? emptyMessage(id), event));
  }
  if (p.arrivalTitle) {
    if (event.type === 'incident.declared') {
      if (!p.arrivalTitle.has(incidentId)) p.arrivalTitle.set(incidentId, event.payload.title);
    } else if (event.type === 'incident.fieldChanged' && event.payload.field === 'title') {
      p.arrivalTitle.set(incidentId, event.payload.value);
    }
  }
}

export function projectAll(events: Iterable<DomainEvent>, lwwTitleByArrival = false): Projection {
  const p = emptyProjection(lwwTitleByArrival);
  for (const event of events) project(p, event);
  return p;
}

export function incidentSummary(p: Projection, incidentId: string) {
  const state = p.incidents.get(incidentId);
  const summary = state ? summarizeIncident(state) : null;
  if (summary && p.arrivalTitle?.has(incidentId)) return { ...summary, title: p.arrivalTitle.get(incidentId)! };
  return summary;
}

export function hypothesisSummaries(p: Projection, incidentId: string) {
  return [...p.hypotheses.values()]
    .filter((h) => h.incidentId === incidentId)
    .map(summarizeHypothesis)
    .filter((s) => s !== null)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function rosterView(p: Projection, incidentId: string) {
  const org = viewOrganisation(p.organisation);
  const live = new Set(hypothesisSummaries(p, incidentId).filter((h) => isLive(h.status)).map((h) => personKey(h.owner)));
  return viewRoster(p.rosters.get(incidentId) ?? emptyRoster(incidentId), org.settings.roles, live);
}

/** Everything a person can see, as plain data with a stable order: what consoles must agree on. */
export function viewsOf(p: Projection) {
  const incidentIds = [...p.incidents.keys()].sort();
  return {
    organisation: viewOrganisation(p.organisation),
    incidents: incidentIds.map((id) => ({
      id,
      summary: incidentSummary(p, id),
      lastHlc: p.incidents.get(id)!.lastHlc,
      timeline: buildTimeline(id, p.streams.get(id) ?? []).map((item) => ({ id: item.event.id, entry: item.entry })),
      hypotheses: hypothesisSummaries(p, id),
      roster: rosterView(p, id),
      messages: [...p.messages.values()]
        .map(viewMessage)
        .filter((m) => m !== null && m.incidentId === id)
        .sort((a, b) => (a!.id < b!.id ? -1 : 1)),
    })),
    /** Hypotheses whose proposal has not arrived: their events wait (sorted by clock) and must agree too. */
    waiting: [...p.hypotheses.values()]
      .filter((h) => h.incidentId === null)
      .map((h) => ({ id: h.id, waiting: h.waiting.map((e) => e.id) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

export type Views = ReturnType<typeof viewsOf>;

/** The reference: the same events folded in clock order, from scratch. */
export function referenceViews(events: readonly DomainEvent[]): Views {
  return viewsOf(projectAll([...events].sort(compareEvents)));
}

/** Deep equality of plain data: JSON first (the views build their keys in a fixed order), key order ignored if that differs. */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || canonical(a) === canonical(b);
}

/** JSON with object keys sorted: equal strings = deep-equal plain data. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Where two plain values first differ, for a readable failure. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (canonical(v) ?? 'undefined').slice(0, 300);
  return `${path}: ${show(a)} vs ${show(b)}`;
}
