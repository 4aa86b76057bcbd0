import { describe, expect, it } from 'vitest';

import { searchableFromEvents } from './fromEvents';
import { SearchIndex } from './searchIndex';
import { similarIncidents, type SimilarSubject } from './similar';
import { IncidentStory } from './testStories';

function indexOf(...stories: IncidentStory[]) {
  const index = new SearchIndex();
  for (const story of stories) index.upsert(searchableFromEvents(story.id, story.events)!);
  return index;
}

const past = (device: string, title: string, services: string[], declaredAt: string) =>
  new IncidentStory({ device, title, services, declaredAt });

describe('similar incidents', () => {
  const certificate = past('certdevice1', 'Login fails: expired TLS certificate on the identity provider', ['login', 'identity'], '2026-01-10T08:00:00.000Z');
  certificate.hypothesis('The intermediate certificate expired overnight', 'confirmed');
  certificate.status('resolved');
  certificate.postmortem('rootCause', 'Nobody owned the renewal of the intermediate certificate.');

  const certificateAgain = past('certdevice2', 'Mobile app TLS handshake errors', ['mobile-api'], '2026-02-10T08:00:00.000Z');
  certificateAgain.entry('Handshakes fail for every app version');
  certificateAgain.status('closed');
  certificateAgain.postmortem('summary', 'Expired certificate on the mobile API gateway.');

  const loginSlow = past('logindevic1', 'Login slow in the morning peak', ['login'], '2026-03-10T08:00:00.000Z');
  loginSlow.status('resolved');

  const unrelated = past('unreldevic1', 'Printer queue stuck on floor 3', ['printing'], '2026-03-11T08:00:00.000Z');
  // Said in passing during it, not what it was about.
  unrelated.entry('Is the certificate expired? No: the TLS identity provider is fine');
  unrelated.status('resolved');

  const stillOpen = past('opendevice2', 'Login errors: certificate expired', ['login'], '2026-03-12T08:00:00.000Z');

  const drill = new IncidentStory({ device: 'drilldevic2', title: 'Certificate expiry drill', services: ['login'], declaredAt: '2026-03-13T08:00:00.000Z', drill: true });
  drill.status('closed');

  const subject: SimilarSubject = {
    id: 'subjectdev1:1',
    title: 'Users cannot log in: certificate expired?',
    services: ['login'],
    tags: [],
    drill: false,
    hypotheses: ['The TLS certificate on the identity provider expired'],
  };

  it('ranks past incidents with the same service and words first, and says why', () => {
    const index = indexOf(certificate, certificateAgain, loginSlow, unrelated, stillOpen);
    const similar = similarIncidents(index, subject);
    expect(similar.map((s) => s.incident.id)).toEqual([certificate.id, certificateAgain.id, loginSlow.id]);
    expect(similar[0]!.reasons.services).toEqual(['login']);
    expect(similar[0]!.reasons.words).toEqual(expect.arrayContaining(['certificate', 'expired', 'TLS', 'identity']));
    expect(similar[0]!.resolution.rootCause).toBe('Nobody owned the renewal of the intermediate certificate.');
    expect(similar[1]!.reasons).toEqual({ services: [], tags: [], words: expect.arrayContaining(['certificate', 'expired']) });
  });

  it('leaves out open incidents, the incident itself, chance resemblances, and drills', () => {
    const index = indexOf(certificate, unrelated, stillOpen, drill);
    const ids = similarIncidents(index, { ...subject, id: certificate.id }).map((s) => s.incident.id);
    expect(ids).not.toContain(certificate.id);
    expect(ids).not.toContain(stillOpen.id);
    expect(ids).not.toContain(drill.id);
    // Words said in passing during another incident do not make it similar.
    expect(ids).not.toContain(unrelated.id);
  });

  it('compares a drill with drills', () => {
    const index = indexOf(drill);
    expect(similarIncidents(index, subject)).toEqual([]);
    expect(similarIncidents(index, { ...subject, drill: true }).map((s) => s.incident.id)).toEqual([drill.id]);
  });

  it('counts a shared tag as a resemblance', () => {
    const tagged = past('taggeddev01', 'Batch jobs late', ['batch'], '2026-01-01T00:00:00.000Z').tags(['capacity']).status('resolved');
    const index = indexOf(tagged);
    expect(similarIncidents(index, { ...subject, tags: ['capacity'] })[0]?.reasons.tags).toEqual(['capacity']);
    expect(similarIncidents(index, subject)).toEqual([]);
  });
});
