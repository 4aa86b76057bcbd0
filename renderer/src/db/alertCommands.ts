/**
 * What a person does with an alert group: acknowledge it, silence it for a
 * while, attach it to an incident, or declare an incident from it. Attaching
 * writes into the incident's stream, so the group is on its timeline and its
 * earliest alert is when the incident was detected.
 */
import { ORGANISATION_STREAM } from '@shared/domain/events';
import { cleanLine, cleanMultiline } from '@shared/domain/text';

import { declareIncident, recordNow, type DeclareInput } from './commands';
import type { WarroomDatabase } from './database';
import type { Clock } from './eventStore';
import { projectionTables } from './projections';
import type { AlertGroupRow } from './types';

async function groupOf(db: WarroomDatabase, groupId: string): Promise<AlertGroupRow> {
  const group = await db.alertGroups.get(groupId);
  if (!group) throw new Error(`No alert group ${groupId}`);
  return group;
}

export async function acknowledgeGroup(db: WarroomDatabase, groupId: string, actor: string, reason: string, now: Clock = Date.now): Promise<void> {
  await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const group = await groupOf(db, groupId);
    await recordNow(db, 'alert.groupAcknowledged', ORGANISATION_STREAM, actor, { group: groupId, about: group.title, reason: cleanMultiline(reason) }, now);
  });
}

export async function silenceGroup(db: WarroomDatabase, groupId: string, actor: string, reason: string, minutes: number, now: Clock = Date.now): Promise<void> {
  await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const group = await groupOf(db, groupId);
    const until = new Date(now() + minutes * 60_000).toISOString();
    await recordNow(db, 'alert.groupSilenced', ORGANISATION_STREAM, actor, { group: groupId, about: group.title, reason: cleanMultiline(reason), until }, now);
  });
}

export async function attachGroup(db: WarroomDatabase, groupId: string, incidentId: string, actor: string, now: Clock = Date.now): Promise<void> {
  await db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const group = await groupOf(db, groupId);
    await recordNow(
      db,
      'alert.groupAttached',
      incidentId,
      actor,
      { group: groupId, about: group.title, service: group.service, severity: group.severity, alerts: Math.max(1, group.alertCount), firstAt: group.firstAt },
      now,
    );
  });
}

/** Declares an incident and attaches the group to it, in one transaction: there is never one without the other. */
export async function declareFromGroup(db: WarroomDatabase, groupId: string, input: DeclareInput, now: Clock = Date.now): Promise<string> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const incidentId = await declareIncident(db, input, now);
    await attachGroup(db, groupId, incidentId, input.declaredBy, now);
    return incidentId;
  });
}

/** A group's title, as a new incident's suggested title. */
export const suggestedTitle = (group: Pick<AlertGroupRow, 'title' | 'service'>) => cleanLine(group.service ? `${group.service}: ${group.title}` : group.title);
