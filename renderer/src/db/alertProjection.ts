/**
 * Alert groups, folded from every alert event wherever it is (the
 * organisation's stream, or an incident's once its group is attached).
 */
import { firingCount, mostSevere, type AlertGroupState } from '@shared/domain/alerts';
import { applyAlertEvent, groupIdOf, isAlertEvent } from '@shared/domain/alertGroups';
import type { DomainEvent } from '@shared/domain/events';

import type { WarroomDatabase } from './database';
import type { Projection } from './projection';
import type { AlertGroupRow } from './types';

export const alertProjection: Projection = {
  stream: 'alerts',
  tables: (db) => [db.alertGroups],
  project: projectAlerts,
  clear: (db) => db.alertGroups.clear(),
};

async function projectAlerts(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const alertEvents = events.filter(isAlertEvent);
  if (alertEvents.length === 0) return;
  const ids = [...new Set(alertEvents.map(groupIdOf))];
  const rows = await db.alertGroups.bulkGet(ids);
  const groups = new Map<string, AlertGroupState | undefined>(ids.map((id, i) => [id, rows[i]]));
  for (const event of alertEvents) {
    const id = groupIdOf(event);
    groups.set(id, applyAlertEvent(groups.get(id), event));
  }
  await db.alertGroups.bulkPut([...groups.values()].map((group) => groupRow(group!)));
}

export function groupRow(group: AlertGroupState): AlertGroupRow {
  const alerts = Object.values(group.alerts);
  const firing = firingCount(group);
  // The opening alert names the group; until it is here, the earliest (then the first by key): the same on every console.
  const earliest = alerts.reduce<(typeof alerts)[number] | undefined>(
    (first, alert) => (!first || alert.firstAt < first.firstAt || (alert.firstAt === first.firstAt && alert.key < first.key) ? alert : first),
    undefined,
  );
  const named = group.alerts[group.opener] ?? earliest;
  return {
    ...group,
    firing: firing > 0 ? 1 : 0,
    firingCount: firing,
    alertCount: alerts.length,
    severity: mostSevere((firing > 0 ? alerts.filter((a) => a.status === 'firing') : alerts).map((a) => a.severity)) ?? 'info',
    title: named?.title ?? '',
  };
}
