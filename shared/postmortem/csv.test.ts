import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CSV_BYTE_ORDER_MARK, neutraliseCell, postmortemTimelineCsv } from './csv';
import { sampleLabels } from './sampleLabels';
import { sampleDocument } from './testing';

/** What a reader does to get a neutralised cell back: drop the one leading apostrophe. */
const restore = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

describe('the timeline as CSV', () => {
  const { sample, doc } = sampleDocument();
  const csv = postmortemTimelineCsv(doc, 'Europe/Copenhagen', sampleLabels);
  const records: string[][] = parse(csv, { bom: true });

  it('is UTF-8 text with a byte-order mark for Excel, lines ended by CRLF', () => {
    expect(csv.startsWith(CSV_BYTE_ORDER_MARK)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('has a header naming the zone and its offset, then every timeline row', () => {
    expect(records[0]).toEqual([
      'No.',
      'Time (Europe/Copenhagen, UTC+01:00)',
      'Recorded by',
      'Kind',
      'Text',
      'Key event',
      'Corrected',
      'Original text',
      'Struck through',
      'Reason struck',
      'Event id',
    ]);
    expect(records).toHaveLength(doc.timeline.length + 1);
  });

  it('parses back to every row exactly: text, who, when, marks and event id', () => {
    doc.timeline.forEach((row, i) => {
      const [number, time, actor, kind, text, key, corrected, original, struck, reason, id] = records[i + 1]!.map(restore);
      expect(number).toBe(String(row.number));
      expect(time).toMatch(/^2026-11-22 1[45]:\d\d:\d\d$/);
      expect(actor).toBe(row.actor);
      expect(kind).toBe(sampleLabels.value.entryKind[row.kind]);
      expect(text).toBe(row.text);
      expect(key).toBe(row.key ? 'yes' : 'no');
      expect(corrected).toBe(row.corrected ? 'yes' : 'no');
      expect(original).toBe(row.original ?? '');
      expect(struck).toBe(row.struck ? 'yes' : 'no');
      expect(reason).toBe(row.struck?.reason ?? '');
      expect(id).toBe(row.id);
    });
    const struck = records.find((r) => r[10] === sample.struckId)!;
    expect(struck.slice(8, 10)).toEqual(['yes', sample.struckReason]);
    // A corrected entry keeps what it first said beside what it says now.
    const corrected = records.find((r) => r[10] === sample.correctedId)!;
    expect(corrected.slice(4, 8)).toEqual([sample.correctedText, 'yes', 'yes', 'typo in the frist version']);
  });

  it('neutralises formulas: no cell a spreadsheet would run starts with =, +, -, @, a tab or a carriage return', () => {
    const cells = records.flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(cells).toContain("'@SUM(A1:A9) and \\ a backslash at the end \\");
    expect(cells).toContain("'\tstarts with a tab");
    expect(cells).toContain("'-starts with a dash");
  });

  it('marks a cell so that dropping one leading apostrophe always gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', '"', ',', '\n', ' ') }), (value) => {
        const marked = neutraliseCell(value);
        expect(marked).not.toMatch(/^[=+\-@\t\r]/);
        expect(restore(marked)).toBe(value);
      }),
    );
  });
});
