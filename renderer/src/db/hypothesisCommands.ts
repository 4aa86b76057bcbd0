/**
 * What a person can do to a hypothesis, as events. Input is cleaned and checked
 * here (the one place all of it passes); anything refused throws before a
 * single event is written, and the event schema has the last word.
 */
import type { EventOf, EvidenceStance, ExperimentResponse, HypothesisStatus, PayloadOf } from '@shared/domain/events';
import {
  checkHypothesisDraft,
  moveProblem,
  type DraftField,
  type DraftProblem,
  type HypothesisDraft,
  type HypothesisField,
  type HypothesisSummary,
  type Probe,
  type StatusChangeProblem,
} from '@shared/domain/hypothesis';
import { LIMITS, cleanLine, cleanMultiline } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import { appendLocal, type Clock } from './eventStore';

/** Refused input: which fields, and what is wrong with each. Nothing was written. */
export class HypothesisInputError extends Error {
  constructor(readonly problems: Partial<Record<DraftField | 'text' | 'result' | 'entry', DraftProblem | 'notAnEntry'>>) {
    super(`Refused hypothesis input: ${Object.entries(problems).map(([field, problem]) => `${field} ${problem}`).join(', ')}`);
    this.name = 'HypothesisInputError';
  }
}

/** A refused move between statuses. Nothing was written. */
export class HypothesisMoveError extends Error {
  constructor(readonly problem: StatusChangeProblem) {
    super(`Refused hypothesis move: ${problem}`);
    this.name = 'HypothesisMoveError';
  }
}

export class NoSuchHypothesisError extends Error {
  constructor(readonly hypothesisId: string) {
    super(`No hypothesis ${hypothesisId} on this console`);
    this.name = 'NoSuchHypothesisError';
  }
}

type HypothesisPayload = PayloadOf<'hypothesis.changed' | 'hypothesis.evidenceAdded' | 'hypothesis.experimentRecorded'>;

/**
 * Reads the hypothesis and writes what `build` makes of it, in one transaction:
 * a quick second change replaces the first rather than racing it into a conflict.
 * `build` returns null when there is nothing to write.
 */
async function writeAbout<T extends 'hypothesis.changed' | 'hypothesis.evidenceAdded' | 'hypothesis.experimentRecorded'>(
  db: WarroomDatabase,
  hypothesisId: string,
  type: T,
  actor: string,
  now: Clock,
  build: (summary: HypothesisSummary) => Promise<PayloadOf<T> | null> | PayloadOf<T> | null,
): Promise<string | null> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const summary = (await db.hypotheses.get(hypothesisId))?.summary;
    if (!summary) throw new NoSuchHypothesisError(hypothesisId);
    const payload = await build(summary);
    if (!payload) return null;
    const event = await appendLocal(
      db,
      {
        type,
        incidentId: summary.incidentId,
        actor: cleanLine(actor),
        occurredAt: new Date(now()).toISOString(),
        payload: payload as HypothesisPayload as PayloadOf<T>,
      },
      now,
    );
    return event.id;
  });
}

/** Proposes a hypothesis with its probe; resolves with its id (the proposal's event id). */
export async function proposeHypothesis(
  db: WarroomDatabase,
  input: { incidentId: string; actor: string; draft: HypothesisDraft },
  now: Clock = Date.now,
): Promise<string> {
  const checked = checkHypothesisDraft(input.draft);
  if (!checked.ok) throw new HypothesisInputError(checked.problems);
  const event = await appendLocal(
    db,
    {
      type: 'hypothesis.proposed',
      incidentId: input.incidentId,
      actor: cleanLine(input.actor),
      occurredAt: new Date(now()).toISOString(),
      payload: checked.value,
    },
    now,
  );
  return event.id;
}

function sameProbe(a: Probe, b: Probe): boolean {
  return a.action === b.action && a.expectation === b.expectation && a.timeBoxMinutes === b.timeBoxMinutes;
}

/**
 * Rewrites statement, owner and probe from a draft: one event per field that
 * changed (or is in conflict: saving settles it). Resolves with how many were written.
 */
export async function editHypothesis(
  db: WarroomDatabase,
  input: { hypothesisId: string; actor: string; draft: HypothesisDraft },
  now: Clock = Date.now,
): Promise<number> {
  const checked = checkHypothesisDraft(input.draft);
  if (!checked.ok) throw new HypothesisInputError(checked.problems);
  const { statement, owner, probe } = checked.value;
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const summary = (await db.hypotheses.get(input.hypothesisId))?.summary;
    if (!summary) throw new NoSuchHypothesisError(input.hypothesisId);
    const settled = (field: HypothesisField) => summary.heads[field].length === 1;
    const base = { target: summary.id, about: summary.statement };
    const payloads: EventOf<'hypothesis.changed'>['payload'][] = [];
    if (statement !== summary.statement || !settled('statement')) {
      payloads.push({ ...base, field: 'statement', value: statement, prev: summary.heads.statement });
    }
    if (owner !== summary.owner || !settled('owner')) payloads.push({ ...base, field: 'owner', value: owner, prev: summary.heads.owner });
    if (!sameProbe(probe, summary.probe) || !settled('probe')) payloads.push({ ...base, field: 'probe', value: probe, prev: summary.heads.probe });
    const occurredAt = new Date(now()).toISOString();
    for (const payload of payloads) {
      await appendLocal(db, { type: 'hypothesis.changed', incidentId: summary.incidentId, actor: cleanLine(input.actor), occurredAt, payload }, now);
    }
    return payloads.length;
  });
}

/**
 * Moves a hypothesis to another status. Overturning a verdict needs a reason;
 * refused moves throw `HypothesisMoveError` and write nothing.
 */
export async function moveHypothesis(
  db: WarroomDatabase,
  input: { hypothesisId: string; to: HypothesisStatus; actor: string; reason?: string },
  now: Clock = Date.now,
): Promise<void> {
  const reason = cleanLine(input.reason ?? '');
  await writeAbout(db, input.hypothesisId, 'hypothesis.changed', input.actor, now, (summary) => {
    const problem = moveProblem(summary, input.to, reason);
    if (problem) throw new HypothesisMoveError(problem);
    return {
      target: summary.id,
      about: summary.statement,
      field: 'status',
      value: input.to,
      prev: summary.heads.status,
      ...(reason ? { reason } : {}),
    };
  });
}

/**
 * Settles a conflict by keeping one of the live values: written anew over all
 * of them. Keeping a live status is not a move, so needs no reason; the kept
 * value's own reason stays with it. Does nothing if the conflict is already settled.
 */
export async function keepHypothesisValue(
  db: WarroomDatabase,
  input: { hypothesisId: string; field: HypothesisField; keepId: string; actor: string },
  now: Clock = Date.now,
): Promise<boolean> {
  const id = await writeAbout(db, input.hypothesisId, 'hypothesis.changed', input.actor, now, (summary) => {
    const prev = summary.heads[input.field];
    if (prev.length < 2) return null;
    const base = { target: summary.id, about: summary.statement, prev };
    const values = summary.conflictValues;
    switch (input.field) {
      case 'statement': {
        const kept = values.statement?.find((c) => c.id === input.keepId);
        return kept ? { ...base, field: 'statement', value: kept.value } : null;
      }
      case 'owner': {
        const kept = values.owner?.find((c) => c.id === input.keepId);
        return kept ? { ...base, field: 'owner', value: kept.value } : null;
      }
      case 'probe': {
        const kept = values.probe?.find((c) => c.id === input.keepId);
        return kept ? { ...base, field: 'probe', value: kept.value } : null;
      }
      case 'status': {
        const kept = values.status?.find((c) => c.id === input.keepId);
        if (!kept) return null;
        return { ...base, field: 'status', value: kept.value.status, ...(kept.value.reason ? { reason: kept.value.reason } : {}) };
      }
    }
  });
  return id !== null;
}

/** Evidence for or against: text, a timeline entry of the same incident, or both. Resolves with its id. */
export async function addEvidence(
  db: WarroomDatabase,
  input: { hypothesisId: string; stance: EvidenceStance; text: string; entry?: string | null; actor: string },
  now: Clock = Date.now,
): Promise<string> {
  const text = cleanMultiline(input.text);
  const entry = input.entry || undefined;
  if (text.length > LIMITS.evidenceText) throw new HypothesisInputError({ text: 'tooLong' });
  if (!text && !entry) throw new HypothesisInputError({ text: 'required' });
  const id = await writeAbout(db, input.hypothesisId, 'hypothesis.evidenceAdded', input.actor, now, async (summary) => {
    if (entry) {
      const logged = await db.events.get(entry);
      if (!logged || logged.unknown || logged.type !== 'timeline.entryLogged' || logged.incidentId !== summary.incidentId) {
        throw new HypothesisInputError({ entry: 'notAnEntry' });
      }
    }
    return { target: summary.id, about: summary.statement, stance: input.stance, text, ...(entry ? { entry } : {}) };
  });
  return id!;
}

/** What an experiment showed, and whether we amplify or dampen what we did. Resolves with its id. */
export async function recordExperiment(
  db: WarroomDatabase,
  input: { hypothesisId: string; result: string; response: ExperimentResponse; actor: string },
  now: Clock = Date.now,
): Promise<string> {
  const result = cleanMultiline(input.result);
  if (!result) throw new HypothesisInputError({ result: 'required' });
  if (result.length > LIMITS.evidenceText) throw new HypothesisInputError({ result: 'tooLong' });
  const id = await writeAbout(db, input.hypothesisId, 'hypothesis.experimentRecorded', input.actor, now, (summary) => ({
    target: summary.id,
    about: summary.statement,
    result,
    response: input.response,
  }));
  return id!;
}
