/** Reads the console makes. Each is a plain Dexie query, fit for `useLiveQuery`. */
import { Dexie } from 'dexie';

import type { EventOf } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';
import { byText } from '@shared/domain/order';
import { priorityRank } from '@shared/domain/priority';
import type { Amendment, TimelineEvent } from '@shared/domain/timeline';
import { rowMatches, type TimelineFilter } from '@shared/domain/timelineFilter';

import type { WarroomDatabase } from './database';
import { readStored } from './eventStore';
import type { IncidentRow, StoredEvent } from './types';

/** The summaries of rows whose declaration has been seen. */
function summariesOf(rows: readonly IncidentRow[]): IncidentSummary[] {
  return rows.flatMap((row) => (row.summary ? [row.summary] : []));
}

/** Open incidents, most urgent first: by priority, then most recent first. Read through their own index, a few rows. */
export async function listOpenIncidents(db: WarroomDatabase): Promise<IncidentSummary[]> {
  const open = summariesOf(await db.incidents.where('open').equals(1).toArray());
  return open.sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || byText(b.declaredAt, a.declaredAt));
}

/** Past incidents: resolved before closed, each most recent first, whatever their priority was (last month's P3 before a P1 of years ago). */
function pastIncidents(db: WarroomDatabase) {
  return db.incidents.orderBy('[pastRank+declaredAt]').reverse();
}

/** The first `limit` past incidents in the list's order, and how many there are in all: the list shows a page of them at a time. */
export async function listPastIncidents(db: WarroomDatabase, limit: number): Promise<{ incidents: IncidentSummary[]; total: number }> {
  const [rows, total] = await Promise.all([pastIncidents(db).limit(limit).toArray(), pastIncidents(db).count()]);
  return { incidents: summariesOf(rows), total };
}

/** Every declared incident: open ones first, most urgent first, then past ones in the list's order. */
export async function listIncidents(db: WarroomDatabase): Promise<IncidentSummary[]> {
  const [open, past] = await Promise.all([listOpenIncidents(db), pastIncidents(db).toArray()]);
  return [...open, ...summariesOf(past)];
}

/**
 * Timeline rows as this build reads them, like every projection does: an
 * event stored at an older version upcast (readStored). One that no reader
 * here understands (a newer console's) is passed on as stored, so positions
 * in the timeline stay those of its index.
 */
export function asTimelineEvents(rows: readonly StoredEvent[]): TimelineEvent[] {
  return rows.map((row) => (readStored(row)[0] ?? row) as TimelineEvent);
}

/** An incident's timeline rows, as a collection in timeline order; read them with asTimelineEvents. */
export function timelineOf(db: WarroomDatabase, incidentId: string) {
  return db.events.where('[incidentId+tl]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]);
}

/** What the incident page shows at its top level, in one read: the summary and the timeline's length. */
export async function getIncidentView(
  db: WarroomDatabase,
  id: string,
): Promise<{ summary: IncidentSummary; timelineCount: number } | null> {
  const row = await db.incidents.get(id);
  return row?.summary ? { summary: row.summary, timelineCount: row.timelineCount } : null;
}

/** How many events the incident's timeline shows (kept in the projection: no index walk). */
export async function timelineLength(db: WarroomDatabase, incidentId: string): Promise<number> {
  return (await db.incidents.get(incidentId))?.timelineCount ?? 0;
}

/**
 * `limit` timeline events starting at position `offset`, in timeline order.
 * Walks from whichever end is nearer, so the newest entries (where a scribe
 * works) are as cheap to read as the oldest.
 */
export async function timelineSlice(
  db: WarroomDatabase,
  incidentId: string,
  offset: number,
  limit: number,
  total: number,
): Promise<TimelineEvent[]> {
  const start = Math.max(0, offset);
  const end = Math.min(total, start + limit);
  if (end <= start) return [];
  const fromEnd = total - end;
  if (fromEnd < start) {
    const rows = await timelineOf(db, incidentId).reverse().offset(fromEnd).limit(end - start).toArray();
    return asTimelineEvents(rows.reverse());
  }
  return asTimelineEvents(await timelineOf(db, incidentId).offset(start).limit(end - start).toArray());
}

/** Corrections and strike-throughs of an incident's entries, by entry id. */
export async function amendmentsOf(db: WarroomDatabase, incidentId: string): Promise<Map<string, Amendment>> {
  const rows = await db.amendments.where('incidentId').equals(incidentId).toArray();
  return new Map(rows.map((row) => [row.targetId, row]));
}

/**
 * The incident's timeline rows that pass `filter`, in timeline order, with the timeline's full length and
 * the amendments the rows were judged by.
 * It reads the whole timeline: filtering is the reader's choice, not the path every keystroke takes.
 */
export async function filteredTimeline(
  db: WarroomDatabase,
  incidentId: string,
  filter: TimelineFilter,
): Promise<{ rows: TimelineEvent[]; total: number; amendments: Map<string, Amendment> }> {
  const [events, amendments] = await Promise.all([timelineOf(db, incidentId).toArray(), amendmentsOf(db, incidentId)]);
  const rows = asTimelineEvents(events).filter((event) => rowMatches(event, amendments.get(event.id), filter));
  return { rows, total: events.length, amendments };
}

export async function getEntry(db: WarroomDatabase, id: string): Promise<EventOf<'timeline.entryLogged'> | null> {
  const row = await db.events.get(id);
  const event = row ? readStored(row)[0] : undefined;
  return event?.type === 'timeline.entryLogged' ? event : null;
}

/** The newest `limit` entries of an incident (by timeline order), newest first. */
async function newestEntries(db: WarroomDatabase, incidentId: string, limit: number) {
  const rows = await timelineOf(db, incidentId)
    .reverse()
    .filter((e) => e.type === 'timeline.entryLogged')
    .limit(limit)
    .toArray();
  return asTimelineEvents(rows) as EventOf<'timeline.entryLogged'>[];
}

/** The newest entry in an incident, for "↑ corrects the last entry". */
export async function lastEntryId(db: WarroomDatabase, incidentId: string): Promise<string | null> {
  return (await newestEntries(db, incidentId, 1))[0]?.id ?? null;
}

/** Texts of the newest `limit` entries of an incident, as logged. */
export async function recentEntryTexts(db: WarroomDatabase, incidentId: string, limit: number): Promise<Set<string>> {
  return new Set((await newestEntries(db, incidentId, limit)).map((entry) => entry.payload.text));
}

export async function getProfileName(db: WarroomDatabase): Promise<string> {
  const row = await db.meta.get('profile');
  return row?.key === 'profile' ? row.name : '';
}

export async function setProfileName(db: WarroomDatabase, name: string): Promise<void> {
  await db.meta.put({ key: 'profile', name });
}
