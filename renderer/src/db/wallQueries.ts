/** Reads of the wall screens: each view in one query, fit for `useLiveQuery`, so an update paints once. */
import { checklistProgress, emptyChecklists, viewChecklists } from '@shared/domain/checklists';
import type { HypothesisSummary } from '@shared/domain/hypothesis';
import type { IncidentSummary } from '@shared/domain/incident';
import type { MessageView } from '@shared/domain/messages';
import type { OrganisationView } from '@shared/domain/organisation';
import { emptyRoster, viewRoster, type RoleView } from '@shared/domain/roster';
import { resolveEntry, type ResolvedEntry, type TimelineEvent } from '@shared/domain/timeline';

import { listFiringGroups } from './alertQueries';
import { checklistsOf } from './checklistQueries';
import type { WarroomDatabase } from './database';
import { listHypotheses } from './hypothesisQueries';
import { listMessages, openIncidentsWithMessages } from './messageQueries';
import { getOrganisation } from './organisation';
import { asTimelineEvents, timelineOf } from './queries';
import type { AlertGroupRow } from './types';

export type WallEntry = { event: TimelineEvent; entry: ResolvedEntry | null };

/** `readAt`: when the read ran. A live query reruns only when its data changed, so this is when the wall last heard of a change. */
export type WallIncident = {
  readAt: number;
  summary: IncidentSummary;
  organisation: OrganisationView;
  /** Catalogue roles first, in catalogue order, each with its holders (none when vacant). */
  roles: RoleView[];
  /** Under test first, then proposed, then confirmed: what the room is probing and what it found. */
  hypotheses: HypothesisSummary[];
  /** The newest timeline events, newest first. */
  entries: WallEntry[];
  messages: MessageView[];
  /** Each checklist's progress, in the order attached. */
  checklists: ChecklistProgress[];
};

export type ChecklistProgress = { runbook: string; title: string; finished: number; total: number };

export type WallTile = {
  summary: IncidentSummary;
  commanders: string[];
  messages: MessageView[];
  /** When the newest timeline event happened. */
  lastEntryAt: string | null;
  /** Steps finished (done or skipped) over every checklist, of how many. */
  checklists: { finished: number; total: number };
};

/** `alerts`: the firing alert groups, most urgent first, for the overview's alert lane. */
export type WallOverview = { readAt: number; organisation: OrganisationView; tiles: WallTile[]; alerts: AlertGroupRow[] };

const WALL_ORDER: Partial<Record<HypothesisSummary['status'], number>> = { testing: 0, proposed: 1, confirmed: 2 };

async function newestOf(db: WarroomDatabase, incidentId: string, count: number): Promise<TimelineEvent[]> {
  return asTimelineEvents(await timelineOf(db, incidentId).reverse().limit(count).toArray());
}

export async function getWallIncident(db: WarroomDatabase, incidentId: string, entryCount: number): Promise<WallIncident | null> {
  const row = await db.incidents.get(incidentId);
  if (!row?.summary) return null;
  const [organisation, roster, hypotheses, events, messages, checklists] = await Promise.all([
    getOrganisation(db),
    db.rosters.get(incidentId),
    listHypotheses(db, incidentId),
    newestOf(db, incidentId, entryCount),
    listMessages(db, incidentId),
    checklistsOf(db, incidentId),
  ]);
  const amendments = await db.amendments.bulkGet(events.map((e) => e.id));
  const view = viewRoster(roster?.state ?? emptyRoster(incidentId), organisation.settings.roles, new Set());
  return {
    readAt: Date.now(),
    summary: row.summary,
    organisation,
    roles: view.roles,
    hypotheses: hypotheses
      .filter((h) => WALL_ORDER[h.status] !== undefined)
      .sort((a, b) => WALL_ORDER[a.status]! - WALL_ORDER[b.status]! || (a.statusSince < b.statusSince ? -1 : 1)),
    entries: events.map((event, i) => ({
      event,
      entry: event.type === 'timeline.entryLogged' ? resolveEntry(event, amendments[i]) : null,
    })),
    messages,
    checklists: checklists.map((c) => ({ runbook: c.runbook, title: c.title, finished: c.done + c.skipped, total: c.total })),
  };
}

/** Every open incident (drills included, marked), by priority then most recent. */
export async function getWallOverview(db: WarroomDatabase): Promise<WallOverview> {
  const [organisation, open, alerts] = await Promise.all([getOrganisation(db), openIncidentsWithMessages(db), listFiringGroups(db)]);
  const ids = open.map(({ incident }) => incident.id);
  const [rosters, newest, checklists] = await Promise.all([
    db.rosters.bulkGet(ids),
    Promise.all(ids.map((id) => newestOf(db, id, 1))),
    db.checklists.bulkGet(ids),
  ]);
  const tiles = open.map(({ incident: summary, messages }, i) => {
    const roster = viewRoster(rosters[i]?.state ?? emptyRoster(summary.id), organisation.settings.roles, new Set());
    const progress = checklistProgress(viewChecklists(checklists[i] ?? emptyChecklists(summary.id)));
    return { summary, commanders: roster.commander.holders, messages, lastEntryAt: newest[i]![0]?.occurredAt ?? null, checklists: progress };
  });
  return { readAt: Date.now(), organisation, tiles, alerts };
}
