import { emptyChecklists, viewChecklists, type ChecklistView } from '@shared/domain/checklists';
import { hlcTime } from '@shared/domain/hlc';
import type { IncidentSummary } from '@shared/domain/incident';

import type { WarroomDatabase } from './database';
import { listOpenIncidents, listPastIncidents } from './queries';

/** An incident's checklists, in the order they were attached. */
export async function checklistsOf(db: WarroomDatabase, incidentId: string): Promise<ChecklistView[]> {
  return viewChecklists((await db.checklists.get(incidentId)) ?? emptyChecklists(incidentId));
}

/** The runbook ids each of these incidents holds, by incident. */
export async function attachedRunbooks(db: WarroomDatabase, incidentIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await db.checklists.bulkGet([...incidentIds]);
  return new Map(incidentIds.map((id, i) => [id, new Set(Object.keys(rows[i]?.attached ?? {}))]));
}

/** How long after an incident ends its runbooks may still attach (the one for resolution does then). */
export const ENDED_RECENTLY_MS = 24 * 60 * 60 * 1000;
/** Ended incidents looked at for that: the most recent of the list's past incidents. */
const RECENT_PAST = 50;

/**
 * The incidents runbooks may attach themselves to now: open ones with
 * anything recorded in the last day, and those resolved or closed in it.
 * Older ones are history: a console that first learns of runbooks, or imports
 * an old file, must not attach checklists to incidents nobody works on.
 */
export async function incidentsTakingRunbooks(db: WarroomDatabase, nowMs: number): Promise<{ incident: IncidentSummary; attached: Set<string> }[]> {
  const [open, past] = await Promise.all([listOpenIncidents(db), listPastIncidents(db, RECENT_PAST)]);
  const recent = (at: number) => nowMs - at <= ENDED_RECENTLY_MS;
  const incidents = [...open.filter((i) => i.lastHlc && recent(hlcTime(i.lastHlc))), ...past.incidents.filter((i) => recent(Date.parse(i.statusSince)))];
  const attached = await attachedRunbooks(db, incidents.map((i) => i.id));
  return incidents.map((incident) => ({ incident, attached: attached.get(incident.id)! }));
}
