import { describe, expect, it } from 'vitest';

import { parseEvent } from '../domain/events';
import { foldIncident, summarizeIncident } from '../domain/incident';
import { pastIncidentEvents } from './pastIncidents';

describe('pastIncidentEvents', () => {
  const events = pastIncidentEvents({ incidents: 12, entriesPerIncident: 30, seed: 7 });

  it('writes only events the schema accepts, with unique ids', () => {
    const invalid = events.map((e) => ({ id: e.id, result: parseEvent(e) })).filter((r) => r.result.status !== 'valid');
    expect(invalid).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('gives the asked number of incidents and entries, each closed', () => {
    const declared = events.filter((e) => e.type === 'incident.declared');
    expect(declared).toHaveLength(12);
    expect(events.filter((e) => e.type === 'timeline.entryLogged')).toHaveLength(12 * 30);
    for (const d of declared) {
      const summary = summarizeIncident(foldIncident(d.id, events));
      expect(summary?.status).toBe('closed');
      expect(summary?.tags.length).toBeGreaterThan(0);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(pastIncidentEvents({ incidents: 3, entriesPerIncident: 5, seed: 7 })).toEqual(pastIncidentEvents({ incidents: 3, entriesPerIncident: 5, seed: 7 }));
    expect(pastIncidentEvents({ incidents: 3, entriesPerIncident: 5, seed: 8 })).not.toEqual(pastIncidentEvents({ incidents: 3, entriesPerIncident: 5, seed: 7 }));
  });
});
