/**
 * The timeline: every event a person should see, ordered by when it happened
 * (occurredAt), ties broken by the clock. Entries are append-only: corrections
 * and strike-throughs are later events that point at an entry, folded here
 * into an "amendment" per entry.
 */
import { ORGANISATION_STREAM, compareEvents, type DomainEvent, type EntryKind, type EventOf } from './events';
import { emptyRegister, readRegister, writeRegister, type Register, type RegisterWrite } from './register';

export type AmendingEvent = EventOf<'timeline.entryCorrected' | 'timeline.entryStruck' | 'timeline.entryMarked'>;
/** The review after the incident: written about the incident, not part of what happened in it. */
export type ReviewEvent = EventOf<'postmortem.sectionEdited' | 'actionItem.added' | 'actionItem.changed'>;
/**
 * Everything done to an incident is on its timeline, except amendments (they
 * change the entry they point at) and the review written afterwards.
 */
export type TimelineEvent = Exclude<DomainEvent, AmendingEvent | ReviewEvent | EventOf<'organisation.settingChanged' | 'organisation.calendarFetched' | 'alert.groupAcknowledged' | 'alert.groupSilenced'>>;

/**
 * Nothing in the organisation's stream is on an incident's timeline: an alert is, once its group is attached,
 * each time it fires, resolves or changes; its mere repeats only raise its count.
 */
export function isTimelineEvent(event: DomainEvent): event is TimelineEvent {
  if (event.type === 'alert.received' && !event.payload.changed) return false;
  return event.incidentId !== ORGANISATION_STREAM && !isAmendingEvent(event) && !isReviewEvent(event);
}

export function isAmendingEvent(event: DomainEvent): event is AmendingEvent {
  return event.type === 'timeline.entryCorrected' || event.type === 'timeline.entryStruck' || event.type === 'timeline.entryMarked';
}

export function isReviewEvent(event: DomainEvent): event is ReviewEvent {
  return event.type === 'postmortem.sectionEdited' || event.type === 'actionItem.added' || event.type === 'actionItem.changed';
}

/**
 * Sort key for the timeline: fixed-width occurredAt, then clock, then device.
 * Plain string order equals timeline order, so it can be an index.
 */
export function timelineKey(event: Pick<DomainEvent, 'occurredAt' | 'hlc' | 'deviceId'>): string {
  return `${event.occurredAt} ${event.hlc} ${event.deviceId}`;
}

export type EntryContent = { kind: EntryKind; text: string };

export type Strike = { id: string; reason: string; actor: string; occurredAt: string; hlc: string };

export type Amendment = {
  targetId: string;
  incidentId: string;
  corrections: Register<EntryContent>;
  /** Corrections with their authors, for the entry's history. */
  correctionLog: Record<string, { actor: string; occurredAt: string }>;
  strikes: Record<string, Strike>;
  /** Whether the scribe marked it a key event. Absent on amendments stored before marking existed. */
  key?: Register<boolean>;
};

export function emptyAmendment(targetId: string, incidentId: string): Amendment {
  return { targetId, incidentId, corrections: emptyRegister(), correctionLog: {}, strikes: {}, key: emptyRegister() };
}

export function applyAmendment(state: Amendment, event: AmendingEvent): Amendment {
  if (event.payload.target !== state.targetId) return state;
  if (event.type === 'timeline.entryMarked') {
    const current = state.key ?? emptyRegister<boolean>();
    const write: RegisterWrite<boolean> = { id: event.id, hlc: event.hlc, deviceId: event.deviceId, value: event.payload.key, prev: event.payload.prev };
    const key = writeRegister(current, write);
    return key === current ? state : { ...state, key };
  }
  if (event.type === 'timeline.entryCorrected') {
    const { kind, text, prev } = event.payload;
    const write: RegisterWrite<EntryContent> = {
      id: event.id,
      hlc: event.hlc,
      deviceId: event.deviceId,
      value: { kind, text },
      prev,
    };
    const corrections = writeRegister(state.corrections, write);
    if (corrections === state.corrections) return state;
    return {
      ...state,
      corrections,
      correctionLog: { ...state.correctionLog, [event.id]: { actor: event.actor, occurredAt: event.occurredAt } },
    };
  }
  if (Object.hasOwn(state.strikes, event.id)) return state;
  const strike: Strike = {
    id: event.id,
    reason: event.payload.reason,
    actor: event.actor,
    occurredAt: event.occurredAt,
    hlc: event.hlc,
  };
  return { ...state, strikes: { ...state.strikes, [event.id]: strike } };
}

export type ResolvedEntry = EntryContent & {
  original: EntryContent;
  /** Id of the version shown: name it as `prev` when correcting again. */
  headId: string;
  /** Every live version's id; more than one = corrections made concurrently. */
  headIds: string[];
  corrected: boolean;
  correctedBy: string | null;
  struck: Strike | null;
  /** Marked as a key event; concurrent marks and unmarks read as marked. */
  key: boolean;
  /** The live mark versions: what a new mark or unmark replaces. */
  keyHeads: string[];
};

/** An entry as it reads now: its latest correction, and whether it was struck through. */
export function resolveEntry(entry: EventOf<'timeline.entryLogged'>, amendment: Amendment | undefined): ResolvedEntry {
  const original: EntryContent = { kind: entry.payload.kind, text: entry.payload.text };
  const base: RegisterWrite<EntryContent> = {
    id: entry.id,
    hlc: entry.hlc,
    deviceId: entry.deviceId,
    value: original,
    prev: [],
  };
  const register = writeRegister(amendment?.corrections ?? emptyRegister<EntryContent>(), base);
  const read = readRegister(register)!;
  const strikes = Object.values(amendment?.strikes ?? {}).sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  return {
    ...read.value,
    original,
    headId: read.headId,
    headIds: read.heads.map((h) => h.id),
    corrected: read.headId !== entry.id,
    correctedBy: read.headId !== entry.id ? (amendment?.correctionLog[read.headId]?.actor ?? null) : null,
    struck: strikes[0] ?? null,
    ...readKey(amendment),
  };
}

function readKey(amendment: Amendment | undefined): { key: boolean; keyHeads: string[] } {
  const read = amendment?.key ? readRegister(amendment.key) : null;
  if (!read) return { key: false, keyHeads: [] };
  return { key: read.heads.some((h) => h.value), keyHeads: read.heads.map((h) => h.id) };
}

export type TimelineItem = { event: TimelineEvent; entry: ResolvedEntry | null };

/** The whole timeline of one incident from its events (any order, duplicates allowed). */
export function buildTimeline(incidentId: string, events: Iterable<DomainEvent>): TimelineItem[] {
  const shown = new Map<string, TimelineEvent>();
  const amendments = new Map<string, Amendment>();
  for (const event of events) {
    if (event.incidentId !== incidentId) continue;
    if (isTimelineEvent(event)) shown.set(event.id, event);
    else if (isAmendingEvent(event)) {
      const target = event.payload.target;
      const current = amendments.get(target) ?? emptyAmendment(target, incidentId);
      amendments.set(target, applyAmendment(current, event));
    }
  }
  return [...shown.values()]
    .sort((a, b) => {
      const ka = timelineKey(a);
      const kb = timelineKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : compareEvents(a, b);
    })
    .map((event) => ({
      event,
      entry: event.type === 'timeline.entryLogged' ? resolveEntry(event, amendments.get(event.id)) : null,
    }));
}
