/** What the alert inbox, the app bar and the wall read of alert groups. */
import { ALERT_SEVERITIES } from '@shared/domain/alerts';

import type { WarroomDatabase } from './database';
import type { AlertGroupRow } from './types';

/** Whether a person silenced the group and the silence still holds at `now`. */
export function isSilenced(group: Pick<AlertGroupRow, 'silenced'>, now: number): boolean {
  return group.silenced !== null && Date.parse(group.silenced.until) > now;
}

/** Waiting for someone: firing, and nobody has taken it on (acknowledged it, silenced it, or made it part of an incident). */
export function needsAttention(group: AlertGroupRow, now: number): boolean {
  return group.firing === 1 && group.incident === null && group.acknowledged === null && !isSilenced(group, now);
}

/** Most severe first, then the one heard from last. */
function byUrgency(a: AlertGroupRow, b: AlertGroupRow): number {
  const rank = ALERT_SEVERITIES.indexOf(a.severity) - ALERT_SEVERITIES.indexOf(b.severity);
  if (rank !== 0) return rank;
  return a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0;
}

/** Every group with an alert firing, most urgent first: the inbox's first list. */
export async function listFiringGroups(db: WarroomDatabase): Promise<AlertGroupRow[]> {
  return (await db.alertGroups.where('firing').equals(1).toArray()).sort(byUrgency);
}

/** Groups whose alerts all resolved, the most recently heard from first. */
export async function listResolvedGroups(db: WarroomDatabase, limit: number): Promise<AlertGroupRow[]> {
  const rows: AlertGroupRow[] = [];
  await db.alertGroups
    .orderBy('lastAt')
    .reverse()
    .until(() => rows.length >= limit)
    .each((row) => {
      if (row.firing === 0) rows.push(row);
    });
  return rows;
}

export function countNeedingAttention(groups: readonly AlertGroupRow[], now: number): number {
  return groups.filter((g) => needsAttention(g, now)).length;
}
