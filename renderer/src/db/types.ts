import type { DomainEvent, Envelope } from '@shared/domain/events';
import type { IncidentState, IncidentSummary } from '@shared/domain/incident';
import type { OrganisationState } from '@shared/domain/organisation';
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
