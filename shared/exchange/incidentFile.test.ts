import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { historyArb } from '../testing/incidentHistory';
import { INCIDENT_FILE_FORMAT, MAX_INCIDENT_FILE_BYTES, parseIncidentFile, serializeIncidentFile } from './incidentFile';

const incidentId = 'aaaaaaaa01:1';
const event = { id: incidentId, incidentId, type: 'incident.declared' };
const file = (patch: object = {}) =>
  JSON.stringify({
    format: INCIDENT_FILE_FORMAT,
    version: 1,
    exportedAt: '2026-11-21T12:00:00.000Z',
    incidentId,
    title: 'Checkout errors',
    events: [event],
    ...patch,
  });

describe('incident file', () => {
  it('reads back exactly the events it was written with, in order', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const text = serializeIncidentFile({
          exportedAt: '2026-11-21T12:00:00.000Z',
          incidentId: history.incidentId,
          title: 'T',
          events: history.events,
        });
        const parsed = parseIncidentFile(text);
        expect(parsed.ok && parsed.file.events).toEqual(JSON.parse(JSON.stringify(history.events)));
      }),
      { numRuns: 30 },
    );
  });

  it('writes one event per line so the log can be read and diffed', () => {
    const text = serializeIncidentFile({ exportedAt: '2026-11-21T12:00:00.000Z', incidentId, title: 'a\nb', events: [event, event] });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[2]!.replace(/,$/, ''))).toEqual(event);
  });

  it('keeps hostile titles as inert text', () => {
    const title = '<img src=x onerror=alert(1)>=HYPERLINK("x")\u2028"},{"format":"evil';
    const text = serializeIncidentFile({ exportedAt: '2026-11-21T12:00:00.000Z', incidentId, title, events: [event] });
    const parsed = parseIncidentFile(text);
    expect(parsed.ok && parsed.file.title).toBe(title);
  });

  it('names what is wrong with a file that is not a readable incident file', () => {
    expect(parseIncidentFile('')).toEqual({ ok: false, problem: 'notJson' });
    expect(parseIncidentFile(file().slice(0, -20))).toEqual({ ok: false, problem: 'notJson' });
    expect(parseIncidentFile('{"hello":"world"}')).toEqual({ ok: false, problem: 'notIncidentFile' });
    expect(parseIncidentFile('[1,2]')).toEqual({ ok: false, problem: 'notIncidentFile' });
    expect(parseIncidentFile('null')).toEqual({ ok: false, problem: 'notIncidentFile' });
    expect(parseIncidentFile(file({ version: 2 }))).toEqual({ ok: false, problem: 'newerVersion', version: 2 });
    expect(parseIncidentFile(file({ events: [] }))).toMatchObject({ ok: false, problem: 'malformed', detail: /events/ });
    expect(parseIncidentFile(file({ events: 'x' }))).toMatchObject({ ok: false, problem: 'malformed', detail: /events/ });
    expect(parseIncidentFile(file({ incidentId: '../../etc' }))).toMatchObject({ ok: false, problem: 'malformed', detail: /incidentId/ });
    expect(parseIncidentFile(file({ exportedAt: 'yesterday' }))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses a file that carries events of another incident', () => {
    const other = { ...event, id: 'bbbbbbbb01:1', incidentId: 'bbbbbbbb01:1' };
    expect(parseIncidentFile(file({ events: [event, other, null] }))).toEqual({ ok: false, problem: 'foreignEvents', count: 2 });
  });

  it('refuses an oversized text before parsing it', () => {
    const huge = { length: MAX_INCIDENT_FILE_BYTES + 1 } as unknown as string;
    expect(parseIncidentFile(huge)).toMatchObject({ ok: false, problem: 'tooLarge' });
  });
});
