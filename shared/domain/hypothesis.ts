/**
 * The hypothesis fold: probe, sense, respond. Each hypothesis is a pure,
 * order-independent reduction of the events that name it (its proposal, whose
 * id is the hypothesis id, and the changes, evidence and experiments that
 * target it). Applying events one by one in any order, with duplicates, equals
 * folding the whole set at once.
 */
import {
  compareEvents,
  type DomainEvent,
  type EventOf,
  type EvidenceStance,
  type ExperimentResponse,
  type HypothesisStatus,
  MAX_TIME_BOX_MINUTES,
  type PayloadOf,
} from './events';
import { emptyRegister, readRegister, writeField, writeOf, type Register } from './register';
import { LIMITS, cleanLine, cleanMultiline } from './text';

export type Probe = PayloadOf<'hypothesis.proposed'>['probe'];

/** A status decision: the reason and who decided travel with the value, so a conflict shows both sides whole. */
export type StatusDecision = { status: HypothesisStatus; reason: string | null; by: string };

export type HypothesisFields = {
  statement: string;
  owner: string;
  probe: Probe;
  status: StatusDecision;
};
export type HypothesisField = keyof HypothesisFields;
export const HYPOTHESIS_FIELDS: HypothesisField[] = ['statement', 'owner', 'probe', 'status'];

export type HypothesisEvent = EventOf<
  'hypothesis.proposed' | 'hypothesis.changed' | 'hypothesis.evidenceAdded' | 'hypothesis.experimentRecorded'
>;

export function isHypothesisEvent(event: DomainEvent): event is HypothesisEvent {
  return event.type.startsWith('hypothesis.');
}

/** The hypothesis an event is about: its own id for a proposal, its target otherwise. */
export function hypothesisIdOf(event: HypothesisEvent): string {
  return event.type === 'hypothesis.proposed' ? event.id : event.payload.target;
}

export type Evidence = {
  id: string;
  stance: EvidenceStance;
  text: string;
  /** The timeline entry that shows it, if one was chosen. */
  entry: string | null;
  actor: string;
  occurredAt: string;
  hlc: string;
  deviceId: string;
  deviceSeq: number;
};

export type Experiment = {
  id: string;
  result: string;
  response: ExperimentResponse;
  actor: string;
  occurredAt: string;
  hlc: string;
  deviceId: string;
  deviceSeq: number;
};

export type HypothesisState = {
  id: string;
  /**
   * The proposal's incident, null until the proposal has been seen. Only the
   * proposal decides it: any other event can name any target, so one from
   * another incident must never claim the hypothesis.
   */
  incidentId: string | null;
  /** Present once the proposal itself has been seen (sync may deliver later events first). */
  proposed: { at: string; by: string } | null;
  fields: { [F in HypothesisField]: Register<HypothesisFields[F]> };
  evidence: Record<string, Evidence>;
  experiments: Record<string, Experiment>;
  /** Highest clock value among its events: "last touched", for a stable order within a column. */
  lastHlc: string;
  /**
   * Events that arrived before the proposal, in clock order: they apply when it
   * arrives, if they belong to its incident. Always empty once proposed.
   */
  waiting: HypothesisEvent[];
};

export function emptyHypothesis(id: string): HypothesisState {
  return {
    id,
    incidentId: null,
    proposed: null,
    fields: { statement: emptyRegister(), owner: emptyRegister(), probe: emptyRegister(), status: emptyRegister() },
    evidence: {},
    experiments: {},
    lastHlc: '',
    waiting: [],
  };
}

/** The event alone, without anything a store derived for itself: what a waiting event keeps. */
function bareEvent(e: HypothesisEvent): HypothesisEvent {
  const { id, incidentId, type, v, hlc, deviceId, deviceSeq, actor, occurredAt, payload } = e;
  return { id, incidentId, type, v, hlc, deviceId, deviceSeq, actor, occurredAt, payload } as HypothesisEvent;
}

/**
 * Applies one event. The proposal fixes the incident; after it, events of
 * other incidents or about other hypotheses leave the state as it is, and
 * before it, events wait (so arrival order cannot decide the incident).
 */
export function applyHypothesisEvent(state: HypothesisState, event: DomainEvent): HypothesisState {
  if (!isHypothesisEvent(event) || hypothesisIdOf(event) !== state.id) return state;
  if (event.type === 'hypothesis.proposed') {
    // The proposal's id is the hypothesis id, so there is only ever one; seen again, it changes nothing.
    if (state.incidentId !== null) return state;
    const proposed = applyOwnEvent({ ...state, incidentId: event.incidentId, waiting: [] }, event);
    return state.waiting.reduce(applyHypothesisEvent, proposed);
  }
  if (state.incidentId === null) {
    if (state.waiting.some((w) => w.id === event.id)) return state;
    return { ...state, waiting: [...state.waiting, bareEvent(event)].sort(compareEvents) };
  }
  return event.incidentId === state.incidentId ? applyOwnEvent(state, event) : state;
}

/** Applies an event of the hypothesis's own incident. */
function applyOwnEvent(state: HypothesisState, event: HypothesisEvent): HypothesisState {
  const lastHlc = event.hlc > state.lastHlc ? event.hlc : state.lastHlc;
  switch (event.type) {
    case 'hypothesis.proposed': {
      const p = event.payload;
      let fields = state.fields;
      fields = writeField(fields, 'statement', writeOf(event, p.statement, []));
      fields = writeField(fields, 'owner', writeOf(event, p.owner, []));
      fields = writeField(fields, 'probe', writeOf(event, p.probe, []));
      fields = writeField(fields, 'status', writeOf<StatusDecision>(event, { status: 'proposed', reason: null, by: event.actor }, []));
      return { ...state, lastHlc, proposed: { at: event.occurredAt, by: event.actor }, fields };
    }
    case 'hypothesis.changed': {
      const p = event.payload;
      let fields = state.fields;
      if (p.field === 'statement') fields = writeField(fields, 'statement', writeOf(event, p.value, p.prev));
      else if (p.field === 'owner') fields = writeField(fields, 'owner', writeOf(event, p.value, p.prev));
      else if (p.field === 'probe') fields = writeField(fields, 'probe', writeOf(event, p.value, p.prev));
      else {
        const decision: StatusDecision = { status: p.value, reason: p.reason?.trim() ? p.reason : null, by: event.actor };
        fields = writeField(fields, 'status', writeOf(event, decision, p.prev));
      }
      return fields === state.fields && lastHlc === state.lastHlc ? state : { ...state, lastHlc, fields };
    }
    case 'hypothesis.evidenceAdded': {
      if (Object.hasOwn(state.evidence, event.id)) return state;
      const p = event.payload;
      const evidence: Evidence = {
        id: event.id,
        stance: p.stance,
        text: p.text,
        entry: p.entry ?? null,
        actor: event.actor,
        occurredAt: event.occurredAt,
        hlc: event.hlc,
        deviceId: event.deviceId,
        deviceSeq: event.deviceSeq,
      };
      return { ...state, lastHlc, evidence: { ...state.evidence, [event.id]: evidence } };
    }
    case 'hypothesis.experimentRecorded': {
      if (Object.hasOwn(state.experiments, event.id)) return state;
      const p = event.payload;
      const experiment: Experiment = {
        id: event.id,
        result: p.result,
        response: p.response,
        actor: event.actor,
        occurredAt: event.occurredAt,
        hlc: event.hlc,
        deviceId: event.deviceId,
        deviceSeq: event.deviceSeq,
      };
      return { ...state, lastHlc, experiments: { ...state.experiments, [event.id]: experiment } };
    }
  }
}

/**
 * Every hypothesis of one incident, by id, from the events (any order,
 * duplicates allowed). Events of every incident are folded, as the projection
 * does, so one that names this incident's hypothesis from elsewhere cannot
 * make it look like another's. A hypothesis not yet proposed is included while
 * an event of this incident waits for it.
 */
export function foldHypotheses(incidentId: string, events: Iterable<DomainEvent>): Map<string, HypothesisState> {
  const states = new Map<string, HypothesisState>();
  for (const event of events) {
    if (!isHypothesisEvent(event)) continue;
    const id = hypothesisIdOf(event);
    states.set(id, applyHypothesisEvent(states.get(id) ?? emptyHypothesis(id), event));
  }
  for (const [id, state] of states) {
    const ours = state.incidentId === null ? state.waiting.some((e) => e.incidentId === incidentId) : state.incidentId === incidentId;
    if (!ours) states.delete(id);
  }
  return states;
}

/** The flat view the board shows: current values, where they stand in time, and fields in conflict. */
export type HypothesisSummary = {
  id: string;
  incidentId: string;
  proposedAt: string;
  proposedBy: string;
  statement: string;
  owner: string;
  probe: Probe;
  status: HypothesisStatus;
  /** Why the shown status was set, if a reason was given. */
  statusReason: string | null;
  statusBy: string;
  /** When the shown status was set (its write's occurredAt): a time box runs from entering testing. */
  statusSince: string;
  /** Head ids per field: what a new write must name as replaced. */
  heads: Record<HypothesisField, string[]>;
  conflicts: HypothesisField[];
  /** For each field in conflict, every live value, best first. */
  conflictValues: Partial<{ [F in HypothesisField]: { id: string; value: HypothesisFields[F] }[] }>;
  /** Oldest first. */
  evidence: Evidence[];
  /** Oldest first. */
  experiments: Experiment[];
  lastHlc: string;
  /**
   * How many writes the summary was folded from. Events are immutable and each
   * adds something, so an unchanged revision means an unchanged summary: cheap
   * memoisation for hundreds of cards.
   */
  revision: number;
};

function byOccurrence(a: Evidence | Experiment, b: Evidence | Experiment): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return compareEvents(a, b);
}

export function summarizeHypothesis(state: HypothesisState): HypothesisSummary | null {
  if (!state.proposed || state.incidentId === null) return null;
  const heads = {} as Record<HypothesisField, string[]>;
  const conflicts: HypothesisField[] = [];
  const conflictValues: Record<string, { id: string; value: unknown }[]> = {};
  const values = {} as Record<HypothesisField, unknown>;
  let statusSince = state.proposed.at;
  for (const field of HYPOTHESIS_FIELDS) {
    const read = readRegister<unknown>(state.fields[field]);
    if (!read) return null;
    values[field] = read.value;
    if (field === 'status') statusSince = read.heads[0]?.at ?? statusSince;
    heads[field] = read.heads.map((h) => h.id);
    if (read.heads.length > 1) {
      conflicts.push(field);
      conflictValues[field] = read.heads.map((h) => ({ id: h.id, value: h.value }));
    }
  }
  const v = values as HypothesisFields;
  return {
    id: state.id,
    incidentId: state.incidentId,
    proposedAt: state.proposed.at,
    proposedBy: state.proposed.by,
    statement: v.statement,
    owner: v.owner,
    probe: v.probe,
    status: v.status.status,
    statusReason: v.status.reason,
    statusBy: v.status.by,
    statusSince,
    heads,
    conflicts,
    conflictValues: conflictValues as HypothesisSummary['conflictValues'],
    evidence: Object.values(state.evidence).sort(byOccurrence),
    experiments: Object.values(state.experiments).sort(byOccurrence),
    lastHlc: state.lastHlc,
    revision:
      HYPOTHESIS_FIELDS.reduce((n, field) => n + Object.keys(state.fields[field].writes).length, 0) +
      Object.keys(state.evidence).length +
      Object.keys(state.experiments).length,
  };
}

/** Still in play: worth a person's time (and a reason to keep its owner in the room). */
export function isLive(status: HypothesisStatus): boolean {
  return status === 'proposed' || status === 'testing';
}

/** A verdict: leaving it overturns a conclusion, so it needs a reason on the record. */
export function isVerdict(status: HypothesisStatus): boolean {
  return status === 'confirmed' || status === 'refuted';
}

export type StatusChangeProblem = 'unchanged' | 'reasonRequired' | 'reasonTooLong';

/**
 * Whether a move is allowed. Any move is, except staying put, and overturning a
 * verdict (leaving confirmed or refuted) without saying why: dead ends matter to
 * the post-mortem, and so does why one was reopened.
 */
export function statusChangeProblem(
  from: HypothesisStatus,
  to: HypothesisStatus,
  reason: string | null | undefined,
): StatusChangeProblem | null {
  if (from === to) return 'unchanged';
  const given = (reason ?? '').trim();
  if (given.length > LIMITS.reason) return 'reasonTooLong';
  if (isVerdict(from) && given.length === 0) return 'reasonRequired';
  return null;
}

export type TimeBoxState =
  | { kind: 'none' }
  | { kind: 'running'; endsAtMs: number; remainingMs: number }
  | { kind: 'over'; endsAtMs: number; overMs: number };

/** The probe's time box, which runs only while testing, from when the hypothesis entered testing. */
export function timeBoxState(
  summary: Pick<HypothesisSummary, 'status' | 'statusSince' | 'probe'>,
  nowMs: number,
): TimeBoxState {
  if (summary.status !== 'testing') return { kind: 'none' };
  const boxMs = summary.probe.timeBoxMinutes * 60_000;
  const endsAtMs = Date.parse(summary.statusSince) + boxMs;
  // A clock read a tick ago, or a console whose clock is ahead, would otherwise show more left than the box holds.
  return nowMs < endsAtMs ? { kind: 'running', endsAtMs, remainingMs: Math.min(endsAtMs - nowMs, boxMs) } : { kind: 'over', endsAtMs, overMs: nowMs - endsAtMs };
}

/**
 * Whether a hypothesis as it stands may move to `to`. While its status is in
 * conflict, every live value counts as "from": a move then also settles the
 * conflict, so it is never "unchanged", but overturning any verdict among
 * them still needs a reason.
 */
export function moveProblem(
  summary: Pick<HypothesisSummary, 'status' | 'conflictValues'>,
  to: HypothesisStatus,
  reason: string | null | undefined,
): StatusChangeProblem | null {
  const live = summary.conflictValues.status?.map((c) => c.value.status) ?? [summary.status];
  if (live.length === 1) return statusChangeProblem(live[0]!, to, reason);
  const problems = live.filter((from) => from !== to).map((from) => statusChangeProblem(from, to, reason));
  return problems.find((p) => p !== null) ?? null;
}

export type HypothesisDraft = {
  statement: string;
  owner: string;
  action: string;
  expectation: string;
  /** As typed: whole minutes. */
  timeBox: string;
};

export type DraftField = 'statement' | 'owner' | 'action' | 'expectation' | 'timeBox';
export type DraftProblem = 'required' | 'tooLong' | 'timeBoxInvalid';
export type DraftCheck =
  | { ok: true; value: { statement: string; owner: string; probe: Probe } }
  | { ok: false; problems: Partial<Record<DraftField, DraftProblem>> };

/** Cleans and checks what a person typed for a hypothesis and its probe. */
export function checkHypothesisDraft(draft: HypothesisDraft): DraftCheck {
  const statement = cleanLine(draft.statement);
  const owner = cleanLine(draft.owner);
  const action = cleanMultiline(draft.action);
  const expectation = cleanMultiline(draft.expectation);
  const problems: Partial<Record<DraftField, DraftProblem>> = {};
  if (!statement) problems.statement = 'required';
  else if (statement.length > LIMITS.hypothesis) problems.statement = 'tooLong';
  if (!owner) problems.owner = 'required';
  else if (owner.length > LIMITS.personName) problems.owner = 'tooLong';
  if (action.length > LIMITS.probeText) problems.action = 'tooLong';
  if (expectation.length > LIMITS.probeText) problems.expectation = 'tooLong';
  const minutes = parseTimeBox(draft.timeBox);
  if (minutes === null) problems.timeBox = 'timeBoxInvalid';
  if (Object.keys(problems).length > 0 || minutes === null) return { ok: false, problems };
  return { ok: true, value: { statement, owner, probe: { action, expectation, timeBoxMinutes: minutes } } };
}

/** Whole minutes from 1 to MAX_TIME_BOX_MINUTES, as digits only ("20", not "20.5", "2e1" or "-5"). */
export function parseTimeBox(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes >= 1 && minutes <= MAX_TIME_BOX_MINUTES ? minutes : null;
}
