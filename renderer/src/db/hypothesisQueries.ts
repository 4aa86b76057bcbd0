/** Reads of the hypothesis board. Each is a plain Dexie query, fit for `useLiveQuery`. */
import { Dexie } from 'dexie';

import type { EventOf, HypothesisStatus } from '@shared/domain/events';
import { isLive, type HypothesisSummary } from '@shared/domain/hypothesis';
import { nameKey } from '@shared/domain/text';
import { resolveEntry, type Amendment } from '@shared/domain/timeline';

import type { WarroomDatabase } from './database';
import { readStored } from './eventStore';
import { asTimelineEvents } from './queries';

/**
 * Owners of the incident's live hypotheses (proposed or testing), as name keys
 * (`nameKey`, as the roster keys people): people who still have a probe to run,
 * so should not be released.
 * A field in conflict counts every live value: when in doubt, keep the person.
 */
export async function liveHypothesisOwners(db: WarroomDatabase, incidentId: string): Promise<Set<string>> {
  const rows = await db.hypotheses.where('incidentId').equals(incidentId).toArray();
  const owners = new Set<string>();
  for (const { summary } of rows) {
    if (!summary) continue;
    const statuses = summary.conflictValues.status?.map((c) => c.value.status) ?? [summary.status];
    if (!statuses.some(isLive)) continue;
    const names = summary.conflictValues.owner?.map((c) => c.value) ?? [summary.owner];
    for (const name of names) {
      const key = nameKey(name);
      if (key) owners.add(key);
    }
  }
  return owners;
}

const COLUMN_ORDER: Record<HypothesisStatus, number> = { proposed: 0, testing: 1, confirmed: 2, refuted: 3, parked: 4 };

/**
 * Every proposed hypothesis of an incident, in one read: by column, then oldest
 * proposal first, so a card keeps its place while the board updates around it.
 */
export async function listHypotheses(db: WarroomDatabase, incidentId: string): Promise<HypothesisSummary[]> {
  const rows = await db.hypotheses.where('incidentId').equals(incidentId).toArray();
  return rows
    .flatMap((row) => (row.summary ? [row.summary] : []))
    .sort(
      (a, b) =>
        COLUMN_ORDER[a.status] - COLUMN_ORDER[b.status] ||
        (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

export async function getHypothesis(db: WarroomDatabase, id: string): Promise<HypothesisSummary | null> {
  return (await db.hypotheses.get(id))?.summary ?? null;
}

export type EntryChoice = { id: string; occurredAt: string; text: string; struck: boolean };

function toChoice(entry: EventOf<'timeline.entryLogged'>, amendment: Amendment | undefined): EntryChoice {
  const resolved = resolveEntry(entry, amendment);
  return { id: entry.id, occurredAt: entry.occurredAt, text: resolved.text, struck: resolved.struck !== null };
}

/** The newest `limit` logged entries of an incident, newest first, as they read now: what evidence can point at. */
export async function recentEntryChoices(db: WarroomDatabase, incidentId: string, limit: number): Promise<EntryChoice[]> {
  const rows = (await db.events
    .where('[incidentId+tl]')
    .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
    .reverse()
    .filter((e) => e.type === 'timeline.entryLogged' && !e.unknown)
    .limit(limit)
    .toArray()
    .then(asTimelineEvents)) as EventOf<'timeline.entryLogged'>[];
  const amendments = await db.amendments.bulkGet(rows.map((r) => r.id));
  return rows.map((row, i) => toChoice(row, amendments[i]));
}

/** Entries that evidence points at, by id, as they read now (missing ones have not arrived yet). */
export async function entryChoicesById(db: WarroomDatabase, ids: readonly string[]): Promise<Map<string, EntryChoice>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [rows, amendments] = await Promise.all([db.events.bulkGet(unique), db.amendments.bulkGet(unique)]);
  const found = new Map<string, EntryChoice>();
  rows.forEach((row, i) => {
    const event = row ? readStored(row)[0] : undefined;
    if (event?.type === 'timeline.entryLogged') found.set(event.id, toChoice(event, amendments[i]));
  });
  return found;
}
