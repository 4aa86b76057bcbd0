/**
 * Generates realistic multi-device incident histories for property tests:
 * several consoles with skewed clocks, each acting on what it has seen so far
 * (so `prev` names what that console really saw), and exchanging events now and then.
 */
import fc from 'fast-check';

import { CURRENT_VERSION, STATUSES, ENTRY_KINDS, type DomainEvent } from '../domain/events';
import { receiveHlc, tickHlc } from '../domain/hlc';
import { foldIncident, summarizeIncident } from '../domain/incident';
import { buildTimeline } from '../domain/timeline';

const DEVICES = ['aaaaaaaa01', 'bbbbbbbb02', 'cccccccc03'];
const BASE_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

export type Step =
  | { op: 'status'; device: number; status: number }
  | { op: 'title'; device: number; title: string }
  | { op: 'entry'; device: number; kind: number; backdateMs: number }
  | { op: 'correct'; device: number; pick: number }
  | { op: 'strike'; device: number; pick: number }
  | { op: 'sync'; device: number; from: number }
  | { op: 'wait'; ms: number };

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('status' as const), device, status: fc.integer({ min: 0, max: STATUSES.length - 1 }) }),
  fc.record({ op: fc.constant('title' as const), device, title: fc.constantFrom('DNS down', 'API slow', 'Login fails') }),
  fc.record({
    op: fc.constant('entry' as const),
    device,
    kind: fc.integer({ min: 0, max: ENTRY_KINDS.length - 1 }),
    backdateMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_600_000 })),
  }),
  fc.record({ op: fc.constant('correct' as const), device, pick: fc.nat() }),
  fc.record({ op: fc.constant('strike' as const), device, pick: fc.nat() }),
  fc.record({ op: fc.constant('sync' as const), device, from: device }),
  // Zero-length waits matter: they produce clock ties.
  fc.record({ op: fc.constant('wait' as const), ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 })) }),
);

export type History = { events: DomainEvent[]; incidentId: string };

export const skewsArb = fc.tuple(
  fc.integer({ min: -86_400_000, max: 86_400_000 }),
  fc.integer({ min: -120_000, max: 120_000 }),
  fc.integer({ min: -86_400_000, max: 86_400_000 }),
);

export const historyArb: fc.Arbitrary<History> = fc
  .tuple(skewsArb, fc.array(stepArb, { minLength: 1, maxLength: 60 }))
  .map(([skews, steps]) => runSteps(skews, steps));

export function runSteps(skews: readonly number[], steps: readonly Step[]): History {
  let wall = BASE_MS;
  const seqs = DEVICES.map(() => 0);
  const clocks: (string | null)[] = DEVICES.map(() => null);
  const known: Map<string, DomainEvent>[] = DEVICES.map(() => new Map());
  const all: DomainEvent[] = [];
  const incidentId = `${DEVICES[0]}:1`;

  const emit = (d: number, type: DomainEvent['type'], payload: unknown, occurredMs?: number) => {
    const deviceId = DEVICES[d]!;
    const local = wall + skews[d]!;
    clocks[d] = tickHlc(clocks[d]!, local);
    seqs[d]! += 1;
    const event = {
      id: `${deviceId}:${seqs[d]}`,
      incidentId,
      type,
      v: CURRENT_VERSION[type],
      hlc: clocks[d]!,
      deviceId,
      deviceSeq: seqs[d]!,
      actor: `person ${d}`,
      occurredAt: new Date(occurredMs ?? local).toISOString(),
      payload,
    } as DomainEvent;
    known[d]!.set(event.id, event);
    all.push(event);
  };

  emit(0, 'incident.declared', {
    title: 'Checkout errors',
    kind: 'service',
    services: ['checkout'],
    impact: 'organisation',
    urgency: 'missionCritical',
    priority: 'P1',
    tier: 'normal',
    declaredBy: 'person 0',
    drill: false,
  });

  for (const step of steps) {
    if (step.op === 'wait') {
      wall += step.ms;
      continue;
    }
    const d = step.device;
    const seen = [...known[d]!.values()];
    const state = summarizeIncident(foldIncident(incidentId, seen));
    if (step.op === 'sync') {
      for (const event of known[step.from]!.values()) {
        if (known[d]!.has(event.id)) continue;
        known[d]!.set(event.id, event);
        clocks[d] = receiveHlc(clocks[d]!, event.hlc, wall + skews[d]!).hlc;
      }
      continue;
    }
    if (step.op === 'entry') {
      emit(d, 'timeline.entryLogged', { kind: ENTRY_KINDS[step.kind], text: `entry ${all.length}` }, wall + skews[d]! - step.backdateMs);
      continue;
    }
    if (!state) continue; // this console has not seen the declaration yet
    if (step.op === 'status') {
      emit(d, 'incident.fieldChanged', { field: 'status', value: STATUSES[step.status], prev: state.heads.status });
    } else if (step.op === 'title') {
      emit(d, 'incident.fieldChanged', { field: 'title', value: step.title, prev: state.heads.title });
    } else {
      const entries = buildTimeline(incidentId, seen).filter((item) => item.entry);
      const target = entries[step.pick % Math.max(1, entries.length)];
      if (!target?.entry) continue;
      if (step.op === 'correct') {
        emit(d, 'timeline.entryCorrected', {
          target: target.event.id,
          kind: target.entry.kind,
          text: `${target.entry.text} (corrected)`,
          prev: target.entry.headIds,
        });
      } else {
        emit(d, 'timeline.entryStruck', { target: target.event.id, reason: 'logged in error' });
      }
    }
  }
  return { events: all, incidentId };
}
