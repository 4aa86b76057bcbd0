/**
 * The only place events enter the database. A local action is one transaction
 * writing the event, its outbox row, the projections and the device counters;
 * events from elsewhere (sync, files) are validated, de-duplicated by id, and
 * projected the same way.
 */
import { Dexie } from 'dexie';

import { CURRENT_VERSION, parseEvent, type DomainEvent, type Envelope, type EventType, type PayloadOf } from '@shared/domain/events';
import { receiveHlc, tickHlc } from '@shared/domain/hlc';
import { eventId } from '@shared/domain/ids';
import { isTimelineEvent, timelineKey } from '@shared/domain/timeline';
import { SealVerifier, ZERO_LINK, contentHash, contentOf, idsToLookUp, judgeChains, nextLink, type TravellingEvent } from '@shared/sync/chain';

import type { WarroomDatabase } from './database';
import { projectEvents } from './projector';
import { PROJECTION_VERSION } from './schema';
import type { StoredEvent } from './types';

export class InvalidEventError extends Error {
  constructor(readonly detail: string) {
    super(`Refused an invalid change: ${detail}`);
    this.name = 'InvalidEventError';
  }
}

export type LocalDraft<T extends EventType = EventType> = {
  type: T;
  /** The stream. Null when the event declares a new incident: the incident then takes the event's id. */
  incidentId: string | null;
  actor: string;
  occurredAt: string;
  payload: PayloadOf<T>;
};

export type Clock = () => number;

/**
 * The hub's clock minus this console's, learnt when it last connected. Event
 * clocks follow the hub's time, so a console whose own clock is wrong neither
 * stamps its events into the future (a hub would refuse them) nor behind
 * everyone else's. What a person sees (occurredAt) stays on the local clock.
 */
let hubClockOffsetMs = 0;
/** Offsets smaller than this are network noise, not a wrong clock. */
const CLOCK_OFFSET_NOISE_MS = 1_000;

export function setHubClockOffset(offsetMs: number): void {
  hubClockOffsetMs = Number.isFinite(offsetMs) && Math.abs(offsetMs) >= CLOCK_OFFSET_NOISE_MS ? Math.round(offsetMs) : 0;
}

export function toStored(event: DomainEvent): StoredEvent {
  return isTimelineEvent(event) ? { ...event, tl: timelineKey(event) } : { ...event };
}

/** Records a local action. Resolves with the event once it is durable. */
export async function appendLocal<T extends EventType>(
  db: WarroomDatabase,
  draft: LocalDraft<T>,
  now: Clock = Date.now,
): Promise<DomainEvent> {
  return db.transaction('rw', [...db.projectionTables(), db.outbox], async () => {
    const device = await db.device();
    const seq = device.seq + 1;
    const hlc = tickHlc(device.hlc, now() + hubClockOffsetMs);
    const id = eventId(device.deviceId, seq);
    const parsed = parseEvent({
      id,
      incidentId: draft.incidentId ?? id,
      type: draft.type,
      v: CURRENT_VERSION[draft.type],
      hlc,
      deviceId: device.deviceId,
      deviceSeq: seq,
      actor: draft.actor,
      occurredAt: draft.occurredAt,
      payload: draft.payload,
    });
    if (parsed.status !== 'valid') throw new InvalidEventError(parsed.status === 'invalid' ? parsed.error : draft.type);
    const event = parsed.event;
    // The event joins this device's chain here; it is signed when it leaves (a push, a bundle, a file).
    const link = nextLink(device.link ?? ZERO_LINK, contentHash(event));
    // Independent writes of one transaction, issued together: one round trip each is what a keystroke waits for.
    await Promise.all([
      db.events.add({ ...toStored(event), link }),
      db.outbox.add({ id, queuedAt: now() }),
      projectEvents(db, [event]),
      db.meta.put({ ...device, seq, hlc, link }),
    ]);
    return event;
  });
}

export type IngestResult = {
  added: number;
  duplicates: number;
  /** Kept but not understood by this build (a newer console wrote them). */
  unknown: number;
  /** Clock values from far ahead of ours: stored, and flagged to the user. */
  suspectClocks: number;
  rejected: { index: number; error: string }[];
  /** Another content under an id held here, or another history of its author: never stored, kept aside to be shown. */
  conflicts: { index: number; id: string; reason: string; event: unknown }[];
};

/** Events checked for form and authorship, ready to be stored in one transaction. */
export type PreparedIngest = { result: IngestResult; fresh: StoredEvent[] };

const verifier = new SealVerifier();

/**
 * Checks events from elsewhere, outside any transaction (signatures are
 * checked by WebCrypto, which a database transaction cannot wait for): each
 * must be a valid event, and covered by its author's seal. Nothing is stored.
 */
export async function prepareIngest(db: WarroomDatabase, raws: readonly unknown[]): Promise<PreparedIngest> {
  const result: IngestResult = { added: 0, duplicates: 0, unknown: 0, suspectClocks: 0, rejected: [], conflicts: [] };
  const envelopes: TravellingEvent[] = [];
  const positions: number[] = [];
  const parsedEvents: (DomainEvent | null)[] = [];
  raws.forEach((raw, index) => {
    const parsed = parseEvent(raw);
    if (parsed.status === 'invalid') return void result.rejected.push({ index, error: parsed.error });
    // Kept exactly as its author wrote it (older versions are upcast when read): its content hash must not change.
    envelopes.push(parsed.status === 'unknown' ? parsed.envelope : (raw as TravellingEvent));
    parsedEvents.push(parsed.status === 'valid' ? parsed.event : null);
    positions.push(index);
  });
  if (envelopes.length === 0) return { result, fresh: [] };
  const held = await heldLinks(db, idsToLookUp(envelopes));
  const verdicts = await judgeChains(envelopes, held, verifier);
  const fresh: StoredEvent[] = [];
  for (const verdict of verdicts) {
    const index = positions[verdict.index]!;
    if (verdict.status === 'held') result.duplicates++;
    else if (verdict.status === 'refused') result.rejected.push({ index, error: verdict.reason });
    else if (verdict.status === 'conflict') result.conflicts.push({ index, id: envelopes[verdict.index]!.id, reason: verdict.reason, event: raws[index] });
    else {
      const content = contentOf(verdict.event) as Envelope;
      const parsed = parsedEvents[verdict.index];
      const stored: StoredEvent = parsed ? { ...content, ...timelineOf(parsed) } : { ...content, unknown: 1 };
      stored.link = verdict.link;
      // The link before it travels on with it only where this console cannot work it out from the event before.
      if (!held.has(`${content.deviceId}:${content.deviceSeq - 1}`) && content.deviceSeq > 1) stored.chain = verdict.chain;
      if (verdict.seal) stored.seal = verdict.seal;
      fresh.push(stored);
    }
  }
  return { result, fresh };
}

async function heldLinks(db: WarroomDatabase, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.events.bulkGet(ids);
  const links = new Map<string, string>();
  rows.forEach((row) => {
    if (row?.link) links.set(row.id, row.link);
  });
  return links;
}

function timelineOf(event: DomainEvent): { tl?: string } {
  return isTimelineEvent(event) ? { tl: timelineKey(event) } : {};
}

/**
 * Stores prepared events. Call inside a transaction over the projection
 * tables, or alone. Idempotent: what arrived meanwhile by another path is
 * counted as a duplicate, or as a conflict when its content differs.
 */
export async function commitIngest(db: WarroomDatabase, prepared: PreparedIngest, now: Clock = Date.now): Promise<IngestResult> {
  const { result } = prepared;
  if (prepared.fresh.length === 0) return result;
  await db.transaction('rw', db.projectionTables(), async () => {
    const existing = await db.events.bulkGet(prepared.fresh.map((c) => c.id));
    const fresh: StoredEvent[] = [];
    prepared.fresh.forEach((candidate, i) => {
      const other = existing[i];
      if (!other) fresh.push(candidate);
      else if (other.link === candidate.link) result.duplicates++;
      else result.conflicts.push({ index: -1, id: candidate.id, reason: 'an event with this id and different content is already held', event: stripDerived(candidate) });
    });
    if (fresh.length === 0) return;
    const device = await db.device();
    let hlc = device.hlc;
    for (const event of fresh) {
      const received = receiveHlc(hlc, event.hlc, now() + hubClockOffsetMs);
      hlc = received.hlc;
      if (received.suspect) result.suspectClocks++;
      if (event.unknown) result.unknown++;
    }
    await db.events.bulkAdd(fresh);
    await projectEvents(db, fresh.flatMap((e) => (e.unknown ? [] : readStored(e))));
    await db.meta.put({ ...device, hlc });
    result.added = fresh.length;
  });
  return result;
}

/**
 * Takes events from elsewhere. Idempotent: ingesting the same events again, in
 * any order, changes nothing. Invalid or unsigned events are reported and nothing of them is stored.
 */
export async function ingestEvents(db: WarroomDatabase, raws: readonly unknown[], now: Clock = Date.now): Promise<IngestResult> {
  return commitIngest(db, await prepareIngest(db, raws), now);
}

export type RebuildProgress = { done: number; total: number };

const REBUILD_PAGE = 5000;

/** Throws the projections away and folds them again from the log. */
export async function rebuildProjections(
  db: WarroomDatabase,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<void> {
  await db.transaction('rw', db.projectionTables(), async () => {
    const total = await db.events.count();
    await Promise.all([
      db.incidents.clear(),
      db.amendments.clear(),
      db.hypotheses.clear(),
      db.rosters.clear(),
      db.messages.clear(),
      db.postmortems.clear(),
      db.actionItems.clear(),
      db.incidentFacts.clear(),
      db.meta.delete('organisation'),
    ]);
    let done = 0;
    let after: string = Dexie.minKey as unknown as string;
    for (;;) {
      const page = await db.events.where(':id').above(after).limit(REBUILD_PAGE).toArray();
      if (page.length === 0) break;
      await projectEvents(db, page.flatMap(readStored));
      // Events a newer console wrote that this build now understands take their place on the timeline.
      const learned = page
        .filter((stored) => stored.unknown)
        .flatMap((stored) => readStored(stored).map((event): StoredEvent => {
          const { unknown: _unknown, ...kept } = stored;
          // Kept as its author wrote it (its content hash must not change); only the timeline key is new.
          return { ...kept, ...timelineOf(event) };
        }));
      if (learned.length) await db.events.bulkPut(learned);
      done += page.length;
      after = page[page.length - 1]!.id;
      onProgress?.({ done, total });
    }
    await db.meta.put({ key: 'projections', version: PROJECTION_VERSION });
  });
}

/**
 * A stored event as this build understands it. Events were validated when they
 * were stored; only those written at an older version go through the parser
 * again, to be upcast.
 */
export function readStored(stored: StoredEvent): DomainEvent[] {
  if (!stored.unknown && stored.v === CURRENT_VERSION[stored.type as EventType]) return [stripDerived(stored) as DomainEvent];
  // Older versions are upcast; unknown ones (a newer console's) may be understood by now.
  const parsed = parseEvent(stripDerived(stored));
  return parsed.status === 'valid' ? [parsed.event] : [];
}

/** The event as it travels: without the fields this database derives for itself. */
export function stripDerived(stored: StoredEvent): unknown {
  const { tl: _tl, unknown: _unknown, link: _link, ...event } = stored;
  return event;
}

/** Opens the database and brings projections up to this build's fold. */
export async function openDatabase(
  db: WarroomDatabase,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<void> {
  await db.open();
  const projections = await db.meta.get('projections');
  if (!projections || projections.key !== 'projections' || projections.version !== PROJECTION_VERSION) {
    await rebuildProjections(db, onProgress);
  }
}
