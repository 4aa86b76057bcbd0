/**
 * Reads what search knows of one incident from the database: its facts from
 * the incident row, its entries as they read now, its hypotheses, post-mortem
 * and action items. An incident already read is brought up to date from the
 * events newer than those it was read with, so logging one more entry into a
 * long timeline does not read the whole timeline again.
 */
import { Dexie } from 'dexie';

import type { EventOf } from '@shared/domain/events';
import {
  actionItemText,
  byTimelineOrder,
  entryText,
  hypothesisText,
  incidentFacts,
  postmortemTexts,
  type EntryText,
  type SearchableIncident,
} from '@shared/search/document';

import type { WarroomDatabase } from '../db/database';
import { readStored } from '../db/eventStore';
import { amendmentsOf, timelineOf } from '../db/queries';
import type { IncidentRow, StoredEvent } from '../db/types';

/** Where a read left an incident: what the next read starts from. */
export type ReadMark = {
  /** The row's lastHlc and event count when read: when either moves, there is something new. */
  key: string;
  lastHlc: string;
  eventCount: number;
};

export function readKeyOf(row: IncidentRow): string {
  return `${row.state.lastHlc}|${row.eventCount ?? 0}`;
}

/** The tables a read touches: one read transaction over them reads a consistent incident. */
export function searchTables(db: WarroomDatabase) {
  return [db.incidents, db.events, db.amendments, db.hypotheses, db.postmortems, db.actionItems];
}

type Declared = IncidentRow & { summary: NonNullable<IncidentRow['summary']> };
export type ReadResult = { incident: SearchableIncident; mark: ReadMark } | null;

async function declaredRow(db: WarroomDatabase, id: string): Promise<Declared | null> {
  const row = await db.incidents.get(id);
  return row?.summary ? (row as Declared) : null;
}

function entriesOf(events: readonly StoredEvent[]): EventOf<'timeline.entryLogged'>[] {
  return events.flatMap(readStored).filter((e): e is EventOf<'timeline.entryLogged'> => e.type === 'timeline.entryLogged');
}

async function hypothesesOf(db: WarroomDatabase, incidentId: string) {
  const rows = await db.hypotheses.where('incidentId').equals(incidentId).toArray();
  return rows.flatMap((row) => (row.summary ? [hypothesisText(row.summary)] : []));
}

async function actionItemsOf(db: WarroomDatabase, incidentId: string) {
  const rows = await db.actionItems.where('incidentId').equals(incidentId).toArray();
  return rows.flatMap((row) => (row.summary ? [actionItemText(row.summary)] : []));
}

/** The whole incident, read afresh; null when it is not (or no longer) declared. Call inside a read of `searchTables`. */
export async function readSearchable(db: WarroomDatabase, id: string): Promise<ReadResult> {
  const row = await declaredRow(db, id);
  if (!row) return null;
  const [timeline, amendments, hypotheses, postmortem, actionItems] = await Promise.all([
    timelineOf(db, row.id).toArray(),
    amendmentsOf(db, row.id),
    hypothesesOf(db, row.id),
    db.postmortems.get(row.id),
    actionItemsOf(db, row.id),
  ]);
  const entries = entriesOf(timeline).map((entry) => entryText(entry, amendments.get(entry.id)));
  return {
    incident: {
      ...incidentFacts(row.state, row.summary),
      entries: entries.sort(byTimelineOrder),
      hypotheses,
      postmortem: postmortemTexts(postmortem),
      actionItems,
    },
    mark: { key: readKeyOf(row), lastHlc: row.state.lastHlc, eventCount: row.eventCount ?? 0 },
  };
}

/**
 * `previous` brought up to date with the incident's events newer than `mark`.
 * Falls back to a whole read when the events found do not add up to the row's
 * event count: events with older clocks (a correction, a post-mortem edit made
 * offline) arrived by sync meanwhile.
 */
export async function refreshSearchable(db: WarroomDatabase, previous: SearchableIncident, mark: ReadMark): Promise<ReadResult> {
  const row = await declaredRow(db, previous.id);
  if (!row) return null;
  if (readKeyOf(row) === mark.key) return { incident: previous, mark };
  const newer = await db.events
    .where('[incidentId+hlc]')
    .between([row.id, mark.lastHlc], [row.id, Dexie.maxKey], false, true)
    .toArray();
  const eventCount = mark.eventCount + newer.length;
  if (eventCount !== (row.eventCount ?? 0)) return readSearchable(db, row.id);

  const events = newer.flatMap(readStored);
  const logged = events.filter((e): e is EventOf<'timeline.entryLogged'> => e.type === 'timeline.entryLogged');
  const amended = [
    ...new Set(events.flatMap((e) => (e.type === 'timeline.entryCorrected' || e.type === 'timeline.entryStruck' ? [e.payload.target] : []))),
  ];
  const touches = (prefix: string) => events.some((e) => e.type.startsWith(prefix));

  // Entries amended now may have been logged long ago: read them with their amendments.
  const amendedKnown = amended.filter((id) => !logged.some((e) => e.id === id));
  const [amendedEvents, amendments, hypotheses, postmortem, actionItems] = await Promise.all([
    amendedKnown.length ? db.events.bulkGet(amendedKnown) : Promise.resolve<(StoredEvent | undefined)[]>([]),
    db.amendments.bulkGet([...logged.map((e) => e.id), ...amendedKnown]),
    touches('hypothesis.') ? hypothesesOf(db, row.id) : Promise.resolve(previous.hypotheses),
    touches('postmortem.') ? db.postmortems.get(row.id).then(postmortemTexts) : Promise.resolve(previous.postmortem),
    touches('actionItem.') ? actionItemsOf(db, row.id) : Promise.resolve(previous.actionItems),
  ]);
  const amendmentOf = new Map(amendments.flatMap((a) => (a ? [[a.targetId, a] as const] : [])));
  const changed = new Map<string, EntryText>();
  for (const entry of [...logged, ...entriesOf(amendedEvents.filter((e): e is StoredEvent => e !== undefined))]) {
    changed.set(entry.id, entryText(entry, amendmentOf.get(entry.id)));
  }

  let entries = previous.entries;
  if (changed.size) {
    const kept = previous.entries.map((entry) => changed.get(entry.id) ?? entry);
    const known = new Set(previous.entries.map((entry) => entry.id));
    const added = [...changed.values()].filter((entry) => !known.has(entry.id)).sort(byTimelineOrder);
    const last = kept[kept.length - 1];
    // Entries are mostly logged as they happen: they go at the end, no need to sort the whole timeline again.
    const inOrder = !last || !added[0] || byTimelineOrder(last, added[0]) < 0;
    entries = added.length === 0 ? kept : inOrder ? [...kept, ...added] : [...kept, ...added].sort(byTimelineOrder);
  }
  return {
    incident: { ...incidentFacts(row.state, row.summary), entries, hypotheses, postmortem, actionItems },
    mark: { key: readKeyOf(row), lastHlc: row.state.lastHlc, eventCount },
  };
}
