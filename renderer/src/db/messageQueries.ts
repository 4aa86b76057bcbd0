/** Reads of the communications record. Each is a plain Dexie query, fit for `useLiveQuery`. */
import type { IncidentSummary } from '@shared/domain/incident';
import type { MessageView } from '@shared/domain/messages';
import { byKeys, byText } from '@shared/domain/order';

import type { WarroomDatabase } from './database';
import type { DeliveryRow } from './deliveries';
import { listHypotheses } from './hypothesisQueries';
import { listOpenIncidents } from './queries';
import { getCommander } from './rosterQueries';

/** An incident's messages, oldest first. */
export async function listMessages(db: WarroomDatabase, incidentId: string): Promise<MessageView[]> {
  const rows = await db.messages.where('incidentId').equals(incidentId).toArray();
  return rows
    .flatMap((r) => (r.view ? [r.view] : []))
    .sort(byKeys((m) => m.at, (m) => m.id));
}

/** Queued messages this console wrote: the ones it delivers itself. */
export async function queuedFrom(db: WarroomDatabase, deviceId: string): Promise<MessageView[]> {
  const rows = await db.messages.where('state').equals('queued').toArray();
  return rows.flatMap((r) => (r.view && r.view.deviceId === deviceId ? [r.view] : []));
}

/** The delivery attempts of an incident's queued messages, by message id. */
export async function deliveriesOf(db: WarroomDatabase, messageIds: readonly string[]): Promise<Map<string, DeliveryRow>> {
  const rows = await db.deliveries.bulkGet([...messageIds]);
  const map = new Map<string, DeliveryRow>();
  for (const row of rows) if (row) map.set(row.messageId, row);
  return map;
}

/** Everything the pad shows besides the incident and the settings, in one read. */
export async function getCommsContext(db: WarroomDatabase, incidentId: string) {
  const [messages, hypotheses, commander] = await Promise.all([
    listMessages(db, incidentId),
    listHypotheses(db, incidentId),
    getCommander(db, incidentId),
  ]);
  const deliveries = await deliveriesOf(
    db,
    messages.filter((m) => m.state === 'queued').map((m) => m.id),
  );
  // What is being done: the hypotheses under test, oldest first (the longest-running probe leads).
  const testing = hypotheses
    .filter((h) => h.status === 'testing')
    .sort((a, b) => byText(a.statusSince, b.statusSince))
    .map((h) => h.statement);
  return { messages, deliveries, testing, commander };
}
export type CommsContext = Awaited<ReturnType<typeof getCommsContext>>;

/**
 * Open incidents, most urgent first, with their messages: what the cadence watcher and the wall read.
 * Only open incidents' messages are read (through the index), not the whole history's.
 */
export async function openIncidentsWithMessages(db: WarroomDatabase): Promise<{ incident: IncidentSummary; messages: MessageView[] }[]> {
  const open = await listOpenIncidents(db);
  const messages = await Promise.all(open.map((incident) => listMessages(db, incident.id)));
  return open.map((incident, i) => ({ incident, messages: messages[i]! }));
}
