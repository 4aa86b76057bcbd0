import { describe, expect, it } from 'vitest';

import { parseEvent } from '../domain/events';
import { foldIncident, summarizeIncident } from '../domain/incident';
import { SealVerifier, judgeChains } from '../sync/chain';
import { newSigner, pastIncidentEvents, signedPastIncidentEvents } from './pastIncidents';

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

  it('signed by a real author, is accepted whole and event by event, and the same for the same key', async () => {
    const signer = await newSigner();
    const signed = await signedPastIncidentEvents({ incidents: 2, entriesPerIncident: 5, seed: 7 }, signer);
    expect(signed.every((e) => e.deviceId === signer.deviceId && e.id === `${signer.deviceId}:${e.deviceSeq}`)).toBe(true);
    const verifier = new SealVerifier();
    const whole = await judgeChains(signed, new Map(), verifier);
    expect(whole.filter((v) => v.status !== 'verified')).toEqual([]);
    const alone = await Promise.all([...signed].reverse().map((event) => judgeChains([event], new Map(), verifier)));
    expect(alone.flat().filter((v) => v.status !== 'verified')).toEqual([]);
    expect(await signedPastIncidentEvents({ incidents: 2, entriesPerIncident: 5, seed: 7 }, signer)).toEqual(signed);
  });

  it('sealed every few events, is accepted in batches that end at a seal and left uncovered past the last one', async () => {
    const signer = await newSigner();
    const signed = await signedPastIncidentEvents({ incidents: 1, entriesPerIncident: 10, seed: 7 }, signer, 10);
    expect(signed.filter((e) => e.seal).map((e) => e.deviceSeq)).toEqual([...signed.filter((e) => e.deviceSeq % 10 === 0).map((e) => e.deviceSeq), signed.length]);
    const verdicts = await judgeChains(signed.slice(0, 15), new Map(), new SealVerifier());
    expect(verdicts.map((v) => v.status)).toEqual([...Array<string>(10).fill('verified'), ...Array<string>(5).fill('uncovered')]);
  });
});
