/**
 * What the exports say, before each escapes it for its own format: the
 * header, the facts, how a key event, a timeline row's details, a handover or
 * an engagement reads. One wording, so Markdown, HTML and PDF say the same.
 */
import type { EngagementStep, PostmortemSection } from '../domain/events';
import type { ChecklistRecord, CommunicationRecord, EngagementCycle, Handover, KeyEvent, PostmortemDocument, TimelineRow } from './document';
import type { FactName, HeadingName, PostmortemLabels } from './labels';
import { formatInZone, offsetsDuring } from './zonedTime';

/** The narrative first, the records after it, and the long timeline last. */
export const DOCUMENT_ORDER: readonly HeadingName[] = [
  'facts',
  'summary',
  'impact',
  'keyEvents',
  'rootCause',
  'contributingFactors',
  'wentWell',
  'wentBadly',
  'actionItems',
  'hypotheses',
  'roles',
  'engagement',
  'communications',
  'checklists',
  'timeline',
];

export function isWrittenSection(name: HeadingName): name is PostmortemSection {
  return name === 'summary' || name === 'impact' || name === 'rootCause' || name === 'contributingFactors' || name === 'wentWell' || name === 'wentBadly';
}

/** Formats instants in the document's zone. */
export type TimeFormat = (iso: string) => string;

export function timeFormat(zone: string): TimeFormat {
  return (iso) => formatInZone(iso, zone);
}

/** Every instant the document shows, for the offsets its header states. */
function documentInstants(doc: PostmortemDocument): string[] {
  const { incident } = doc;
  const instants = [incident.declaredAt, incident.duration.from, incident.duration.to, doc.generatedAt];
  for (const row of doc.timeline) instants.push(row.occurredAt);
  return instants;
}

/** The zone and the offsets it had while the incident ran: "Europe/Copenhagen (UTC+02:00 / UTC+01:00)". */
export function zoneOffsets(doc: PostmortemDocument, zone: string): string {
  return offsetsDuring(documentInstants(doc), zone).join(' / ');
}

export type Header = { title: string; blameless: string; drill: string | null; timesIn: string; generated: string };

export function headerOf(doc: PostmortemDocument, zone: string, labels: PostmortemLabels): Header {
  return {
    title: labels.documentTitle(doc.incident.title),
    blameless: labels.blameless,
    drill: doc.incident.drill ? labels.drill : null,
    timesIn: labels.timesIn(zone, zoneOffsets(doc, zone)),
    generated: labels.generated(formatInZone(doc.generatedAt, zone)),
  };
}

export type Fact = { name: FactName; label: string; value: string };

export function factsOf(doc: PostmortemDocument, time: TimeFormat, labels: PostmortemLabels): Fact[] {
  const i = doc.incident;
  const { value, note } = labels;
  const list = (items: string[]) => (items.length ? items.join(', ') : note.none);
  const facts: [FactName, string][] = [
    ['title', i.title],
    ['status', value.status[i.status]],
    ['priority', value.priority[i.priority]],
    ['kind', value.kind[i.kind]],
    ['tier', value.tier[i.tier]],
    ['impact', value.impact[i.impact]],
    ['urgency', value.urgency[i.urgency]],
    ['services', list(i.services)],
    ['tags', list(i.tags)],
    ['declared', time(i.declaredAt)],
    ['declaredBy', i.declaredBy],
    ['impactBegan', i.impactStarted ? time(i.impactStarted) : note.notKnown],
    ['resolved', i.resolvedAt ? time(i.resolvedAt) : note.ongoing],
    ['duration', i.duration.ongoing ? `${labels.duration(i.duration.from, i.duration.to)} (${note.ongoing})` : labels.duration(i.duration.from, i.duration.to)],
  ];
  return facts.map(([name, text]) => ({ name, label: labels.fact[name], value: text }));
}

export function keyEventText(event: KeyEvent, labels: PostmortemLabels): string {
  const { what } = event;
  switch (what.kind) {
    case 'declared':
      return labels.keyEvent.declared;
    case 'entry':
      return labels.keyEvent.entry(labels.value.entryKind[what.entryKind]);
    case 'tier':
      return labels.keyEvent.tier(labels.value.tier[what.tier]);
    case 'status':
      return labels.keyEvent.status(labels.value.status[what.status]);
  }
}

/** A row's details beside its text: when, who, what kind, and the marks it carries in words. */
export function rowDetails(row: TimelineRow, time: TimeFormat, labels: PostmortemLabels): string[] {
  const details = [time(row.occurredAt), row.actor, labels.value.entryKind[row.kind]];
  if (row.key) details.push(labels.note.key);
  if (row.corrected) details.push(labels.note.corrected);
  return details;
}

/**
 * How a message ended, in words: a message copied, opened as a mail draft or saved as a file was handed
 * over, not sent; it says which. The rest say their delivery state.
 */
export function outcomeLabel(message: Pick<CommunicationRecord, 'channel' | 'outcome'>, labels: PostmortemLabels): string {
  return message.outcome === 'sent' && message.channel !== 'webhook' ? labels.value.handedOver[message.channel] : labels.value.delivery[message.outcome];
}

/** What a corrected entry first said, so an export keeps the whole record as the console does. */
export function originalNote(row: TimelineRow, labels: PostmortemLabels): string | null {
  return row.original === null ? null : labels.note.originally(row.original);
}

export function struckNote(row: TimelineRow, time: TimeFormat, labels: PostmortemLabels): string | null {
  return row.struck ? labels.note.struck(row.struck.by, time(row.struck.at), row.struck.reason) : null;
}

export function handoverText(handover: Handover, labels: PostmortemLabels): string {
  const names = (list: string[]) => (list.length ? list.join(', ') : labels.note.unassigned);
  return labels.role.handover(names(handover.previousHolders), names(handover.holders), handover.actor);
}

const STEPS: readonly EngagementStep[] = ['paged', 'acknowledged', 'joined', 'released'];

/** "Paged 14:00:05 · Acknowledged 14:01:10 · Joined — · Released 15:02:00: not needed". */
export function cycleText(cycle: EngagementCycle, time: TimeFormat, labels: PostmortemLabels): string {
  const at: Record<EngagementStep, string | null> = {
    paged: cycle.pagedAt,
    acknowledged: cycle.acknowledgedAt,
    joined: cycle.joinedAt,
    released: cycle.releasedAt,
  };
  const parts = STEPS.map((step) => `${labels.value.step[step]} ${at[step] ? time(at[step]) : '—'}`);
  const text = parts.join(' · ');
  return cycle.releaseReason ? `${text}: ${cycle.releaseReason}` : text;
}

/** A checklist as the post-mortem states it: its line of origin, and each step with its state and who finished it when. */
export function checklistText(c: ChecklistRecord, time: TimeFormat, labels: PostmortemLabels) {
  return {
    attached: labels.checklist.attached(c.version, time(c.attachedAt), c.trigger === 'hand' ? c.attachedBy : null),
    steps: c.steps.map((s) => {
      const state = labels.value.stepState[s.state];
      let detail = '';
      if (s.state === 'done' && s.by && s.at) detail = labels.checklist.done(s.by, time(s.at), labels.duration(c.attachedAt, s.at));
      if (s.state === 'skipped' && s.by && s.at) detail = labels.checklist.skipped(s.by, time(s.at), s.reason ?? '');
      return { id: s.id, state, text: s.text, detail };
    }),
  };
}
