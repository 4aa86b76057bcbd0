/** Placeholder: how hypothesis events read on the timeline. */
import type { EventOf } from '@shared/domain/events';

export type HypothesisEvent = EventOf<'hypothesis.proposed' | 'hypothesis.changed' | 'hypothesis.evidenceAdded' | 'hypothesis.experimentRecorded'>;

export function describeHypothesisEvent(event: HypothesisEvent): string {
  return event.type === 'hypothesis.proposed' ? event.payload.statement : event.payload.about;
}
