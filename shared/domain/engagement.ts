/**
 * The engagement cycle, the one rule every reader of `participant.engaged`
 * steps follows (the roster, the post-mortem, the metrics): a person is
 * paged, acknowledges, joins and is released. Steps are ordered by when they
 * happened, then by clock; a release closes a cycle and the next step of any
 * kind opens a new one. Within a cycle a step recorded twice keeps its first
 * time (a release its last), and a step recorded late (an acknowledgement
 * after joining) does not move the person back.
 */
import type { EngagementStep } from './events';
import { byKeys } from './order';
import { nameKey } from './text';

/** One recorded step, whatever the reader keeps beside it. */
export type StepRecord = { id: string; hlc: string; person: string; step: EngagementStep; reason?: string };

export type EngagementCycle = {
  /** The name as last written in this cycle. */
  name: string;
  /** The furthest step reached. */
  step: EngagementStep;
  /** When the furthest step was reached. */
  since: string;
  /** Times of the cycle's steps; null when the step was skipped or not reached. */
  pagedAt: string | null;
  acknowledgedAt: string | null;
  joinedAt: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
};

export type PersonCycles = {
  /** `nameKey` of the name: people are the same person whatever the case or spacing of their name. */
  key: string;
  /** As last written. */
  name: string;
  /** In time order; the last is the current one. */
  cycles: EngagementCycle[];
};

const STEP_RANK: Record<EngagementStep, number> = { paged: 0, acknowledged: 1, joined: 2, released: 3 };

/**
 * Every person's cycles, people in the order of their first step. `timeOf`
 * reads when a step happened: readers keep it under different names.
 */
export function engagementCycles<S extends StepRecord>(steps: Iterable<S>, timeOf: (step: S) => string): PersonCycles[] {
  const ordered = [...steps].sort(byKeys(timeOf, (s) => s.hlc, (s) => s.id));
  const people = new Map<string, PersonCycles>();
  for (const step of ordered) {
    const key = nameKey(step.person);
    let person = people.get(key);
    if (!person) people.set(key, (person = { key, name: step.person, cycles: [] }));
    person.name = step.person;
    const at = timeOf(step);
    let cycle = person.cycles.at(-1);
    if (!cycle || cycle.step === 'released') {
      cycle = { name: step.person, step: step.step, since: at, pagedAt: null, acknowledgedAt: null, joinedAt: null, releasedAt: null, releaseReason: null };
      person.cycles.push(cycle);
    }
    cycle.name = step.person;
    switch (step.step) {
      case 'paged':
        // Paging again before an answer keeps the first page: time to acknowledge runs from it.
        cycle.pagedAt ??= at;
        break;
      case 'acknowledged':
        cycle.acknowledgedAt ??= at;
        break;
      case 'joined':
        cycle.joinedAt ??= at;
        break;
      case 'released':
        cycle.releasedAt = at;
        cycle.releaseReason = step.reason ?? null;
        break;
    }
    if (STEP_RANK[step.step] >= STEP_RANK[cycle.step]) {
      if (step.step !== cycle.step) cycle.since = at;
      cycle.step = step.step;
    }
  }
  return [...people.values()];
}
