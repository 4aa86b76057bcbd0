/**
 * Events this console took in but could not keep in its log, set aside with
 * why and from where, so one bad event never stops sync and nothing arrives
 * unseen. The sync page lists them. An event set aside is not in the log: it
 * is neither folded nor passed on; what it held is kept here (cut short when
 * huge) for whoever looks into it.
 */
import type { WarroomDatabase } from './database';
import type { EventSource, QuarantineProblem, QuarantineRow } from './types';

export type QuarantineRecord = Omit<QuarantineRow, 'key' | 'raw' | 'rawChars'> & { raw: unknown };

/** Enough to read any event this build writes; an event beyond it is kept as its beginning. */
export const QUARANTINE_RAW_CHARS = 64 * 1024;
const REASON_CHARS = 500;
/** Shown and kept: the newest ones. An old one beyond it is dropped when a new one comes in, so the table stays small. */
export const QUARANTINE_KEPT = 1000;

/** Sets events aside. The same content under the same id, for the same problem, is recorded once. */
export async function quarantineEvents(db: WarroomDatabase, records: readonly QuarantineRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map(toRow);
  await db.transaction('rw', db.quarantine, async () => {
    const known = await db.quarantine.where('id').anyOf([...new Set(rows.map((row) => row.id))]).toArray();
    const seen = new Set(known.map(sameness));
    const fresh = rows.filter((row) => {
      const key = sameness(row);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length) await db.quarantine.bulkAdd(fresh);
    const excess = (await db.quarantine.count()) - QUARANTINE_KEPT;
    if (excess > 0) await db.quarantine.orderBy('at').limit(excess).delete();
  });
}

/** The events set aside, newest first. */
export function listQuarantined(db: WarroomDatabase, limit = 50): Promise<QuarantineRow[]> {
  return db.quarantine.orderBy('at').reverse().limit(limit).toArray();
}

function toRow(record: QuarantineRecord): QuarantineRow {
  const json = jsonOf(record.raw);
  return {
    id: record.id,
    problem: record.problem,
    reason: record.reason.slice(0, REASON_CHARS),
    source: record.source,
    at: record.at,
    raw: json.slice(0, QUARANTINE_RAW_CHARS),
    rawChars: json.length,
  };
}

function jsonOf(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? '';
  } catch {
    // Nested beyond what JSON.stringify can walk: nothing readable to keep.
    return '';
  }
}

function sameness(row: QuarantineRow): string {
  return `${row.problem}\n${row.id}\n${row.rawChars}\n${row.raw}`;
}

export type { EventSource, QuarantineProblem, QuarantineRow };
