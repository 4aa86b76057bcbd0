/**
 * An incident's checklists, folded from its events in any order. One
 * checklist per runbook: when two consoles attached the same runbook while
 * apart, the attachment earlier in the log's order (`compareEvents`) stands
 * on every console. Marks name the runbook and step, not an attachment, so
 * every console's ticks land on the one checklist; the latest mark of a step
 * stands, and every mark stays on the timeline.
 */
import { CHECKLIST_ABOUT_MAX, compareEvents, type ChecklistTrigger, type DomainEvent, type StepState } from './events';
import type { RunbookStep } from './runbooks';
import { cleanLine } from './text';

type Ordered = { eventId: string; hlc: string; deviceId: string; deviceSeq: number };

export type AttachedChecklist = Ordered & {
  runbook: string;
  version: number;
  title: string;
  steps: RunbookStep[];
  trigger: ChecklistTrigger;
  at: string;
  by: string;
};

export type StepMark = Ordered & { state: StepState; reason: string; at: string; by: string };

export type ChecklistsState = {
  incidentId: string;
  /** By runbook id. */
  attached: Record<string, AttachedChecklist>;
  /** By `markKey(runbook, step)`. */
  marks: Record<string, StepMark>;
};

export const markKey = (runbook: string, step: string) => `${runbook}/${step}`;

export function emptyChecklists(incidentId: string): ChecklistsState {
  return { incidentId, attached: {}, marks: {} };
}

export function isChecklistEvent(event: DomainEvent): boolean {
  return event.type === 'checklist.attached' || event.type === 'checklist.stepMarked';
}

export function applyChecklistEvent(state: ChecklistsState, event: DomainEvent): ChecklistsState {
  if (event.incidentId !== state.incidentId) return state;
  const ordered: Ordered = { eventId: event.id, hlc: event.hlc, deviceId: event.deviceId, deviceSeq: event.deviceSeq };
  if (event.type === 'checklist.attached') {
    const { runbook, version, title, steps, trigger } = event.payload;
    // A runbook may be called anything an id allows, "constructor" included: only the record's own keys count.
    const known = Object.hasOwn(state.attached, runbook) ? state.attached[runbook] : undefined;
    if (known && compareEvents(known, event) <= 0) return state;
    const checklist: AttachedChecklist = { ...ordered, runbook, version, title, steps, trigger, at: event.occurredAt, by: event.actor };
    return { ...state, attached: { ...state.attached, [runbook]: checklist } };
  }
  if (event.type === 'checklist.stepMarked') {
    const { runbook, step, state: mark, reason } = event.payload;
    const key = markKey(runbook, step);
    const known = Object.hasOwn(state.marks, key) ? state.marks[key] : undefined;
    if (known && compareEvents(known, event) >= 0) return state;
    return { ...state, marks: { ...state.marks, [key]: { ...ordered, state: mark, reason, at: event.occurredAt, by: event.actor } } };
  }
  return state;
}

export function foldChecklists(incidentId: string, events: Iterable<DomainEvent>): ChecklistsState {
  let state = emptyChecklists(incidentId);
  for (const event of events) state = applyChecklistEvent(state, event);
  return state;
}

export type ChecklistStepView = RunbookStep & {
  state: StepState;
  /** The mark that set the state; null while never marked. */
  mark: StepMark | null;
  /** Steps it waits for that are neither done nor skipped. */
  waitingFor: string[];
  /** From the checklist's attachment to the step's being done or skipped; null while open. */
  afterMs: number | null;
};

export type ChecklistView = Omit<AttachedChecklist, 'steps'> & {
  steps: ChecklistStepView[];
  done: number;
  skipped: number;
  total: number;
};

/** The checklists in the order they were attached, each step with its state. */
export function viewChecklists(state: ChecklistsState): ChecklistView[] {
  return Object.values(state.attached)
    .sort((a, b) => (a.at === b.at ? compareEvents(a, b) : a.at < b.at ? -1 : 1))
    .map((checklist) => viewChecklist(checklist, state.marks));
}

function viewChecklist(checklist: AttachedChecklist, marks: Record<string, StepMark>): ChecklistView {
  const markOf = (step: string) => (Object.hasOwn(marks, markKey(checklist.runbook, step)) ? marks[markKey(checklist.runbook, step)]! : null);
  const finished = (step: string) => (markOf(step)?.state ?? 'open') !== 'open';
  const steps = checklist.steps.map((step): ChecklistStepView => {
    const mark = markOf(step.id);
    const state = mark?.state ?? 'open';
    const afterMs = mark && state !== 'open' ? Math.max(0, Date.parse(mark.at) - Date.parse(checklist.at)) : null;
    return { ...step, state, mark, waitingFor: step.after.filter((b) => !finished(b)), afterMs };
  });
  return {
    ...checklist,
    steps,
    done: steps.filter((s) => s.state === 'done').length,
    skipped: steps.filter((s) => s.state === 'skipped').length,
    total: steps.length,
  };
}

/** Progress over every checklist of an incident, for the wall and the list. */
export function checklistProgress(checklists: readonly Pick<ChecklistView, 'done' | 'skipped' | 'total'>[]): { finished: number; total: number } {
  return checklists.reduce((sum, c) => ({ finished: sum.finished + c.done + c.skipped, total: sum.total + c.total }), { finished: 0, total: 0 });
}

/** A step as a record names it: the first line of its text, without Markdown's emphasis, cut to fit; its id if nothing is left. */
export function stepAbout(step: Pick<RunbookStep, 'id' | 'text'>): string {
  const first = cleanLine(step.text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/[*_`]/g, '').trim();
  if (first === '') return step.id;
  return first.length > CHECKLIST_ABOUT_MAX ? `${first.slice(0, CHECKLIST_ABOUT_MAX - 1)}…` : first;
}
