/**
 * The incident file (`.warroom`): one incident's full event log, written by
 * export and read back by import. The header is checked here; each event is
 * checked again by the event store when it is ingested, so a file can never
 * put anything into the log that sync could not.
 */
import { z } from 'zod';

import { EVENT_ID_REGEX } from '../domain/ids';

export const INCIDENT_FILE_FORMAT = 'warroom.incident';
export const INCIDENT_FILE_VERSION = 1;
export const INCIDENT_FILE_EXTENSION = 'warroom';
export const INCIDENT_FILE_MIME = 'application/x-warroom';
/** Far above a 100,000-entry incident (about 40 MB), far below what would exhaust memory. */
export const MAX_INCIDENT_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_INCIDENT_FILE_EVENTS = 1_000_000;

const headerSchema = z.object({
  format: z.literal(INCIDENT_FILE_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.iso.datetime(),
  incidentId: z.string().regex(EVENT_ID_REGEX),
  title: z.string().max(1000),
  events: z.array(z.unknown()).min(1).max(MAX_INCIDENT_FILE_EVENTS),
});

export type IncidentFile = {
  format: typeof INCIDENT_FILE_FORMAT;
  version: number;
  exportedAt: string;
  incidentId: string;
  /** For people reading the file; the title that counts is the one the events fold to. */
  title: string;
  events: unknown[];
};

export type IncidentFileProblem =
  | { problem: 'tooLarge'; bytes: number }
  | { problem: 'notJson' }
  | { problem: 'notIncidentFile' }
  | { problem: 'newerVersion'; version: number }
  | { problem: 'malformed'; detail: string }
  | { problem: 'foreignEvents'; count: number };

export type IncidentFileParse = { ok: true; file: IncidentFile } | ({ ok: false } & IncidentFileProblem);

/**
 * Written with one event per line: still one JSON document, but a reader (or
 * a diff) can follow the log, and a damaged line is easy to find.
 */
export function serializeIncidentFile(file: Omit<IncidentFile, 'format' | 'version'>): string {
  const header = JSON.stringify({
    format: INCIDENT_FILE_FORMAT,
    version: INCIDENT_FILE_VERSION,
    exportedAt: file.exportedAt,
    incidentId: file.incidentId,
    title: file.title,
  });
  const events = file.events.map((event) => JSON.stringify(event)).join(',\n');
  return `${header.slice(0, -1)},\n"events":[\n${events}\n]}\n`;
}

export function parseIncidentFile(text: string): IncidentFileParse {
  // Length in UTF-16 units bounds the byte length from below: a cheap first check before encoding.
  if (text.length > MAX_INCIDENT_FILE_BYTES) return { ok: false, problem: 'tooLarge', bytes: text.length };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== INCIDENT_FILE_FORMAT) {
    return { ok: false, problem: 'notIncidentFile' };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > INCIDENT_FILE_VERSION) return { ok: false, problem: 'newerVersion', version };
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: 'malformed', detail: `${issue.path.join('.') || 'file'}: ${issue.message}` };
  }
  const file = parsed.data as IncidentFile;
  // One file is one incident: events of another incident would slip in unseen.
  const foreign = file.events.filter((event) => (event as { incidentId?: unknown } | null)?.incidentId !== file.incidentId);
  if (foreign.length) return { ok: false, problem: 'foreignEvents', count: foreign.length };
  return { ok: true, file };
}
