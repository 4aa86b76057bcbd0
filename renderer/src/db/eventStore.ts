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
import { checkOccurredAt } from '@shared/domain/occurredAt';
import { checkStorable } from '@shared/domain/storable';
import { isTimelineEvent, timelineKey } from '@shared/domain/timeline';
import { SealVerifier, ZERO_LINK, contentHash, contentOf, idsToLookUp, judgeChains, nextLink, type TravellingEvent } from '@shared/sync/chain';

import type { WarroomDatabase } from './database';
import { takeNewIdentity } from './identity';
import { hubTime } from './hubClock';
import { clearProjections, projectEvents, projectionTables } from './projections';
import { quarantineEvents, type EventSource, type QuarantineRecord } from './quarantine';
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

export function toStored(event: DomainEvent): StoredEvent {
  return isTimelineEvent(event) ? { ...event, tl: timelineKey(event) } : { ...event };
}

/** Records a local action. Resolves with the event once it is durable. */
export async function appendLocal<T extends EventType>(
  db: WarroomDatabase,
  draft: LocalDraft<T>,
  now: Clock = Date.now,
): Promise<DomainEvent> {
  // What a person sees is on this console's own clock; a time ahead of it is a mistake the hub would refuse for good.
  if (checkOccurredAt(Date.parse(draft.occurredAt), now()) === 'future') {
    throw new InvalidEventError("occurredAt: must not be later than now on this console's clock");
  }
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const device = await db.device();
    const seq = device.seq + 1;
    const hlc = tickHlc(device.hlc, hubTime(db, now));
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
      db.outbox.add({ deviceId: device.deviceId, deviceSeq: seq, id, queuedAt: now() }),
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
  /** Could not be stored or applied here: set aside (see quarantine.ts) while the rest went in. */
  quarantined: number;
};

type Tally = Pick<IngestResult, 'added' | 'duplicates' | 'unknown' | 'suspectClocks'>;

/**
 * Takes events from elsewhere. Idempotent: ingesting the same events again, in
 * any order, changes nothing. Invalid events and events beyond the storable
 * limits are reported and nothing of them is stored (those from a hub are also
 * set aside, so they show). An event that passes but still cannot be stored or
 * applied is set aside and the others go in. To set one aside without losing
 * the others it must run in its own transactions: called inside a caller's
 * transaction, such a failure fails the caller's.
 */
export async function ingestEvents(
  db: WarroomDatabase,
  raws: readonly unknown[],
  now: Clock = Date.now,
  source: EventSource = 'hub',
): Promise<IngestResult> {
  const result: IngestResult = { added: 0, duplicates: 0, unknown: 0, suspectClocks: 0, rejected: [], quarantined: 0 };
  const envelopes: TravellingEvent[] = [];
  const positions: number[] = [];
  const parsedEvents: (DomainEvent | null)[] = [];
  /** Refused events still in their author's chain: hashed so the events after them link (a hub sends the link once a run). */
  const links = new Set<number>();
  const refused: QuarantineRecord[] = [];
  raws.forEach((raw, index) => {
    // Limits first: the parser must never walk what no console could store.
    const unstorable = checkStorable(raw);
    const parsed = unstorable ? ({ status: 'invalid', error: unstorable } as const) : parseEvent(raw);
    if (parsed.status === 'invalid') {
      result.rejected.push({ index, error: parsed.error });
      if (source === 'hub') refused.push({ raw, id: claimedId(raw), problem: 'refused', reason: parsed.error, source, at: now() });
      if (inAChain(raw)) {
        links.add(envelopes.length);
        envelopes.push(raw);
        parsedEvents.push(null);
        positions.push(index);
      }
      return;
    }
    // Kept exactly as its author wrote it (older versions are upcast when read): its content hash must not change.
    envelopes.push(parsed.status === 'unknown' ? parsed.envelope : (raw as TravellingEvent));
    parsedEvents.push(parsed.status === 'valid' ? parsed.event : null);
    positions.push(index);
  });
  // Authorship, checked before any transaction (WebCrypto answers on another thread): covered by its author's seal,
  // and the same content as anything held under its id.
  const candidates: StoredEvent[] = [];
  if (envelopes.length) {
    const held = await heldLinks(db, idsToLookUp(envelopes));
    const verdicts = await judgeChains(envelopes, held, verifier);
    // Held here once this batch is in: an event whose predecessor is among them needs no link carried with it.
    const willHold = new Set([...held.keys(), ...verdicts.flatMap((v) => (v.status === 'verified' && !links.has(v.index) ? [envelopes[v.index]!.id] : []))]);
    for (const verdict of verdicts) {
      const index = positions[verdict.index]!;
      if (links.has(verdict.index)) continue;
      if (verdict.status === 'held') result.duplicates++;
      else if (verdict.status === 'refused' || verdict.status === 'uncovered') {
        result.rejected.push({ index, error: verdict.reason });
        refused.push({ raw: raws[index], id: claimedId(raws[index]), problem: 'refused', reason: verdict.reason, source, at: now() });
      } else if (verdict.status === 'conflict') {
        result.rejected.push({ index, error: verdict.reason });
        refused.push({ raw: raws[index], id: claimedId(raws[index]), problem: 'conflict', reason: verdict.reason, source, at: now() });
      } else {
        const content = contentOf(verdict.event) as Envelope;
        const parsed = parsedEvents[verdict.index];
        const stored: StoredEvent = parsed ? { ...content, ...timelineOf(parsed) } : { ...content, unknown: 1 };
        stored.link = verdict.link;
        // The link before it travels on with it only where this console cannot work it out from the event before.
        if (content.deviceSeq > 1 && !willHold.has(`${content.deviceId}:${content.deviceSeq - 1}`)) stored.chain = verdict.chain;
        // Every checked seal is kept, whatever arrived before it: what a console holds must not depend on the order it came in.
        if (verdict.seal) stored.seal = verdict.seal;
        if (verdict.witness) stored.witness = verdict.witness;
        candidates.push(stored);
      }
    }
  }
  const found: Findings = { conflicts: [], ownBeyond: false };
  const failed = candidates.length ? await applyIsolating(db, candidates, result, now, found) : [];
  const quarantined = [
    ...refused,
    ...found.conflicts.map((event): QuarantineRecord => ({
      raw: stripDerived(event),
      id: event.id,
      problem: 'conflict',
      reason: 'an event with this id and different content is already held',
      source,
      at: now(),
    })),
    ...failed.map(({ event, error }): QuarantineRecord => ({
      raw: stripDerived(event),
      id: event.id,
      problem: isStoreRefusal(error) ? 'unstorable' : 'unapplicable',
      reason: describeError(error),
      source,
      at: now(),
    })),
  ];
  await quarantineEvents(db, quarantined);
  result.quarantined = failed.length;
  // Events of this console's own device beyond what it holds (its database came back from an older copy): it moves to
  // a new identity before it writes again. Outside a caller's transaction only: making a key pair leaves IndexedDB.
  if (found.ownBeyond && !Dexie.currentTransaction) await takeNewIdentity(db, 'restored');
  return result;
}

/**
 * Stores and applies the events in one transaction; when that fails, halves
 * and tries again, down to the single events that fail on their own. Their
 * failures are returned; everything else is in. Only failures that are about
 * one event are isolated: a full disk or a closed database fails them all.
 */
async function applyIsolating(
  db: WarroomDatabase,
  events: readonly StoredEvent[],
  result: IngestResult,
  now: Clock,
  found: Findings,
): Promise<{ event: StoredEvent; error: unknown }[]> {
  try {
    const tally = await storeAndApply(db, events, now, found);
    result.added += tally.added;
    result.duplicates += tally.duplicates;
    result.unknown += tally.unknown;
    result.suspectClocks += tally.suspectClocks;
    return [];
  } catch (error) {
    if (Dexie.currentTransaction || isSystemic(error)) throw error;
    if (events.length === 1) return [{ event: events[0]!, error }];
    const half = Math.ceil(events.length / 2);
    const first = await applyIsolating(db, events.slice(0, half), result, now, found);
    return [...first, ...(await applyIsolating(db, events.slice(half), result, now, found))];
  }
}

/** What storing found besides the tally: other content under held ids, and this console's own events beyond its count. */
type Findings = { conflicts: StoredEvent[]; ownBeyond: boolean };

async function storeAndApply(db: WarroomDatabase, candidates: readonly StoredEvent[], now: Clock, found: Findings): Promise<Tally> {
  const tally: Tally = { added: 0, duplicates: 0, unknown: 0, suspectClocks: 0 };
  await db.transaction('rw', projectionTables(db), async () => {
    const existing = await heldAmong(db, candidates);
    const seen = new Set<string>();
    const fresh: StoredEvent[] = [];
    candidates.forEach((candidate) => {
      const other = existing.get(candidate.id);
      // Arrived meanwhile by another path: the same content is a duplicate, other content is a conflict.
      if (other && other.link !== undefined && other.link !== candidate.link) found.conflicts.push(candidate);
      else if (other || seen.has(candidate.id)) tally.duplicates++;
      else {
        seen.add(candidate.id);
        fresh.push(candidate);
      }
    });
    if (fresh.length === 0) return;
    const device = await db.device();
    // Read in the transaction that stores them: this console's own events beyond its count mean it was restored.
    if (fresh.some((event) => event.deviceId === device.deviceId && event.deviceSeq > device.seq)) found.ownBeyond = true;
    let hlc = device.hlc;
    for (const event of fresh) {
      const received = receiveHlc(hlc, event.hlc, hubTime(db, now));
      hlc = received.hlc;
      if (received.suspect) tally.suspectClocks++;
      if (event.unknown) tally.unknown++;
    }
    await db.events.bulkAdd(fresh);
    await projectEvents(db, fresh.flatMap((e) => (e.unknown ? [] : readStored(e))));
    await db.meta.put({ ...device, hlc });
    tally.added = fresh.length;
  });
  return tally;
}

/** Errors about the database as a whole, not about one event: setting events aside would not help. */
const SYSTEMIC_ERRORS = new Set(['QuotaExceededError', 'DatabaseClosedError', 'MissingAPIError', 'VersionError', 'InvalidStateError']);
/** What IndexedDB says when it cannot keep a value (Dexie passes its name on, or wraps it as `inner`). */
const STORE_REFUSALS = new Set(['DataCloneError', 'DataError']);

function errorNames(error: unknown): string[] {
  const outer = error as { name?: unknown; inner?: { name?: unknown } | null } | null;
  return [outer?.name, outer?.inner?.name].filter((name): name is string => typeof name === 'string');
}

function isSystemic(error: unknown): boolean {
  return errorNames(error).some((name) => SYSTEMIC_ERRORS.has(name));
}

function isStoreRefusal(error: unknown): boolean {
  return errorNames(error).some((name) => STORE_REFUSALS.has(name));
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function claimedId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

export type RebuildProgress = { done: number; total: number };

const REBUILD_PAGE = 5000;

/** Throws the projections away and folds them again from the log. */
export async function rebuildProjections(
  db: WarroomDatabase,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<void> {
  await db.transaction('rw', projectionTables(db), async () => {
    const total = await db.events.count();
    await clearProjections(db);
    let done = 0;
    let after: string = Dexie.minKey as unknown as string;
    for (;;) {
      const page = await db.events.where(':id').above(after).limit(REBUILD_PAGE).toArray();
      if (page.length === 0) break;
      await projectEvents(db, page.flatMap(readStored));
      // Events a newer console wrote that this build now understands take their place on the timeline.
      const learned = page
        .filter((stored) => stored.unknown)
        .flatMap((stored) =>
          readStored(stored).map((event): StoredEvent => {
            const { unknown: _unknown, ...kept } = stored;
            // Kept as its author wrote it (its content hash must not change); only the timeline key is new.
            return { ...kept, ...timelineOf(event) };
          }),
        );
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

/** Names its place in an author's chain (an id, its device and number), whatever else is wrong with it. */
function inAChain(raw: unknown): raw is TravellingEvent {
  const event = raw as Partial<TravellingEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.deviceId === 'string' &&
    Number.isSafeInteger(event.deviceSeq) &&
    event.id === `${event.deviceId}:${event.deviceSeq}`
  );
}

/**
 * The rows held here under these events' ids. A page holds runs of each
 * author's events: one key range per author reads them in one pass (about a
 * fifth of the time of a lookup per id); an author's events far apart are
 * looked up by id.
 */
async function heldAmong(db: WarroomDatabase, events: readonly StoredEvent[]): Promise<Map<string, StoredEvent>> {
  const byDevice = new Map<string, { min: number; max: number; ids: string[] }>();
  for (const { id, deviceId, deviceSeq } of events) {
    const range = byDevice.get(deviceId);
    if (!range) byDevice.set(deviceId, { min: deviceSeq, max: deviceSeq, ids: [id] });
    else {
      range.min = Math.min(range.min, deviceSeq);
      range.max = Math.max(range.max, deviceSeq);
      range.ids.push(id);
    }
  }
  const held = new Map<string, StoredEvent>();
  for (const [deviceId, { min, max, ids }] of byDevice) {
    const rows =
      max - min < 2 * ids.length
        ? await db.events.where('[deviceId+deviceSeq]').between([deviceId, min], [deviceId, max], true, true).toArray()
        : await db.events.bulkGet(ids);
    for (const row of rows) if (row) held.set(row.id, row);
  }
  return held;
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

const verifier = new SealVerifier();

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
