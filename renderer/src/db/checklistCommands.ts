/**
 * What a person (or the console on their behalf) does with checklists:
 * runbooks attached when an incident meets their conditions or by hand, and
 * steps done, skipped with a reason, or opened again. Each is read and
 * written in one transaction, so the check sees what is stored.
 */
import { emptyChecklists, stepAbout, viewChecklists } from '@shared/domain/checklists';
import type { TemplateLanguage } from '@shared/domain/comms';
import type { StepState } from '@shared/domain/events';
import { runbookIn, runbooksDue, type Runbook } from '@shared/domain/runbooks';
import { cleanLine, cleanMultiline } from '@shared/domain/text';

import { RefusedError, recordNow } from './commands';
import type { WarroomDatabase } from './database';
import type { Clock } from './eventStore';
import { getOrganisation } from './organisation';
import { projectionTables } from './projections';

export type ChecklistProblem = 'unknownRunbook' | 'alreadyAttached' | 'unknownStep' | 'waiting' | 'reasonNeeded';

function write<T>(db: WarroomDatabase, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], work);
}

async function incidentOf(db: WarroomDatabase, incidentId: string) {
  const summary = (await db.incidents.get(incidentId))?.summary;
  if (!summary) throw new Error(`No incident ${incidentId} on this console`);
  return summary;
}

function attach(db: WarroomDatabase, incidentId: string, runbook: Runbook, trigger: 'conditions' | 'hand', actor: string, now: Clock) {
  const { id, version, language, title, steps } = runbook;
  const payload = { runbook: id, version, ...(language ? { language } : {}), title, steps, trigger };
  return recordNow(db, 'checklist.attached', incidentId, actor, payload, now);
}

/**
 * Attaches every automatic runbook whose conditions the incident meets and
 * that it does not hold yet, in the console's language. Resolves with the
 * runbooks attached. Safe to call as often as anything changes: once attached,
 * a runbook stays, whatever its conditions do later.
 */
export function attachDueRunbooks(
  db: WarroomDatabase,
  incidentId: string,
  input: { language: TemplateLanguage; actor: string },
  now: Clock = Date.now,
): Promise<string[]> {
  return write(db, async () => {
    const incident = await incidentOf(db, incidentId);
    const held = (await db.checklists.get(incidentId)) ?? emptyChecklists(incidentId);
    const { settings } = await getOrganisation(db);
    const due = runbooksDue(settings.runbooks, input.language, incident, new Set(Object.keys(held.attached)));
    for (const runbook of due) await attach(db, incidentId, runbook, 'conditions', cleanLine(input.actor), now);
    return due.map((r) => r.id);
  });
}

/** Attaches a runbook by hand, whatever its conditions say. Refused if the incident already holds it. */
export function attachRunbook(
  db: WarroomDatabase,
  input: { incidentId: string; runbook: string; language: TemplateLanguage; actor: string },
  now: Clock = Date.now,
): Promise<void> {
  return write(db, async () => {
    await incidentOf(db, input.incidentId);
    const { settings } = await getOrganisation(db);
    const runbook = runbookIn(settings.runbooks, input.runbook, input.language);
    if (!runbook) throw new RefusedError<ChecklistProblem>('unknownRunbook');
    const held = await db.checklists.get(input.incidentId);
    if (held && Object.hasOwn(held.attached, runbook.id)) throw new RefusedError<ChecklistProblem>('alreadyAttached');
    await attach(db, input.incidentId, runbook, 'hand', cleanLine(input.actor), now);
  });
}

export type MarkStepInput = { incidentId: string; runbook: string; step: string; state: StepState; reason?: string; actor: string };

/**
 * Marks a step done, skipped (with a reason) or open again. A step that waits
 * for others cannot be done before them; it may be skipped, saying why.
 * Resolves with whether anything was written (marking a step as it stands is not).
 */
export function markStep(db: WarroomDatabase, input: MarkStepInput, now: Clock = Date.now): Promise<boolean> {
  const reason = cleanMultiline(input.reason ?? '');
  if (input.state === 'skipped' && reason === '') return Promise.reject(new RefusedError<ChecklistProblem>('reasonNeeded'));
  return write(db, async () => {
    const held = (await db.checklists.get(input.incidentId)) ?? emptyChecklists(input.incidentId);
    const checklist = viewChecklists(held).find((c) => c.runbook === input.runbook);
    const step = checklist?.steps.find((s) => s.id === input.step);
    if (!checklist || !step) throw new RefusedError<ChecklistProblem>('unknownStep');
    if (input.state === 'done' && step.waitingFor.length > 0) throw new RefusedError<ChecklistProblem>('waiting');
    const current = step.mark;
    if ((current?.state ?? 'open') === input.state && (input.state !== 'skipped' || current?.reason === reason)) return false;
    const payload = { runbook: checklist.runbook, title: checklist.title, step: step.id, about: stepAbout(step), state: input.state, reason };
    await recordNow(db, 'checklist.stepMarked', input.incidentId, input.actor, payload, now);
    return true;
  });
}
