/**
 * Incident files: the log of one incident out to a file, and a file's events
 * back into the log through the same door sync uses (ingestEvents), so an
 * import merges with what is here and importing twice changes nothing.
 * An incident file is for people outside the space: it carries no webhook address.
 */
import { Dexie } from 'dexie';

import { ORGANISATION_STREAM, compareEvents } from '@shared/domain/events';
import { parseIncidentFile, serializeIncidentFile, type IncidentFileProblem } from '@shared/exchange/incidentFile';
import { addressRedactor, mentionsAddress, webhookAddressesIn } from '@shared/exchange/redactAddresses';

import type { WarroomDatabase } from './database';
import { ingestEvents, stripDerived, type IngestResult } from './eventStore';
import { sealForLeaving } from './outgoing';

/** `withheld`: events left out because they name a webhook address (the secrets of the space). */
export type IncidentExport = { text: string; eventCount: number; withheld: number; title: string };

function streamOf(db: WarroomDatabase, incidentId: string) {
  return db.events.where('[incidentId+hlc]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray();
}

/**
 * The incident's log, as the events leave this console (covered by their
 * authors' seals), in causal order. An event that names a webhook address the
 * organisation ever set (a channel setting, a delivery's reason, a pasted
 * note) is left out and counted: it cannot be masked without changing what
 * its author signed.
 */
export async function exportIncident(db: WarroomDatabase, incidentId: string, now: Date = new Date()): Promise<IncidentExport | null> {
  const read = await db.transaction('r', [db.events, db.incidents], async () => {
    const row = await db.incidents.get(incidentId);
    if (!row?.summary) return null;
    const [stored, organisation] = await Promise.all([streamOf(db, incidentId), streamOf(db, ORGANISATION_STREAM)]);
    return { title: row.summary.title, stored, organisation };
  });
  if (!read) return null;
  const redact = addressRedactor(webhookAddressesIn(read.organisation));
  const kept = read.stored.filter((event) => !mentionsAddress(stripDerived(event), redact));
  // Sealing may write this console's new seals, so it runs after the read.
  const events = await sealForLeaving(db, kept, { eachOwn: true });
  events.sort(compareEvents);
  // The title names the file too.
  const title = redact(read.title);
  const text = serializeIncidentFile({ exportedAt: now.toISOString(), incidentId, title, events });
  return { text, eventCount: events.length, withheld: read.stored.length - kept.length, title };
}

export type ImportOutcome =
  | ({ ok: true; incidentId: string; declared: boolean } & IngestResult)
  | ({ ok: false } & (IncidentFileProblem | { problem: 'allRejected'; rejected: IngestResult['rejected'] }));

export async function importIncidentFile(db: WarroomDatabase, text: string): Promise<ImportOutcome> {
  const parsed = parseIncidentFile(text);
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const result = await ingestEvents(db, file.events, Date.now, 'file');
  if (result.added + result.duplicates === 0 && result.rejected.length > 0) {
    return { ok: false, problem: 'allRejected', rejected: result.rejected };
  }
  // Events can arrive before their declaration (a partial export): they are kept, and the incident shows once it is declared.
  const row = await db.incidents.get(file.incidentId);
  return { ok: true, incidentId: file.incidentId, declared: Boolean(row?.summary), ...result };
}
