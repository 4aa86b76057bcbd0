import type { DomainEvent, Envelope } from '@shared/domain/events';
import type { IncidentState, IncidentSummary } from '@shared/domain/incident';
import type { OrganisationState } from '@shared/domain/organisation';
import type { Cursor } from '@shared/sync/protocol';

/** An event as stored: the event itself plus a derived timeline key. */
export type StoredEvent = (DomainEvent | Envelope) & {
  /** Timeline order key; absent on events not shown on the timeline. */
  tl?: string;
  /** 1 when this build does not understand the event: kept and passed on, not folded. */
  unknown?: 1;
};

export type OutboxRow = { id: string; queuedAt: number };

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
};

export type DeviceMeta = { key: 'device'; deviceId: string; seq: number; hlc: string | null };
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
  /** Hex key that seals this space's bundle files. */
  bundleKey: string | null;
  cursor: Cursor | null;
  joinedAt: number;
};
/** How the hub's clock differs from this console's, learnt at the last welcome. */
export type ClockMeta = { key: 'clock'; offsetMs: number; learntAt: number };
export type MetaRow = DeviceMeta | ProjectionMeta | ProfileMeta | OrganisationMeta | SyncMeta | ClockMeta;
/** An event a hub refused for good. */
export type RefusedRow = { id: string; reason: string; at: number };
