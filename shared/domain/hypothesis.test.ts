import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, HYPOTHESIS_STATUSES, parseEvent, type DomainEvent, type EventType, type PayloadOf } from './events';
import { receiveHlc, tickHlc } from './hlc';
import {
  applyHypothesisEvent,
  checkHypothesisDraft,
  emptyHypothesis,
  foldHypotheses,
  moveProblem,
  parseTimeBox,
  statusChangeProblem,
  summarizeHypothesis,
  timeBoxState,
  type HypothesisState,
  type HypothesisSummary,
} from './hypothesis';

const DEVICES = ['aaaaaaaa01', 'bbbbbbbb02', 'cccccccc03'];
const BASE_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
const INCIDENT = `${DEVICES[0]}:1`;

type Step =
  | { op: 'propose'; device: number }
  | { op: 'status'; device: number; pick: number; status: number }
  | { op: 'statement'; device: number; pick: number; text: string }
  | { op: 'evidence'; device: number; pick: number; stance: 'for' | 'against' }
  | { op: 'experiment'; device: number; pick: number; response: 'amplified' | 'dampened' }
  | { op: 'sync'; device: number; from: number }
  | { op: 'wait'; ms: number };

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('propose' as const), device }),
  fc.record({ op: fc.constant('status' as const), device, pick: fc.nat(), status: fc.integer({ min: 0, max: HYPOTHESIS_STATUSES.length - 1 }) }),
  fc.record({ op: fc.constant('statement' as const), device, pick: fc.nat(), text: fc.constantFrom('DNS broke', 'Cache cold', 'Cert expired') }),
  fc.record({ op: fc.constant('evidence' as const), device, pick: fc.nat(), stance: fc.constantFrom('for' as const, 'against' as const) }),
  fc.record({ op: fc.constant('experiment' as const), device, pick: fc.nat(), response: fc.constantFrom('amplified' as const, 'dampened' as const) }),
  fc.record({ op: fc.constant('sync' as const), device, from: device }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 })) }),
);

/** Several consoles with skewed clocks, each writing over what it has seen, exchanging events now and then. */
function runSteps(skews: readonly number[], steps: readonly Step[]): DomainEvent[] {
  let wall = BASE_MS;
  const seqs = DEVICES.map(() => 1);
  const clocks: (string | null)[] = DEVICES.map(() => null);
  const known: Map<string, DomainEvent>[] = DEVICES.map(() => new Map());
  const all: DomainEvent[] = [];
  const emit = <T extends EventType>(d: number, type: T, payload: PayloadOf<T>) => {
    const hlc = tickHlc(clocks[d]!, wall + skews[d]!);
    clocks[d] = hlc;
    const seq = ++seqs[d]!;
    const raw = {
      id: `${DEVICES[d]}:${seq}`,
      incidentId: INCIDENT,
      type,
      v: CURRENT_VERSION[type],
      hlc,
      deviceId: DEVICES[d]!,
      deviceSeq: seq,
      actor: `Person ${d}`,
      occurredAt: new Date(wall).toISOString(),
      payload,
    };
    const parsed = parseEvent(raw);
    if (parsed.status !== 'valid') throw new Error(`generated an invalid event: ${JSON.stringify(parsed)}`);
    known[d]!.set(parsed.event.id, parsed.event);
    all.push(parsed.event);
  };
  const seen = (d: number): HypothesisSummary[] =>
    [...foldHypotheses(INCIDENT, known[d]!.values()).values()].flatMap((s) => summarizeHypothesis(s) ?? []);

  for (const step of steps) {
    if (step.op === 'wait') {
      wall += step.ms;
      continue;
    }
    if (step.op === 'sync') {
      for (const e of known[step.from]!.values()) {
        if (!known[step.device]!.has(e.id)) {
          clocks[step.device] = receiveHlc(clocks[step.device]!, e.hlc, wall + skews[step.device]!).hlc;
          known[step.device]!.set(e.id, e);
        }
      }
      continue;
    }
    const d = step.device;
    if (step.op === 'propose') {
      emit(d, 'hypothesis.proposed', { statement: `H${all.length}`, owner: `Owner ${d}`, probe: { action: 'look', expectation: 'see', timeBoxMinutes: 15 } });
      continue;
    }
    const mine = seen(d);
    if (mine.length === 0) continue;
    const h = mine[step.pick % mine.length]!;
    const base = { target: h.id, about: h.statement };
    if (step.op === 'status') {
      emit(d, 'hypothesis.changed', { ...base, field: 'status', value: HYPOTHESIS_STATUSES[step.status]!, prev: h.heads.status, reason: 'because' });
    } else if (step.op === 'statement') {
      emit(d, 'hypothesis.changed', { ...base, field: 'statement', value: step.text, prev: h.heads.statement });
    } else if (step.op === 'evidence') {
      emit(d, 'hypothesis.evidenceAdded', { ...base, stance: step.stance, text: 'seen in logs' });
    } else {
      emit(d, 'hypothesis.experimentRecorded', { ...base, result: 'rolled back', response: step.response });
    }
  }
  return all;
}

const historyArb = fc
  .tuple(
    fc.tuple(fc.integer({ min: -86_400_000, max: 86_400_000 }), fc.integer({ min: -120_000, max: 120_000 }), fc.integer({ min: -86_400_000, max: 86_400_000 })),
    fc.array(stepArb, { minLength: 1, maxLength: 60 }),
  )
  .map(([skews, steps]) => runSteps(skews, steps));

const shuffled = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

const summaries = (events: Iterable<DomainEvent>) =>
  [...foldHypotheses(INCIDENT, events).values()]
    .map(summarizeHypothesis)
    .sort((a, b) => ((a?.id ?? '') < (b?.id ?? '') ? -1 : 1));

describe('hypothesis fold', () => {
  it('folds shuffled event sets to the same hypotheses', () => {
    fc.assert(
      fc.property(
        historyArb.chain((events) => fc.tuple(fc.constant(events), shuffled(events))),
        ([events, order]) => {
          expect(foldHypotheses(INCIDENT, order)).toEqual(foldHypotheses(INCIDENT, events));
          expect(summaries(order)).toEqual(summaries(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores duplicated events', () => {
    fc.assert(
      fc.property(
        historyArb.filter((e) => e.length > 0).chain((events) => fc.tuple(fc.constant(events), fc.array(fc.constantFrom(...events), { maxLength: 30 }))),
        ([events, dups]) => {
          expect(summaries([...dups, ...events, ...dups])).toEqual(summaries(events));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applying events one at a time onto a folded prefix equals a full refold', () => {
    fc.assert(
      fc.property(
        historyArb.chain((events) => fc.tuple(fc.constant(events), shuffled(events), fc.nat({ max: 60 }))),
        ([events, order, cut]) => {
          const states = foldHypotheses(INCIDENT, order.slice(0, cut));
          for (const event of order.slice(cut)) {
            const id = event.type === 'hypothesis.proposed' ? event.id : (event.payload as { target: string }).target;
            states.set(id, applyHypothesisEvent(states.get(id) ?? emptyHypothesis(id), event));
          }
          expect(states).toEqual(foldHypotheses(INCIDENT, events));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('events naming a hypothesis from another incident never apply to it, whatever order they arrive in', () => {
    const OTHER = 'dddddddd04:1';
    // A bad peer replays some of the changes under the other incident, with its own ids.
    const forgedArb = historyArb.chain((events) =>
      fc
        .subarray(events.filter((e) => e.type !== 'hypothesis.proposed'))
        .map((picked) => picked.map((e, i): DomainEvent => ({ ...e, id: `dddddddd04:${i + 2}`, deviceId: 'dddddddd04', deviceSeq: i + 2, incidentId: OTHER })))
        .chain((forged) => fc.tuple(fc.constant(events), fc.constant(forged), shuffled([...events, ...forged]))),
    );
    fc.assert(
      fc.property(forgedArb, ([events, forged, order]) => {
        const expected = foldHypotheses(INCIDENT, events);
        expect(foldHypotheses(INCIDENT, order)).toEqual(expected);
        // As the projection does it: one event at a time, each hypothesis started by whichever event names it first.
        const rows = new Map<string, HypothesisState>();
        for (const event of order) {
          const id = event.type === 'hypothesis.proposed' ? event.id : (event.payload as { target: string }).target;
          rows.set(id, applyHypothesisEvent(rows.get(id) ?? emptyHypothesis(id), event));
        }
        expect(rows).toEqual(expected);
        expect(foldHypotheses(OTHER, order).size).toBe(0);
        expect(forged.length === 0 || foldHypotheses(OTHER, forged).size > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a status write never loses to one it replaced, and every live value of a conflict is kept', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const replaced = new Set<string>();
        for (const e of events) if (e.type === 'hypothesis.changed' && e.payload.field === 'status') e.payload.prev.forEach((p) => replaced.add(p));
        for (const summary of summaries(events)) {
          if (!summary) continue;
          for (const head of summary.heads.status) expect(replaced.has(head)).toBe(false);
          expect(summary.conflicts.includes('status')).toBe(summary.heads.status.length > 1);
          if (summary.heads.status.length > 1) expect(summary.conflictValues.status!.map((c) => c.id)).toEqual(summary.heads.status);
        }
      }),
      { numRuns: 200 },
    );
  });
});

function event<T extends EventType>(type: T, seq: number, payload: PayloadOf<T>, at = BASE_MS + seq * 60_000, deviceId = DEVICES[0]!): DomainEvent {
  const parsed = parseEvent({
    id: `${deviceId}:${seq}`,
    incidentId: INCIDENT,
    type,
    v: CURRENT_VERSION[type],
    hlc: tickHlc(null, at),
    deviceId,
    deviceSeq: seq,
    actor: 'Ana',
    occurredAt: new Date(at).toISOString(),
    payload,
  });
  if (parsed.status !== 'valid') throw new Error(JSON.stringify(parsed));
  return parsed.event;
}

const proposal = event('hypothesis.proposed', 2, {
  statement: 'The 14:02 config push broke DNS',
  owner: 'Ana',
  probe: { action: 'Roll back the push', expectation: 'Resolution recovers', timeBoxMinutes: 20 },
});
const hid = proposal.id;
const about = 'The 14:02 config push broke DNS';

describe('hypothesis summary', () => {
  it('waits for the proposal, then shows it with everything that arrived before it', () => {
    const evidence = event('hypothesis.evidenceAdded', 3, { target: hid, about, stance: 'for', text: 'NXDOMAIN spikes at 14:03' });
    expect(summarizeHypothesis(foldHypotheses(INCIDENT, [evidence]).get(hid)!)).toBeNull();
    const summary = summarizeHypothesis(foldHypotheses(INCIDENT, [evidence, proposal]).get(hid)!)!;
    expect(summary).toMatchObject({ statement: about, owner: 'Ana', status: 'proposed', statusSince: proposal.occurredAt, proposedBy: 'Ana' });
    expect(summary.evidence.map((e) => e.text)).toEqual(['NXDOMAIN spikes at 14:03']);
  });

  it('orders evidence and experiments by when they happened, and keeps the status reason and its time', () => {
    const testing = event('hypothesis.changed', 3, { target: hid, about, field: 'status', value: 'testing', prev: [hid] });
    const late = event('hypothesis.evidenceAdded', 5, { target: hid, about, stance: 'against', text: 'second' });
    const early = event('hypothesis.evidenceAdded', 4, { target: hid, about, stance: 'for', text: 'first' });
    const refuted = event('hypothesis.changed', 6, { target: hid, about, field: 'status', value: 'refuted', prev: [testing.id], reason: 'DNS fine after rollback' });
    const experiment = event('hypothesis.experimentRecorded', 7, { target: hid, about, result: 'rolled back, no change', response: 'dampened' });
    const summary = summarizeHypothesis(foldHypotheses(INCIDENT, [experiment, refuted, late, early, testing, proposal]).get(hid)!)!;
    expect(summary.evidence.map((e) => e.text)).toEqual(['first', 'second']);
    expect(summary.experiments.map((e) => [e.result, e.response])).toEqual([['rolled back, no change', 'dampened']]);
    expect(summary).toMatchObject({ status: 'refuted', statusReason: 'DNS fine after rollback', statusSince: refuted.occurredAt });
  });

  it('shows two concurrent changes of one field as a conflict, with both values', () => {
    const a = event('hypothesis.changed', 3, { target: hid, about, field: 'owner', value: 'Bea', prev: [hid] });
    const b = event('hypothesis.changed', 3, { target: hid, about, field: 'owner', value: 'Carl', prev: [hid] }, BASE_MS + 3 * 60_000, DEVICES[1]);
    const summary = summarizeHypothesis(foldHypotheses(INCIDENT, [proposal, a, b]).get(hid)!)!;
    expect(summary.conflicts).toEqual(['owner']);
    expect(summary.conflictValues.owner!.map((c) => c.value).sort()).toEqual(['Bea', 'Carl']);
  });

  it('takes its incident from the proposal even when another incident\'s event arrives first', () => {
    const other = `${DEVICES[2]}:1`;
    const forged = { ...event('hypothesis.changed', 3, { target: hid, about, field: 'owner', value: 'Mallory', prev: [hid] }, BASE_MS, DEVICES[2]), incidentId: other };
    const own = event('hypothesis.evidenceAdded', 4, { target: hid, about, stance: 'for', text: 'NXDOMAIN spikes at 14:03' });
    let state = emptyHypothesis(hid);
    for (const e of [forged, own, proposal]) state = applyHypothesisEvent(state, e);
    expect(state).toEqual(foldHypotheses(INCIDENT, [proposal, own, forged]).get(hid));
    expect(state.waiting).toEqual([]);
    expect(summarizeHypothesis(state)).toMatchObject({ incidentId: INCIDENT, owner: 'Ana', evidence: [{ text: 'NXDOMAIN spikes at 14:03' }] });
    expect(foldHypotheses(other, [forged, own, proposal]).size).toBe(0);
  });

  it('ignores events of another incident', () => {
    const foreign = { ...event('hypothesis.evidenceAdded', 3, { target: hid, about, stance: 'for', text: 'x' }), incidentId: `${DEVICES[2]}:1` };
    const state = foldHypotheses(INCIDENT, [proposal]).get(hid)!;
    expect(applyHypothesisEvent(state, foreign)).toBe(state);
  });
});

describe('status moves', () => {
  it('allows any move except staying put', () => {
    expect(statusChangeProblem('proposed', 'testing', null)).toBeNull();
    expect(statusChangeProblem('testing', 'refuted', undefined)).toBeNull();
    expect(statusChangeProblem('parked', 'testing', '')).toBeNull();
    expect(statusChangeProblem('testing', 'testing', 'why')).toBe('unchanged');
  });

  it('needs a reason to overturn a verdict', () => {
    for (const from of ['refuted', 'confirmed'] as const) {
      for (const to of ['proposed', 'testing', 'parked'] as const) {
        expect(statusChangeProblem(from, to, null)).toBe('reasonRequired');
        expect(statusChangeProblem(from, to, '   ')).toBe('reasonRequired');
        expect(statusChangeProblem(from, to, 'New logs show DNS errors again')).toBeNull();
      }
    }
    expect(statusChangeProblem('refuted', 'testing', 'x'.repeat(1001))).toBe('reasonTooLong');
  });

  it('while the status is in conflict, moving to either value settles it, but a verdict among them still needs a reason', () => {
    const conflicted = {
      status: 'refuted' as const,
      conflictValues: {
        status: [
          { id: 'a:1', value: { status: 'refuted' as const, reason: null, by: 'A' } },
          { id: 'b:1', value: { status: 'testing' as const, reason: null, by: 'B' } },
        ],
      },
    };
    expect(moveProblem(conflicted, 'refuted', null)).toBeNull();
    expect(moveProblem(conflicted, 'testing', null)).toBe('reasonRequired');
    expect(moveProblem(conflicted, 'testing', 'logs')).toBeNull();
  });
});

describe('time box', () => {
  const since = new Date(BASE_MS).toISOString();
  const probe = { action: '', expectation: '', timeBoxMinutes: 20 };
  it('runs only while testing, from when testing began', () => {
    expect(timeBoxState({ status: 'proposed', statusSince: since, probe }, BASE_MS + 3_600_000)).toEqual({ kind: 'none' });
    expect(timeBoxState({ status: 'testing', statusSince: since, probe }, BASE_MS + 5 * 60_000)).toEqual({
      kind: 'running',
      endsAtMs: BASE_MS + 20 * 60_000,
      remainingMs: 15 * 60_000,
    });
    expect(timeBoxState({ status: 'testing', statusSince: since, probe }, BASE_MS + 32 * 60_000)).toEqual({
      kind: 'over',
      endsAtMs: BASE_MS + 20 * 60_000,
      overMs: 12 * 60_000,
    });
    expect(timeBoxState({ status: 'testing', statusSince: since, probe }, BASE_MS + 20 * 60_000).kind).toBe('over');
  });

  it('never has more left than the box holds, when testing began after the clock that reads it (a tick behind, or another console ahead)', () => {
    expect(timeBoxState({ status: 'testing', statusSince: since, probe }, BASE_MS - 25_000)).toEqual({
      kind: 'running',
      endsAtMs: BASE_MS + 20 * 60_000,
      remainingMs: 20 * 60_000,
    });
  });
});

describe('draft checks', () => {
  const ok = { statement: ' The push broke DNS ', owner: 'Ana', action: 'roll back', expectation: 'recovers', timeBox: '20' };
  it('cleans good input', () => {
    expect(checkHypothesisDraft({ ...ok, statement: 'The push\nbroke\u0007 DNS' })).toEqual({
      ok: true,
      value: { statement: 'The push broke DNS', owner: 'Ana', probe: { action: 'roll back', expectation: 'recovers', timeBoxMinutes: 20 } },
    });
  });
  it('names every bad field', () => {
    expect(checkHypothesisDraft({ statement: '  ', owner: '', action: 'x'.repeat(2001), expectation: '', timeBox: '0' })).toEqual({
      ok: false,
      problems: { statement: 'required', owner: 'required', action: 'tooLong', timeBox: 'timeBoxInvalid' },
    });
    expect(checkHypothesisDraft({ ...ok, statement: 'x'.repeat(501), owner: 'y'.repeat(101) })).toMatchObject({
      problems: { statement: 'tooLong', owner: 'tooLong' },
    });
  });
  it('takes time boxes only as whole minutes within bounds', () => {
    expect(['1', ' 20 ', '1440'].map(parseTimeBox)).toEqual([1, 20, 1440]);
    expect(['', '0', '-5', '2.5', '2e1', '1441', 'abc', '0x10', '99999999'].map(parseTimeBox)).toEqual(Array(9).fill(null));
  });
});
