/**
 * The words an exported post-mortem is written in: headings, field names and
 * the names of every value, in the reader's language. The console fills this
 * from its catalogues; the exports never hold a word of their own.
 */
import type { DeliveryState } from '../domain/messages';
import type { LocalChannel, Phase } from '../domain/comms';
import type {
  ActionItemStatus,
  EngagementStep,
  EntryKind,
  EvidenceStance,
  ExperimentResponse,
  HypothesisStatus,
  IncidentKind,
  PostmortemSection,
  Status,
  StepState,
  Tier,
} from '../domain/events';
import type { Impact, Priority, Urgency } from '../domain/priority';

export type FactName =
  | 'title'
  | 'status'
  | 'priority'
  | 'kind'
  | 'tier'
  | 'impact'
  | 'urgency'
  | 'services'
  | 'tags'
  | 'declared'
  | 'declaredBy'
  | 'impactBegan'
  | 'resolved'
  | 'duration';

export type HeadingName = 'facts' | PostmortemSection | 'keyEvents' | 'timeline' | 'hypotheses' | 'roles' | 'engagement' | 'communications' | 'actionItems' | 'checklists';

/** Column names of the timeline (and of its CSV export). */
export type TimelineColumn = 'number' | 'time' | 'recordedBy' | 'kind' | 'text' | 'key' | 'corrected' | 'original' | 'struck' | 'strikeReason' | 'eventId';

export type PostmortemLabels = {
  /** BCP 47: the document's `lang`. */
  lang: string;
  /** The document's own title: "Post-mortem: {title}". */
  documentTitle(incidentTitle: string): string;
  /** One line on what kind of document this is: facts, not fault. */
  blameless: string;
  /** "Times are in {zone} ({offsets})". */
  timesIn(zone: string, offsets: string): string;
  /** "Generated {time}". */
  generated(time: string): string;
  drill: string;
  heading: Record<HeadingName, string>;
  fact: Record<FactName, string>;
  column: Record<TimelineColumn, string>;
  /** "Time ({zone}, {offsets})": the CSV's time column, which has no header to say it. */
  timeColumn(zone: string, offsets: string): string;
  value: {
    priority: Record<Priority, string>;
    kind: Record<IncidentKind, string>;
    tier: Record<Tier, string>;
    status: Record<Status, string>;
    impact: Record<Impact, string>;
    urgency: Record<Urgency, string>;
    entryKind: Record<EntryKind | 'change', string>;
    hypothesisStatus: Record<HypothesisStatus, string>;
    evidence: Record<EvidenceStance, string>;
    response: Record<ExperimentResponse, string>;
    step: Record<EngagementStep, string>;
    phase: Record<Phase, string>;
    channel: Record<LocalChannel | 'webhook', string>;
    delivery: Record<DeliveryState, string>;
    /** What a message handed over on the spot became: copied, a mail draft opened, a file saved. Never "sent". */
    handedOver: Record<LocalChannel, string>;
    actionStatus: Record<ActionItemStatus, string>;
    stepState: Record<StepState, string>;
    yes: string;
    no: string;
  };
  /** Words beside a value, never colour alone. */
  note: {
    /** "★ Key event" */
    key: string;
    corrected: string;
    /** "Originally: “{text}”" */
    originally(text: string): string;
    /** "Struck through by {name} at {time}: {reason}" */
    struck(name: string, time: string, reason: string): string;
    /** "Two versions were written at once: this is one of them." */
    conflict: string;
    notWritten: string;
    none: string;
    notKnown: string;
    ongoing: string;
    noDueDate: string;
    unassigned: string;
    /** "see no. {number}" */
    seeRow(number: number): string;
    /** "{time} by {name}" */
    byAt(name: string, time: string): string;
  };
  keyEvent: {
    declared: string;
    /** "{kind} marked key" */
    entry(kind: string): string;
    tier(tier: string): string;
    status(status: string): string;
  };
  hypothesis: {
    owner: string;
    status: string;
    proposed: string;
    probe: string;
    expectation: string;
    timeBox: string;
    /** "{minutes} min" */
    minutes(minutes: number): string;
    evidence: string;
    experiments: string;
  };
  role: {
    /** "{from} → {to}, by {name}" */
    handover(from: string, to: string, name: string): string;
  };
  communication: {
    audience: string;
    phase: string;
    channel: string;
    subject: string;
    outcome: string;
    sentBy: string;
  };
  action: {
    title: string;
    owner: string;
    due: string;
    status: string;
  };
  checklist: {
    /** "version {version}, attached {time} when the incident met its conditions" / "… by {name}" */
    attached(version: number, time: string, byHand: string | null): string;
    /** "by {name} at {time}, {after} after attaching" */
    done(name: string, time: string, after: string): string;
    /** "by {name} at {time}: {reason}" */
    skipped(name: string, time: string, reason: string): string;
  };
  /** A length of time in words ("2 hours"). */
  duration(fromIso: string, toIso: string): string;
};
