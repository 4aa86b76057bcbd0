/**
 * What a projection is: tables folded from the log, written in the same
 * transaction as the events, thrown away and folded again when the fold
 * changes. Each projection is one file exporting one of these; the registry
 * (projections.ts) lists them.
 */
import type { Table } from 'dexie';

import type { DomainEvent } from '@shared/domain/events';

import type { WarroomDatabase } from './database';

export type Projection = {
  /** Which events it folds: the incidents' streams, the organisation's, or every alert event wherever it is. */
  stream: 'incidents' | 'organisation' | 'alerts';
  /** The tables it writes: every write of events takes them into its transaction. */
  tables: (db: WarroomDatabase) => Table[];
  /** Folds events new to the log (never one twice) into its tables. */
  project: (db: WarroomDatabase, events: readonly DomainEvent[]) => Promise<void>;
  /** Throws its rows away, before a rebuild. */
  clear: (db: WarroomDatabase) => Promise<unknown>;
};

/** The names of the database's tables. */
export type TableName = { [K in keyof WarroomDatabase]: WarroomDatabase[K] extends Table ? K : never }[keyof WarroomDatabase];

/** A projection of the incidents' events into one table of its own. */
export function tableProjection(table: TableName, project: Projection['project']): Projection {
  return { stream: 'incidents', tables: (db) => [db[table]], project, clear: (db) => db[table].clear() };
}

/**
 * A projection that keeps one row per incident, folded by a pure, order-independent fold: the rows
 * of the incidents the events touch are read, each event applied to its row, and the rows written back.
 */
export function perIncidentProjection<R>(
  table: TableName,
  relevant: (event: DomainEvent) => boolean,
  empty: (incidentId: string) => R,
  apply: (row: R, event: DomainEvent) => R,
): Projection {
  return tableProjection(table, async (db, events) => {
    const own = events.filter(relevant);
    if (own.length === 0) return;
    const rows = db[table] as unknown as Table<R, string>;
    const ids = [...new Set(own.map((e) => e.incidentId))];
    const existing = await rows.bulkGet(ids);
    const states = new Map(ids.map((id, i) => [id, existing[i] ?? empty(id)]));
    for (const event of own) states.set(event.incidentId, apply(states.get(event.incidentId)!, event));
    await rows.bulkPut([...states.values()]);
  });
}
