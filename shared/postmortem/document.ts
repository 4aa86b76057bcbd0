/**
 * The blameless post-mortem as plain data, drawn from one incident's log: the
 * facts, the written sections, the whole timeline, the hypotheses tried, who
 * held which role and who was engaged when, what was said to whom, and the
 * action items. The screen and every export (Markdown, HTML, PDF, CSV) read
 * this one model, so they cannot disagree.
 *
 * Nothing here speaks a language: changes on the timeline are described by the
 * `describe` function the caller passes (the console's own words), and the
 * exports take their headings from a labels object.
 *
 * Key events reference timeline rows by number and never repeat an entry's
 * text: the timeline is the one place an entry's text appears.
 */
import { foldChecklists, stepAbout, viewChecklists } from '../domain/checklists';
import { engagementCycles } from '../domain/engagement';
import { byText as byTime } from '../domain/order';
import { allHolders, foldRoster, rolesOf, type RosterState } from '../domain/roster';
import { foldHypotheses, summarizeHypothesis } from '../domain/hypothesis';
import { foldIncident, summarizeIncident, type IncidentField } from '../domain/incident';
import { applyMessageEvent, emptyMessage, isMessageEvent, isOutcomeEvent, messageIdOf, viewMessage, type DeliveryState, type MessageState } from '../domain/messages';
import { applyPostmortemEvent, emptyPostmortem, readSection } from '../domain/postmortem';
import { applyActionItemEvent, actionItemIdOf, emptyActionItem, summarizeActionItem, type ActionItemState } from '../domain/actionItems';
import { buildTimeline, type TimelineEvent } from '../domain/timeline';
import type { OrganisationSettings } from '../domain/catalogues';
import type { LocalChannel, Phase } from '../domain/comms';
import type { Impact, Priority, Urgency } from '../domain/priority';
import {
  POSTMORTEM_SECTIONS,
  isFinalStatus,
  type ActionItemStatus,
  type ChecklistTrigger,
  type DomainEvent,
  type EntryKind,
  type EventOf,
  type EvidenceStance,
  type ExperimentResponse,
  type HypothesisStatus,
  type IncidentKind,
  type PostmortemSection,
  type Status,
  type StepState,
  type Tier,
} from '../domain/events';

/** Anything on the timeline but a logged entry: a change the caller puts into words. */
export type ChangeEvent = Exclude<TimelineEvent, EventOf<'timeline.entryLogged'>>;

export type PostmortemInput = {
  incidentId: string;
  /** The incident's events, in any order, duplicates allowed; events of other streams are ignored. */
  events: Iterable<DomainEvent>;
  /** The role catalogue gives roles their current names and order. */
  settings: Pick<OrganisationSettings, 'roles'>;
  describe: (event: ChangeEvent) => string;
  /** When the document is made: the end of an incident not yet resolved. */
  now: Date;
};

export type IncidentFacts = {
  id: string;
  title: string;
  priority: Priority;
  kind: IncidentKind;
  tier: Tier;
  impact: Impact;
  urgency: Urgency;
  services: string[];
  tags: string[];
  drill: boolean;
  status: Status;
  declaredAt: string;
  declaredBy: string;
  /** When the impact began, if someone recorded it. */
  impactStarted: string | null;
  /** When service was last declared resolved (or closed), if it still stands. */
  resolvedAt: string | null;
  /** From when the impact began (the declaration if not known) to the resolution, or to `now` while unresolved. */
  duration: { from: string; to: string; ms: number; ongoing: boolean };
  /** Fields two consoles set at once and nobody has settled: the document shows the best value. */
  conflicts: IncidentField[];
};

export type TimelineRow = {
  /** Position in the timeline, from 1: how the other sections point at a row. */
  number: number;
  id: string;
  occurredAt: string;
  /** Who recorded it. */
  actor: string;
  /** A logged entry's kind, or 'change' for anything else done to the incident. */
  kind: EntryKind | 'change';
  type: TimelineEvent['type'];
  /** An entry's text as it reads now (its latest correction), or the change put into words. */
  text: string;
  key: boolean;
  corrected: boolean;
  /** The text first logged, once corrected: the record keeps both. */
  original: string | null;
  struck: { reason: string; by: string; at: string } | null;
};

export type KeyEvent = {
  /** The timeline row it points at. */
  number: number;
  occurredAt: string;
  what:
    | { kind: 'entry'; entryKind: EntryKind }
    | { kind: 'declared' }
    | { kind: 'tier'; tier: Tier }
    | { kind: 'status'; status: Status };
};

export type HypothesisRecord = {
  id: string;
  statement: string;
  owner: string;
  proposedAt: string;
  proposedBy: string;
  status: HypothesisStatus;
  statusReason: string | null;
  statusBy: string;
  statusSince: string;
  probe: { action: string; expectation: string; timeBoxMinutes: number };
  evidence: { id: string; stance: EvidenceStance; text: string; entryNumber: number | null; actor: string; occurredAt: string }[];
  experiments: { id: string; result: string; response: ExperimentResponse; actor: string; occurredAt: string }[];
};

export type Handover = { occurredAt: string; actor: string; holders: string[]; previousHolders: string[] };

export type RoleRecord = {
  id: string;
  name: string;
  /** Who holds it at the end (everyone named, while two consoles disagree). */
  holders: string[];
  /** Every assignment, in the order it happened. */
  handovers: Handover[];
};

export type EngagementCycle = {
  pagedAt: string | null;
  acknowledgedAt: string | null;
  joinedAt: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
};

export type PersonEngagement = {
  name: string;
  /** One per time on the incident: paged again after a release opens a new cycle. */
  cycles: EngagementCycle[];
};

export type CommunicationRecord = {
  id: string;
  occurredAt: string;
  actor: string;
  audienceName: string;
  phase: Phase;
  channel: LocalChannel | 'webhook';
  /** The webhook's name, for a message posted to one. */
  webhookName: string | null;
  subject: string;
  outcome: DeliveryState;
  /** When the outcome happened; null for a message handed over on the spot or still queued. */
  outcomeAt: string | null;
  /** Why it failed, or why it was withdrawn. */
  outcomeReason: string | null;
};

export type ActionItemRecord = {
  id: string;
  title: string;
  owner: string;
  /** YYYY-MM-DD, or empty. */
  due: string;
  status: ActionItemStatus;
  addedAt: string;
  addedBy: string;
  conflicted: boolean;
};

export type ChecklistStepRecord = {
  id: string;
  /** The step's first line, as the timeline names it. */
  text: string;
  state: StepState;
  /** Who marked it last, and when; null while never marked. */
  by: string | null;
  at: string | null;
  /** From the checklist's attachment to the step's being done or skipped; null while open. */
  afterMs: number | null;
  reason: string | null;
};

export type ChecklistRecord = {
  runbook: string;
  title: string;
  version: number;
  trigger: ChecklistTrigger;
  attachedAt: string;
  attachedBy: string;
  steps: ChecklistStepRecord[];
};

export type SectionRecord = {
  /** Empty: nobody has written it yet. */
  text: string;
  /** Two versions were written at once; the best one is shown. */
  conflicted: boolean;
};

export type PostmortemDocument = {
  generatedAt: string;
  incident: IncidentFacts;
  sections: Record<PostmortemSection, SectionRecord>;
  timeline: TimelineRow[];
  keyEvents: KeyEvent[];
  hypotheses: HypothesisRecord[];
  roles: RoleRecord[];
  engagement: PersonEngagement[];
  communications: CommunicationRecord[];
  actionItems: ActionItemRecord[];
  checklists: ChecklistRecord[];
};

/** Null until the incident's declaration has been seen. */
export function buildPostmortem({ incidentId, events, settings, describe, now }: PostmortemInput): PostmortemDocument | null {
  const own = uniqueEvents(incidentId, events);
  const summary = summarizeIncident(foldIncident(incidentId, own));
  if (!summary) return null;

  const items = buildTimeline(incidentId, own);
  const ordered = items.map((item) => item.event);
  const timeline = items.map(({ event, entry }, index): TimelineRow => {
    const base = { number: index + 1, id: event.id, occurredAt: event.occurredAt, actor: event.actor, type: event.type };
    if (!entry) return { ...base, kind: 'change', text: describe(event as ChangeEvent), key: false, corrected: false, original: null, struck: null };
    const struck = entry.struck ? { reason: entry.struck.reason, by: entry.struck.actor, at: entry.struck.occurredAt } : null;
    return { ...base, kind: entry.kind, text: entry.text, key: entry.key, corrected: entry.corrected, original: entry.corrected ? entry.original.text : null, struck };
  });
  const numberOf = new Map(timeline.map((row) => [row.id, row.number]));
  const roster = foldRoster(incidentId, own);

  const resolvedAt = resolutionTime(ordered, summary.status);
  const from = summary.impactStarted || summary.declaredAt;
  const to = resolvedAt ?? now.toISOString();

  return {
    generatedAt: now.toISOString(),
    incident: {
      id: summary.id,
      title: summary.title,
      priority: summary.priority,
      kind: summary.kind,
      tier: summary.tier,
      impact: summary.impact,
      urgency: summary.urgency,
      services: summary.services,
      tags: summary.tags,
      drill: summary.drill,
      status: summary.status,
      declaredAt: summary.declaredAt,
      declaredBy: summary.declaredBy,
      impactStarted: summary.impactStarted || null,
      resolvedAt,
      duration: { from, to, ms: Math.max(0, Date.parse(to) - Date.parse(from)), ongoing: resolvedAt === null },
      conflicts: summary.conflicts,
    },
    sections: sectionsOf(incidentId, own),
    timeline,
    keyEvents: keyEventsOf(ordered, timeline),
    hypotheses: hypothesesOf(incidentId, own, numberOf),
    roles: rolesOfIncident(roster, ordered, settings),
    engagement: engagementOf(roster),
    communications: communicationsOf(own),
    actionItems: actionItemsOf(incidentId, own),
    checklists: checklistsOf(incidentId, own),
  };
}

function checklistsOf(incidentId: string, events: DomainEvent[]): ChecklistRecord[] {
  return viewChecklists(foldChecklists(incidentId, events)).map((c) => ({
    runbook: c.runbook,
    title: c.title,
    version: c.version,
    trigger: c.trigger,
    attachedAt: c.at,
    attachedBy: c.by,
    steps: c.steps.map((s) => ({
      id: s.id,
      text: stepAbout(s),
      state: s.state,
      by: s.mark?.by ?? null,
      at: s.mark?.at ?? null,
      afterMs: s.afterMs,
      reason: s.state === 'skipped' ? (s.mark?.reason ?? null) : null,
    })),
  }));
}

function uniqueEvents(incidentId: string, events: Iterable<DomainEvent>): DomainEvent[] {
  const byId = new Map<string, DomainEvent>();
  for (const event of events) if (event.incidentId === incidentId && !byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
}

/**
 * When the resolution that still stands was made: the first move to resolved
 * or closed after the last reopening, in timeline order. Null while the
 * incident's status is not resolved or closed.
 */
function resolutionTime(ordered: TimelineEvent[], status: Status): string | null {
  if (!isFinalStatus(status)) return null;
  let since: string | null = null;
  for (const event of ordered) {
    if (event.type !== 'incident.fieldChanged' || event.payload.field !== 'status') continue;
    if (!isFinalStatus(event.payload.value)) since = null;
    else since ??= event.occurredAt;
  }
  return since;
}

function sectionsOf(incidentId: string, events: DomainEvent[]): Record<PostmortemSection, SectionRecord> {
  const state = events.reduce(applyPostmortemEvent, emptyPostmortem(incidentId));
  const sections = {} as Record<PostmortemSection, SectionRecord>;
  for (const section of POSTMORTEM_SECTIONS) {
    const read = readSection(state, section);
    sections[section] = { text: read.text, conflicted: read.conflict !== null };
  }
  return sections;
}

/**
 * Marked entries (unless struck through: a retracted entry is no key event)
 * and the milestones every incident has: its declaration, each change of tier
 * and of status.
 */
function keyEventsOf(ordered: TimelineEvent[], timeline: TimelineRow[]): KeyEvent[] {
  const keyEvents: KeyEvent[] = [];
  ordered.forEach((event, index) => {
    const row = timeline[index]!;
    const at = { number: row.number, occurredAt: row.occurredAt };
    if (event.type === 'timeline.entryLogged') {
      if (row.key && !row.struck && row.kind !== 'change') keyEvents.push({ ...at, what: { kind: 'entry', entryKind: row.kind } });
    } else if (event.type === 'incident.declared') keyEvents.push({ ...at, what: { kind: 'declared' } });
    else if (event.type === 'incident.tierChanged') keyEvents.push({ ...at, what: { kind: 'tier', tier: event.payload.tier } });
    else if (event.type === 'incident.fieldChanged' && event.payload.field === 'status') {
      keyEvents.push({ ...at, what: { kind: 'status', status: event.payload.value } });
    }
  });
  return keyEvents;
}

function hypothesesOf(incidentId: string, events: DomainEvent[], numberOf: Map<string, number>): HypothesisRecord[] {
  const records: HypothesisRecord[] = [];
  for (const state of foldHypotheses(incidentId, events).values()) {
    const h = summarizeHypothesis(state);
    if (!h) continue;
    records.push({
      id: h.id,
      statement: h.statement,
      owner: h.owner,
      proposedAt: h.proposedAt,
      proposedBy: h.proposedBy,
      status: h.status,
      statusReason: h.statusReason,
      statusBy: h.statusBy,
      statusSince: h.statusSince,
      probe: h.probe,
      evidence: h.evidence.map((e) => ({
        id: e.id,
        stance: e.stance,
        text: e.text,
        entryNumber: e.entry ? (numberOf.get(e.entry) ?? null) : null,
        actor: e.actor,
        occurredAt: e.occurredAt,
      })),
      experiments: h.experiments.map((x) => ({ id: x.id, result: x.result, response: x.response, actor: x.actor, occurredAt: x.occurredAt })),
    });
  }
  return records.sort((a, b) => byTime(a.proposedAt, b.proposedAt) || byTime(a.id, b.id));
}

/** Roles assigned on this incident, in the catalogue's order, each with every handover in timeline order. */
function rolesOfIncident(roster: RosterState, ordered: TimelineEvent[], settings: Pick<OrganisationSettings, 'roles'>): RoleRecord[] {
  const handovers = new Map<string, Handover[]>();
  for (const event of ordered) {
    if (event.type !== 'role.assigned') continue;
    const { role, holders, previousHolders } = event.payload;
    const list = handovers.get(role) ?? [];
    list.push({ occurredAt: event.occurredAt, actor: event.actor, holders, previousHolders });
    handovers.set(role, list);
  }
  return rolesOf(roster, settings.roles)
    .filter((view) => handovers.has(view.id))
    .map((view) => ({ id: view.id, name: view.name, holders: allHolders(view), handovers: handovers.get(view.id)! }));
}

/** Every person's whole engagement, cycle by cycle, by who was engaged first. */
function engagementOf(roster: RosterState): PersonEngagement[] {
  return engagementCycles(Object.values(roster.facts), (fact) => fact.occurredAt).map(({ name, cycles }) => ({
    name,
    cycles: cycles.map(({ pagedAt, acknowledgedAt, joinedAt, releasedAt, releaseReason }) => ({ pagedAt, acknowledgedAt, joinedAt, releasedAt, releaseReason })),
  }));
}

function communicationsOf(events: DomainEvent[]): CommunicationRecord[] {
  const states = new Map<string, MessageState>();
  for (const event of events) {
    if (!isMessageEvent(event) && !isOutcomeEvent(event)) continue;
    const id = messageIdOf(event);
    states.set(id, applyMessageEvent(states.get(id) ?? emptyMessage(id), event));
  }
  const records: CommunicationRecord[] = [];
  for (const state of states.values()) {
    const m = viewMessage(state);
    if (!m) continue;
    const outcomeAt = m.state === 'delivered' ? m.deliveredAt : m.state === 'failed' ? m.failure!.at : m.state === 'cancelled' ? m.cancelled!.at : null;
    const outcomeReason = m.state === 'failed' ? m.failure!.reason : m.state === 'cancelled' ? m.cancelled!.reason || null : null;
    records.push({
      id: m.id,
      occurredAt: m.at,
      actor: m.actor,
      audienceName: m.audienceName,
      phase: m.phase,
      channel: m.channel,
      webhookName: m.webhook?.name ?? null,
      subject: m.subject,
      outcome: m.state,
      outcomeAt,
      outcomeReason,
    });
  }
  return records.sort((a, b) => byTime(a.occurredAt, b.occurredAt) || byTime(a.id, b.id));
}

function actionItemsOf(incidentId: string, events: DomainEvent[]): ActionItemRecord[] {
  const states = new Map<string, ActionItemState>();
  for (const event of events) {
    const id = actionItemIdOf(event);
    if (id === null) continue;
    states.set(id, applyActionItemEvent(states.get(id) ?? emptyActionItem(id, incidentId), event));
  }
  const records: ActionItemRecord[] = [];
  for (const state of states.values()) {
    const item = summarizeActionItem(state);
    if (!item) continue;
    const { id, title, owner, due, status, addedAt, addedBy } = item;
    records.push({ id, title, owner, due, status, addedAt, addedBy, conflicted: item.conflicts.length > 0 });
  }
  return records.sort((a, b) => byTime(a.addedAt, b.addedAt) || byTime(a.id, b.id));
}
