import { describe, expect, it } from 'vitest';

import { searchableFromEvents } from './fromEvents';
import { openingOf, resolutionOf } from './resolution';
import { IncidentStory } from './testStories';

describe('when an incident was resolved', () => {
  const story = () => new IncidentStory({ device: 'resolvedev1', title: 'Queue backlog', services: ['queue'], declaredAt: '2026-04-01T10:00:00.000Z' });

  it('is unknown while it is open', () => {
    const open = story().status('identified');
    expect(resolutionOf(searchableFromEvents(open.id, open.events)!)).toMatchObject({ resolvedAt: null, timeToResolveMs: null });
  });

  it('counts from the declaration to the last resolution after a reopening', () => {
    const reopened = story().wait(10).status('resolved').wait(60).status('investigating').wait(20).status('resolved').wait(5).status('closed');
    const incident = searchableFromEvents(reopened.id, reopened.events)!;
    // Events a minute apart plus the waits: resolved at 10:11, reopened 11:12, resolved again 11:33.
    expect(incident.resolvedAt).toBe('2026-04-01T11:33:00.000Z');
    expect(resolutionOf(incident).timeToResolveMs).toBe(93 * 60_000);
  });

  it('uses the closing when nobody said resolved first', () => {
    const closed = story().wait(4).status('closed');
    expect(searchableFromEvents(closed.id, closed.events)!.resolvedAt).toBe('2026-04-01T10:05:00.000Z');
  });
});

describe('the opening of a root cause', () => {
  it('is the whole text when it is short', () => {
    expect(openingOf('Expired certificate.')).toEqual({ text: 'Expired certificate.', cut: false });
  });

  it('is the first sentence when it says enough and fits', () => {
    const text = `The nightly job rotated the signing key without updating the verifier. ${'More detail follows. '.repeat(20)}`;
    expect(openingOf(text)).toEqual({ text: 'The nightly job rotated the signing key without updating the verifier.', cut: true });
  });

  it('is whole words up to the limit when the first sentence is too long, on one plain line', () => {
    const text = `Line one\nline two ${'word '.repeat(100)}`;
    const opening = openingOf(text, 60);
    expect(opening.cut).toBe(true);
    expect(opening.text.length).toBeLessThanOrEqual(60);
    expect(opening.text).toMatch(/^Line one line two( word)+$/);
  });
});
