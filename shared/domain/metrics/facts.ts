/**
 * What the metrics need to know of one incident, and nothing more: when it was
 * declared, the fields metrics filter and group by (with every write, since
 * milestones come from the status's history), who held which role when, each
 * person's engagement steps, the messages that keep audiences informed, and
 * the earliest moment its timeline mentions. No entry text.
 *
 * Every part is keyed by event id (or is a minimum), so applying events in any
 * order, with duplicates, gives the same facts.
 */
import { applyChecklistEvent, emptyChecklists, type ChecklistsState } from '../checklists';
import type { EngagementStep, DomainEvent, IncidentKind, Status } from '../events';
import { hlcTime } from '../hlc';
import { countsForCadence, decidingOutcome, OUTCOME_KINDS, type OutcomeKind } from '../messages';
import type { Priority } from '../priority';
import { emptyRegister, readRegister, writeField, writeOf, type Register } from '../register';
import { isTimelineEvent } from '../timeline';

/** Where an event sits in time: when it happened, then its place in the log. */
export type Stamp = { id: string; hlc: string; at: string };

export type FactsFields = {
  title: string;
  kind: IncidentKind;
  services: string[];
  priority: Priority;
  status: Status;
  tags: string[];
  /** ISO instant, or empty: not known. */
  impactStarted: string;
};
export type FactsField = keyof FactsFields;
const FACTS_FIELDS: readonly FactsField[] = ['title', 'kind', 'services', 'priority', 'status', 'tags', 'impactStarted'];

export type RoleFact = Stamp & { role: string; held: boolean };
export type StepFact = Stamp & { person: string; step: EngagementStep };
export type MessageFact = Stamp & { audience: string };
export type OutcomeFact = Stamp & { target: string; outcome: OutcomeKind };

export type IncidentFacts = {
  incidentId: string;
  /** Null until the declaration has been seen (sync may deliver later events first). */
  declared: (Stamp & { drill: boolean }) | null;
  fields: { [F in FactsField]: Register<FactsFields[F]> };
  /** Every role assignment, by event id. */
  roles: Record<string, RoleFact>;
  /** Every engagement step, by event id. */
  steps: Record<string, StepFact>;
  /** Every message sent or queued, by event id. */
  messages: Record<string, MessageFact>;
  /** What became of queued messages, by event id. */
  outcomes: Record<string, OutcomeFact>;
  /**
   * When each backdated timeline event says it happened, by event id: written down well after the fact,
   * they can put the start of the impact before the declaration. Only these are kept, not every entry.
   */
  backdated: Record<string, string>;
  /** Entries struck through, by id: a struck entry says nothing about when the impact began. */
  struck: Record<string, true>;
  /** When the earliest alert of each alert group attached to it began, by group id: it was detected by then. */
  alerted: Record<string, string>;
  /** Its checklists, as the incident's own fold keeps them. Absent from facts stored before checklists existed. */
  checklists?: ChecklistsState;
};

/** Written down more than this after it happened, an event is backdated (the timeline's own notion). */
export const BACKDATED_MS = 60_000;

export function emptyFacts(incidentId: string): IncidentFacts {
  return {
    incidentId,
    declared: null,
    fields: {
      title: emptyRegister(),
      kind: emptyRegister(),
      services: emptyRegister(),
      priority: emptyRegister(),
      status: emptyRegister(),
      tags: emptyRegister(),
      impactStarted: emptyRegister(),
    },
    roles: {},
    steps: {},
    messages: {},
    outcomes: {},
    backdated: {},
    struck: {},
    alerted: {},
  };
}

/** Returns facts with the event applied; the same object when the event changes nothing (the input is not modified). */
export function applyFactsEvent(facts: IncidentFacts, event: DomainEvent): IncidentFacts {
  if (event.incidentId !== facts.incidentId) return facts;
  let next = facts;
  if (isTimelineEvent(event) && !Object.hasOwn(next.backdated, event.id) && hlcTime(event.hlc) - Date.parse(event.occurredAt) > BACKDATED_MS) {
    next = { ...next, backdated: { ...next.backdated, [event.id]: event.occurredAt } };
  }
  if (event.type === 'timeline.entryStruck' && !Object.hasOwn(next.struck, event.payload.target)) {
    next = { ...next, struck: { ...next.struck, [event.payload.target]: true } };
  }
  const stamp: Stamp = { id: event.id, hlc: event.hlc, at: event.occurredAt };
  switch (event.type) {
    case 'incident.declared': {
      if (next.declared) return next;
      const p = event.payload;
      let fields = next.fields;
      fields = writeField(fields, 'title', writeOf(event, p.title, []));
      fields = writeField(fields, 'kind', writeOf(event, p.kind, []));
      fields = writeField(fields, 'services', writeOf(event, p.services, []));
      fields = writeField(fields, 'priority', writeOf(event, p.priority, []));
      fields = writeField(fields, 'status', writeOf<Status>(event, 'investigating', []));
      return { ...next, declared: { ...stamp, drill: p.drill }, fields };
    }
    case 'incident.fieldChanged': {
      const { field, value, prev } = event.payload;
      if (!isFactsField(field)) return next;
      const fields = writeField(next.fields, field, writeOf(event, value as FactsFields[typeof field], prev));
      return fields === next.fields ? next : { ...next, fields };
    }
    case 'role.assigned':
      if (Object.hasOwn(next.roles, event.id)) return next;
      return { ...next, roles: { ...next.roles, [event.id]: { ...stamp, role: event.payload.role, held: event.payload.holders.length > 0 } } };
    case 'participant.engaged':
      if (Object.hasOwn(next.steps, event.id)) return next;
      return { ...next, steps: { ...next.steps, [event.id]: { ...stamp, person: event.payload.person, step: event.payload.step } } };
    case 'message.sent':
    case 'message.queued':
      if (Object.hasOwn(next.messages, event.id)) return next;
      return { ...next, messages: { ...next.messages, [event.id]: { ...stamp, audience: event.payload.audience } } };
    case 'message.delivered':
    case 'message.deliveryFailed':
    case 'message.requeued':
    case 'message.cancelled':
      if (Object.hasOwn(next.outcomes, event.id)) return next;
      return { ...next, outcomes: { ...next.outcomes, [event.id]: { ...stamp, target: event.payload.target, outcome: OUTCOME_KINDS[event.type] } } };
    case 'checklist.attached':
    case 'checklist.stepMarked': {
      const before = next.checklists ?? emptyChecklists(next.incidentId);
      const checklists = applyChecklistEvent(before, event);
      return checklists === before ? next : { ...next, checklists };
    }
    case 'alert.groupAttached': {
      const { group, firstAt } = event.payload;
      if (Object.hasOwn(next.alerted, group) && next.alerted[group]! <= firstAt) return next;
      return { ...next, alerted: { ...next.alerted, [group]: firstAt } };
    }
    default:
      return next;
  }
}

export function foldFacts(incidentId: string, events: Iterable<DomainEvent>): IncidentFacts {
  let facts = emptyFacts(incidentId);
  for (const event of events) facts = applyFactsEvent(facts, event);
  return facts;
}

function isFactsField(field: string): field is FactsField {
  return (FACTS_FIELDS as readonly string[]).includes(field);
}

/** The field's value as the console shows it (the best live write); null before the declaration sets it. */
export function currentField<F extends FactsField>(facts: IncidentFacts, field: F): FactsFields[F] | null {
  return readRegister(facts.fields[field])?.value ?? null;
}

// ---- Order ------------------------------------------------------------------

/** Time order: occurredAt, ties broken by log order (clock, device, the device's sequence) as `compareEvents` does. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  const [deviceA, seqA] = splitId(a.id);
  const [deviceB, seqB] = splitId(b.id);
  if (deviceA !== deviceB) return deviceA < deviceB ? -1 : 1;
  return seqA - seqB;
}

/** Event ids are `deviceId:deviceSeq`. */
function splitId(id: string): [string, number] {
  const colon = id.lastIndexOf(':');
  return [id.slice(0, colon), Number(id.slice(colon + 1))];
}

/** A register's writes in time order, each with its event's time. */
export function writesInTimeOrder<V>(register: Register<V>): (Stamp & { value: V })[] {
  return Object.values(register.writes)
    .map((w) => ({ id: w.id, hlc: w.hlc, at: w.at ?? '', value: w.value }))
    .sort(compareStamps);
}

// ---- Messages ---------------------------------------------------------------

/** Messages that keep their audience informed, in time order: the rule of `countsForCadence` and `decidingOutcome`. */
export function countingMessages(facts: IncidentFacts): MessageFact[] {
  const byMessage = new Map<string, OutcomeFact[]>();
  for (const outcome of Object.values(facts.outcomes)) {
    const list = byMessage.get(outcome.target);
    if (list) list.push(outcome);
    else byMessage.set(outcome.target, [outcome]);
  }
  return Object.values(facts.messages)
    .filter((message) => {
      const outcomes = (byMessage.get(message.id) ?? []).sort(compareLogOrder);
      const deciding = decidingOutcome(outcomes, (o) => o.outcome)?.outcome;
      return countsForCadence({ state: deciding === 'requeued' || deciding === undefined ? 'queued' : deciding });
    })
    .sort(compareStamps);
}

/** Log order alone (clock, device, sequence), as `viewMessage` orders a message's outcomes. */
function compareLogOrder(a: Stamp, b: Stamp): number {
  return compareStamps({ ...a, at: '' }, { ...b, at: '' });
}
