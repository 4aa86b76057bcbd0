/**
 * The hypothesis projection: one row per hypothesis, holding its folded state
 * (so new events apply to it whatever order they come in) and the summary the
 * board reads. Pass only events new to the log, inside the write transaction.
 */
import type { DomainEvent } from '@shared/domain/events';
import {
  applyHypothesisEvent,
  emptyHypothesis,
  hypothesisIdOf,
  isHypothesisEvent,
  summarizeHypothesis,
  type HypothesisState,
} from '@shared/domain/hypothesis';

import type { WarroomDatabase } from './database';
import { tableProjection } from './projection';
import type { HypothesisRow } from './types';

export const hypothesisProjection = tableProjection('hypotheses', projectHypotheses);

async function projectHypotheses(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const relevant = events.filter(isHypothesisEvent);
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map(hypothesisIdOf))];
  const existing = await db.hypotheses.bulkGet(ids);
  const states = new Map<string, HypothesisState>();
  ids.forEach((id, i) => {
    const row = existing[i];
    if (row) states.set(id, row.state);
  });
  const touched = new Set<string>();
  for (const event of relevant) {
    const id = hypothesisIdOf(event);
    // Only the proposal fixes the incident (the fold keeps earlier events waiting for it), whatever arrives first.
    const current = states.get(id) ?? emptyHypothesis(id);
    const next = applyHypothesisEvent(current, event);
    states.set(id, next);
    if (next !== current) touched.add(id);
  }
  const rows: HypothesisRow[] = [...touched].map((id) => {
    const state = states.get(id)!;
    const summary = summarizeHypothesis(state);
    const row: HypothesisRow = { id, incidentId: state.incidentId ?? '', state, summary };
    if (summary?.conflicts.length) row.conflicted = 1;
    return row;
  });
  if (rows.length) await db.hypotheses.bulkPut(rows);
}
