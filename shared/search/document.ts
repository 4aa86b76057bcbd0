/**
 * What search knows of one incident: its facts for filters and results, and
 * every text people wrote in it (timeline entries as they read now, hypotheses
 * with their evidence and experiments, the post-mortem, action items).
 */
import type { ActionItem } from '../domain/actionItems';
import type { EventOf, HypothesisStatus, IncidentKind, PostmortemSection, Status } from '../domain/events';
import { POSTMORTEM_SECTIONS, isOpenStatus } from '../domain/events';
import type { HypothesisSummary } from '../domain/hypothesis';
import type { IncidentState, IncidentSummary } from '../domain/incident';
import { readSection, type PostmortemState } from '../domain/postmortem';
import type { Priority } from '../domain/priority';
import { readRegister } from '../domain/register';
import { resolveEntry, timelineKey, type Amendment } from '../domain/timeline';

export type EntryText = {
  id: string;
  /** Timeline order (`timelineKey`): entries are kept sorted by it. */
  order: string;
  at: string;
  text: string;
  /** Struck through: still found, and shown as struck. */
  struck: boolean;
};

export type HypothesisText = {
  id: string;
  statement: string;
  status: HypothesisStatus;
  evidence: string[];
  experiments: string[];
};

export type ActionItemText = { id: string; title: string };

export type IncidentFacts = {
  id: string;
  title: string;
  services: string[];
  tags: string[];
  priority: Priority;
  status: Status;
  kind: IncidentKind;
  declaredAt: string;
  drill: boolean;
  /** When it was last declared resolved (or closed, if never resolved); null while open. */
  resolvedAt: string | null;
};

export type SearchableIncident = IncidentFacts & {
  /** In timeline order. */
  entries: EntryText[];
  hypotheses: HypothesisText[];
  /** Written sections only. */
  postmortem: Partial<Record<PostmortemSection, string>>;
  actionItems: ActionItemText[];
};


/**
 * When service was declared back: the first move to resolved or closed after
 * the last reopening, by when people said it happened. Null while open.
 */
export function resolvedAtOf(state: IncidentState, status: Status): string | null {
  if (isOpenStatus(status)) return null;
  const writes = Object.values(state.fields.status?.writes ?? {}).filter((w) => w.at);
  const lastOpen = writes.filter((w) => isOpenStatus(w.value)).reduce((latest, w) => (w.at! > latest ? w.at! : latest), '');
  const done = writes.filter((w) => !isOpenStatus(w.value) && w.at! >= lastOpen).map((w) => w.at!);
  if (done.length === 0) return readRegister(state.fields.status)?.heads[0]?.at ?? null;
  return done.reduce((first, at) => (at < first ? at : first));
}

export function incidentFacts(state: IncidentState, summary: IncidentSummary): IncidentFacts {
  return {
    id: summary.id,
    title: summary.title,
    services: summary.services,
    tags: summary.tags,
    priority: summary.priority,
    status: summary.status,
    kind: summary.kind,
    declaredAt: summary.declaredAt,
    drill: summary.drill,
    resolvedAt: resolvedAtOf(state, summary.status),
  };
}

export function entryText(entry: EventOf<'timeline.entryLogged'>, amendment: Amendment | undefined): EntryText {
  const resolved = resolveEntry(entry, amendment);
  return { id: entry.id, order: timelineKey(entry), at: entry.occurredAt, text: resolved.text, struck: resolved.struck !== null };
}

export function hypothesisText(summary: HypothesisSummary): HypothesisText {
  return {
    id: summary.id,
    statement: summary.statement,
    status: summary.status,
    evidence: summary.evidence.map((e) => e.text).filter((text) => text.trim().length > 0),
    experiments: summary.experiments.map((e) => e.result),
  };
}

export function postmortemTexts(state: PostmortemState | undefined): Partial<Record<PostmortemSection, string>> {
  const texts: Partial<Record<PostmortemSection, string>> = {};
  for (const section of POSTMORTEM_SECTIONS) {
    const { text } = readSection(state, section);
    if (text.trim()) texts[section] = text;
  }
  return texts;
}

export function actionItemText(item: ActionItem): ActionItemText {
  return { id: item.id, title: item.title };
}

export function byTimelineOrder(a: EntryText, b: EntryText): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
