import type { AlertGroupState, AlertSeverity } from '@shared/domain/alerts';
import type { ActionItem, ActionItemState } from '@shared/domain/actionItems';
import type { ChecklistsState } from '@shared/domain/checklists';
import type { DrillRun } from '@shared/domain/drillRun';
import type { ActionItemStatus, DomainEvent, Envelope } from '@shared/domain/events';
import type { HypothesisState, HypothesisSummary } from '@shared/domain/hypothesis';
import type { IncidentState, IncidentSummary } from '@shared/domain/incident';
import type { DeliveryState, MessageState, MessageView } from '@shared/domain/messages';
import type { IncidentFacts } from '@shared/domain/metrics/facts';
import type { OrganisationState } from '@shared/domain/organisation';
import type { PostmortemState } from '@shared/domain/postmortem';
import type { RosterState } from '@shared/domain/roster';
import type { Seal, Witness } from '@shared/sync/chain';
import type { Cursor } from '@shared/sync/protocol';

/** An event as stored: the event itself plus a derived timeline key. */
export type StoredEvent = (DomainEvent | Envelope) & {
  /** Timeline order key; absent on events not shown on the timeline. */
  tl?: string;
  /** 1 when this build does not understand the event: kept and passed on, not folded. */
  unknown?: 1;
  /** The link of its author's chain after this event (shared/sync/chain.ts). */
  link?: string;
  /** The link before it, kept when the event before it is not held here, so it can be passed on. */
  chain?: string;
  /** Its author's signature over `link`, when this event ended a signed run. */
  seal?: Seal;
  /** Where it came without a seal of its own (an incident file): the hashes of its author's next events and their seal. */
  witness?: Witness;
};

/** An event of this console's that no hub has acknowledged yet. */
export type OutboxRow = { deviceId: string; deviceSeq: number; id: string; queuedAt: number };

export type IncidentRow = {
  id: string;
  state: IncidentState;
  /** Null until the declaration has been seen. */
  summary: IncidentSummary | null;
  /** Indexed: set only once declared, so the list index holds declared incidents only. */
  declaredAt?: string;
  /**
   * How many events the incident's timeline shows. Kept here because counting
   * an index range in IndexedDB walks it: tens of milliseconds per 10,000 rows.
   */
  timelineCount: number;
  /**
   * How many of the incident's events this console holds. Grows with every event, whatever its clock:
   * a reader that saw fewer has missed some, even ones that arrived by sync with an older clock.
   */
  eventCount?: number;
  /** Indexed: 1 while a field is in conflict, absent otherwise (IndexedDB cannot index booleans), so the index holds only those. */
  conflicted?: 1;
  /** Indexed: 1 while the incident is open, absent once it is over, so the watchers read open incidents only. */
  open?: 1;
  /**
   * Indexed with `declaredAt` for an incident that is over: 1 resolved, 0 closed. The list reads that
   * index backwards, a page at a time: resolved before closed, each most recent first.
   */
  pastRank?: 0 | 1;
};

export type DeviceMeta = {
  key: 'device';
  deviceId: string;
  seq: number;
  hlc: string | null;
  /** Raw Ed25519 public key, hex; the device id is derived from it. Absent only before the first start completes. */
  publicKey?: string;
  /** The link of this device's chain after its last event (shared/sync/chain.ts). */
  link?: string;
};
/** The private half of this console's key pair: a non-extractable WebCrypto key, usable only to sign here. */
export type SigningKeyMeta = { key: 'signingKey'; deviceId: string; privateKey: CryptoKey };
export type ProjectionMeta = { key: 'projections'; version: number };
export type ProfileMeta = { key: 'profile'; name: string };
/** The organisation's settings as folded from their stream (a projection: rebuilt with the others). */
export type OrganisationMeta = { key: 'organisation'; state: OrganisationState };
/** This console's membership of a sync space on a hub, and where it is in the hub's log. */
export type SyncMeta = {
  key: 'sync';
  hubUrl: string;
  /** Until the first welcome: the room's code. Afterwards the token stands in for it. */
  joinCode: string | null;
  space: string | null;
  spaceName: string | null;
  token: string | null;
  /** The device the token was issued to (this console's identity then; it moves on after a restore). */
  tokenDevice?: string;
  /** Hex key that seals this space's bundle files. */
  bundleKey: string | null;
  cursor: Cursor | null;
  joinedAt: number;
};
/** How the hub's clock differs from this console's, learnt at the last welcome. */
export type ClockMeta = { key: 'clock'; offsetMs: number; learntAt: number };
/** The console moved to a new device identity (first start after a restore): shown once, then cleared. */
export type IdentityChangeMeta = { key: 'identityChange'; from: string | null; to: string; reason: string; at: number };
export type MetaRow = DeviceMeta | SigningKeyMeta | IdentityChangeMeta | ProjectionMeta | ProfileMeta | OrganisationMeta | SyncMeta | ClockMeta;
/** An event a hub refused for good. */
export type RefusedRow = { id: string; reason: string; at: number };

/** Where an event came in from. */
export type EventSource = 'hub' | 'bundle' | 'file';

export type QuarantineProblem =
  /** This console refused it (invalid, or beyond the storable limits); only a hub's are kept here, files say so on import. */
  | 'refused'
  /** IndexedDB would not store it. */
  | 'unstorable'
  /** Storing or folding it into the projections failed. */
  | 'unapplicable'
  /** Its id is already in the log with other content: the newcomer is set aside, the log keeps the first. */
  | 'conflict';

export type QuarantineRow = {
  /** Assigned on write: one id may be set aside more than once, with different content. */
  key?: number;
  /** The event id it claims; empty when it claims none. */
  id: string;
  problem: QuarantineProblem;
  /** In the words of whatever refused it. */
  reason: string;
  source: EventSource;
  at: number;
  /** The event as JSON, cut to QUARANTINE_RAW_CHARS. */
  raw: string;
  /** Length of the whole JSON: more than `raw` holds when it was cut. */
  rawChars: number;
};

export type PostmortemRow = PostmortemState;
/** One incident's checklists, folded (shared/domain/checklists.ts). */
export type ChecklistsRow = ChecklistsState;
/** One exercise incident's drill, folded (shared/domain/drillRun.ts). */
export type DrillRow = DrillRun;

export type ActionItemRow = {
  id: string;
  incidentId: string;
  /** Indexed; 'open' until the item's creation has been seen. */
  status: ActionItemStatus;
  state: ActionItemState;
  /** Null until the item's creation has been seen. */
  summary: ActionItem | null;
};

export type HypothesisRow = {
  id: string;
  /** Indexed: the board reads one incident's rows in one query. '' until the proposal names the incident. */
  incidentId: string;
  state: HypothesisState;
  /** Null until the proposal itself has been seen. */
  summary: HypothesisSummary | null;
  /** Indexed: 1 while a field is in conflict, absent otherwise (IndexedDB cannot index booleans), so the index holds only those. */
  conflicted?: 1;
};

export type MessageRow = {
  id: string;
  /** Indexed: '' until the message itself has been seen. */
  incidentId: string;
  /** Indexed: the delivery worker reads the queued ones. '' until the message has been seen. */
  state: DeliveryState | '';
  folded: MessageState;
  view: MessageView | null;
};

export type IncidentFactsRow = { incidentId: string; facts: IncidentFacts };

/** An alert group as folded, with what the inbox sorts and shows it by. */
export type AlertGroupRow = AlertGroupState & {
  /** 1 while any of its alerts fires: the inbox's index. */
  firing: 0 | 1;
  firingCount: number;
  alertCount: number;
  /** The most severe of its firing alerts, else of all of them. */
  severity: AlertSeverity;
  /** Its earliest alert's title: what the group is called. */
  title: string;
};

export type RosterRow = { incidentId: string; state: RosterState };

export type DeliveryRow = {
  messageId: string;
  /**
   * Which run of the message this row counts: '' for the first, the id of the
   * `message.requeued` event for a later one. A row of an older run is stale.
   */
  run: string;
  /** Attempts made in this run. */
  attempts: number;
  /** Not before this instant (epoch ms): the back-off. */
  nextAt: number;
  /** When the attempt now on the wire started; null when none is. */
  inFlight: number | null;
  /** The console stopped while an attempt was on the wire: whether it arrived is unknown. Never resent by itself. */
  uncertain: boolean;
  /** Why the last attempt did not arrive (retrying), or that this platform cannot post (waiting). */
  problem: { kind: 'retry'; reason: string; status: number | null } | { kind: 'waiting' } | null;
};
