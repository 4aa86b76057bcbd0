/**
 * The roster projection: one row per incident holding its folded roles and
 * engagement facts. The fold is keyed by event id, so batches in any order (a
 * keystroke, a sync page, a rebuild of thousands) give the same row.
 */
import type { DomainEvent } from '@shared/domain/events';
import { applyRosterEvents, emptyRoster, isRosterEvent, type RosterEvent } from '@shared/domain/roster';

import type { WarroomDatabase } from './database';
import { tableProjection } from './projection';

export const rosterProjection = tableProjection('rosters', projectRosters);

async function projectRosters(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const byIncident = new Map<string, RosterEvent[]>();
  for (const event of events) {
    if (!isRosterEvent(event)) continue;
    const list = byIncident.get(event.incidentId);
    if (list) list.push(event);
    else byIncident.set(event.incidentId, [event]);
  }
  if (byIncident.size === 0) return;
  const ids = [...byIncident.keys()];
  const rows = await db.rosters.bulkGet(ids);
  await db.rosters.bulkPut(
    ids.map((id, i) => ({ incidentId: id, state: applyRosterEvents(rows[i]?.state ?? emptyRoster(id), byIncident.get(id)!) })),
  );
}
