/**
 * The incident fold: a pure, order-independent reduction of an incident's
 * events to its current state. Applying events one by one in any order, with
 * duplicates, equals folding the whole set at once.
 */
import { isFinalStatus, type DomainEvent, type EventOf, type IncidentKind, type Status, type Tier } from './events';
import type { Impact, Priority, Urgency } from './priority';
import { emptyRegister, readRegister, writeField, writeOf, type Register } from './register';

export type IncidentFields = {
  title: string;
  kind: IncidentKind;
  services: string[];
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  status: Status;
  tier: Tier;
  /** Set during the incident, not at declaration; empty until someone does. */
  eta: string;
  technicalBridge: string;
  businessBridge: string;
  /** Words to find it and its kind by later ("database", "dns"). */
  tags: string[];
  /** When the impact began, if known and earlier than the declaration: ISO instant, or empty. */
  impactStarted: string;
};
export type IncidentField = keyof IncidentFields;
export const INCIDENT_FIELDS: IncidentField[] = ['title', 'kind', 'services', 'impact', 'urgency', 'priority', 'status', 'tier', 'eta', 'technicalBridge', 'businessBridge', 'tags', 'impactStarted'];
/** Fields a declaration does not set: they read as empty until written. */
const LATER_FIELDS: Partial<IncidentFields> = { eta: '', technicalBridge: '', businessBridge: '', tags: [], impactStarted: '' };

export type IncidentState = {
  id: string;
  /** Present once the declaration itself has been seen (sync may deliver later events first). */
  declared: {
    eventId: string;
    at: string;
    by: string;
    drill: boolean;
  } | null;
  fields: { [F in IncidentField]: Register<IncidentFields[F]> };
  /** Highest clock value among the incident's events: "last activity" for ordering lists. */
  lastHlc: string;
};

export function emptyIncident(id: string): IncidentState {
  return {
    id,
    declared: null,
    fields: {
      title: emptyRegister(),
      kind: emptyRegister(),
      services: emptyRegister(),
      impact: emptyRegister(),
      urgency: emptyRegister(),
      priority: emptyRegister(),
      status: emptyRegister(),
      tier: emptyRegister(),
      eta: emptyRegister(),
      technicalBridge: emptyRegister(),
      businessBridge: emptyRegister(),
      tags: emptyRegister(),
      impactStarted: emptyRegister(),
    },
    lastHlc: '',
  };
}

export function applyIncidentEvent(state: IncidentState, event: DomainEvent): IncidentState {
  if (event.incidentId !== state.id) return state;
  const lastHlc = event.hlc > state.lastHlc ? event.hlc : state.lastHlc;
  switch (event.type) {
    case 'incident.declared':
      return applyDeclared({ ...state, lastHlc }, event);
    case 'incident.fieldChanged': {
      const { field, value, prev } = event.payload;
      return { ...state, lastHlc, fields: writeField(state.fields, field, writeOf(event, value, prev)) };
    }
    case 'incident.tierChanged': {
      const { tier, prev } = event.payload;
      return { ...state, lastHlc, fields: writeField(state.fields, 'tier', writeOf(event, tier, prev)) };
    }
    default:
      return lastHlc === state.lastHlc ? state : { ...state, lastHlc };
  }
}

function applyDeclared(state: IncidentState, event: EventOf<'incident.declared'>): IncidentState {
  const p = event.payload;
  let fields = state.fields;
  fields = writeField(fields, 'title', writeOf(event, p.title, []));
  fields = writeField(fields, 'kind', writeOf(event, p.kind, []));
  fields = writeField(fields, 'services', writeOf(event, p.services, []));
  fields = writeField(fields, 'impact', writeOf(event, p.impact, []));
  fields = writeField(fields, 'urgency', writeOf(event, p.urgency, []));
  fields = writeField(fields, 'priority', writeOf(event, p.priority, []));
  fields = writeField(fields, 'status', writeOf<Status>(event, 'investigating', []));
  fields = writeField(fields, 'tier', writeOf(event, p.tier, []));
  // Only one declaration can exist per incident (its id is the declaration's id).
  const declared = { eventId: event.id, at: event.occurredAt, by: p.declaredBy, drill: p.drill };
  return { ...state, declared, fields };
}

export function foldIncident(id: string, events: Iterable<DomainEvent>): IncidentState {
  let state = emptyIncident(id);
  for (const event of events) state = applyIncidentEvent(state, event);
  return state;
}

/** The flat view the console shows: current values, derived priority, and fields in conflict. */
export type IncidentSummary = IncidentFields & {
  id: string;
  declaredAt: string;
  /** When the incident entered its current tier (the decision's occurredAt; declaration for the first). */
  tierSince: string;
  /** When the incident took its current status (the change's occurredAt; declaration for the first). */
  statusSince: string;
  declaredBy: string;
  drill: boolean;
  /** Head id per field: what a new write must name as replaced. */
  heads: Record<IncidentField, string[]>;
  conflicts: IncidentField[];
  /** For each field in conflict, every live value, best first. */
  conflictValues: Partial<{ [F in IncidentField]: { id: string; value: IncidentFields[F] }[] }>;
  lastHlc: string;
};

export function summarizeIncident(state: IncidentState): IncidentSummary | null {
  if (!state.declared) return null;
  const heads = {} as Record<IncidentField, string[]>;
  const conflicts: IncidentField[] = [];
  const conflictValues: Record<string, { id: string; value: unknown }[]> = {};
  const values = {} as Record<IncidentField, unknown>;
  let tierSince = state.declared.at;
  let statusSince = state.declared.at;
  for (const field of INCIDENT_FIELDS) {
    // States persisted before a field existed have no register for it.
    const read = readRegister<unknown>(state.fields[field] ?? emptyRegister());
    if (!read) {
      if (!(field in LATER_FIELDS)) return null;
      values[field] = LATER_FIELDS[field];
      heads[field] = [];
      continue;
    }
    values[field] = read.value;
    if (field === 'tier') tierSince = read.heads[0]?.at ?? tierSince;
    if (field === 'status') statusSince = read.heads[0]?.at ?? statusSince;
    heads[field] = read.heads.map((h) => h.id);
    if (read.heads.length > 1) {
      conflicts.push(field);
      conflictValues[field] = read.heads.map((h) => ({ id: h.id, value: h.value }));
    }
  }
  const v = values as IncidentFields;
  return {
    ...v,
    id: state.id,
    declaredAt: state.declared.at,
    tierSince,
    statusSince,
    declaredBy: state.declared.by,
    drill: state.declared.drill,
    heads,
    conflicts,
    conflictValues: conflictValues as IncidentSummary['conflictValues'],
    lastHlc: state.lastHlc,
  };
}

/**
 * When a resolved or closed incident ended, for everything that counts time
 * (open for, held for): null while it is open. A summary stored before it
 * knew its status's time has no end to give, and nothing counts from it.
 */
export function incidentEndedAt(incident: Pick<IncidentSummary, 'status' | 'statusSince'>): string | null {
  return isFinalStatus(incident.status) ? (incident.statusSince ?? null) : null;
}
