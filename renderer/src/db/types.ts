import type { DomainEvent, Envelope } from '@shared/domain/events';
import type { IncidentState, IncidentSummary } from '@shared/domain/incident';
import type { OrganisationState } from '@shared/domain/organisation';

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
};

export type DeviceMeta = { key: 'device'; deviceId: string; seq: number; hlc: string | null };
export type ProjectionMeta = { key: 'projections'; version: number };
export type ProfileMeta = { key: 'profile'; name: string };
/** The organisation's settings as folded from their stream (a projection: rebuilt with the others). */
export type OrganisationMeta = { key: 'organisation'; state: OrganisationState };
export type MetaRow = DeviceMeta | ProjectionMeta | ProfileMeta | OrganisationMeta;
