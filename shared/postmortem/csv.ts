/**
 * The timeline as CSV (RFC 4180): a header row, then one row per timeline
 * row, every field quoted, lines ended by CRLF, UTF-8 with a byte-order mark
 * so Excel reads the letters right.
 *
 * A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage
 * return as a formula ("=cmd|' /C calc'!A0"). Such a cell gets one leading
 * apostrophe, and so does a cell that starts with an apostrophe itself, so
 * the rule can be undone exactly: drop one leading apostrophe from a cell
 * that has one.
 */
import type { PostmortemDocument, TimelineRow } from './document';
import type { PostmortemLabels, TimelineColumn } from './labels';
import { timeFormat, zoneOffsets } from './wording';

export const CSV_BYTE_ORDER_MARK = '\uFEFF';

const COLUMNS: readonly TimelineColumn[] = ['number', 'time', 'recordedBy', 'kind', 'text', 'key', 'corrected', 'original', 'struck', 'strikeReason', 'eventId'];

/** Formula triggers, and the apostrophe that marks a neutralised cell. */
const NEEDS_APOSTROPHE = /^[=+\-@\t\r']/;

export function neutraliseCell(value: string): string {
  return NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return `"${neutraliseCell(value).replaceAll('"', '""')}"`;
}

export function postmortemTimelineCsv(doc: PostmortemDocument, zone: string, labels: PostmortemLabels): string {
  const time = timeFormat(zone);
  const { yes, no } = labels.value;
  const header = COLUMNS.map((column) => (column === 'time' ? labels.timeColumn(zone, zoneOffsets(doc, zone)) : labels.column[column]));
  const cells = (row: TimelineRow): string[] => [
    String(row.number),
    time(row.occurredAt),
    row.actor,
    labels.value.entryKind[row.kind],
    row.text,
    row.key ? yes : no,
    row.corrected ? yes : no,
    row.original ?? '',
    row.struck ? yes : no,
    row.struck?.reason ?? '',
    row.id,
  ];
  const lines = [header, ...doc.timeline.map(cells)].map((line) => line.map(field).join(','));
  return `${CSV_BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}
