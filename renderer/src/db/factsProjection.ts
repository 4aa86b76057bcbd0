/**
 * What the metrics need of each incident, one row per incident, folded as
 * events arrive so the dashboard reads one small row per incident instead of
 * every event. Pass only events new to the log, inside the write.
 */
import type { DomainEvent } from '@shared/domain/events';
import { applyFactsEvent, emptyFacts } from '@shared/domain/metrics/facts';

import type { WarroomDatabase } from './database';
import { tableProjection } from './projection';

export const factsProjection = tableProjection('incidentFacts', projectFacts);

async function projectFacts(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((e) => e.incidentId))];
  const existing = await db.incidentFacts.bulkGet(ids);
  const facts = new Map(ids.map((id, i) => [id, existing[i]?.facts ?? emptyFacts(id)]));
  // Most events (entries after the first, hypotheses, the review) change nothing the metrics read: leave those rows alone.
  const changed = new Set<string>();
  for (const event of events) {
    const before = facts.get(event.incidentId)!;
    const after = applyFactsEvent(before, event);
    if (after === before) continue;
    facts.set(event.incidentId, after);
    changed.add(event.incidentId);
  }
  if (changed.size) await db.incidentFacts.bulkPut([...changed].map((incidentId) => ({ incidentId, facts: facts.get(incidentId)! })));
}
