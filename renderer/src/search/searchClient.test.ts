import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ingestEvents } from '../db/eventStore';
import { freshDatabase } from '../testing/renderConsole';
import { SignedStory } from '../testing/signedStory';
import { SearchClient, searchClientOf } from './searchClient';
import { serveSearch } from './searchHost';
import { localChannel, type Endpoint, type ToSearch } from './searchProtocol';
import { searchSessionOf } from './searchSession';

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0)) release();
});

function pastOutage(title: string, services: string[]) {
  const story = new SignedStory(61, { title, services, declaredAt: '2026-01-05T10:00:00.000Z' });
  story.entry('Declines from the acquirer at 40 %');
  story.hypothesis('The acquirer certificate expired at midnight', 'confirmed');
  story.status('resolved');
  return story;
}

/** An endpoint that takes every message and answers none, as a worker whose script never loaded. */
function deadEnd(): Endpoint & { sent: ToSearch[] } {
  const sent: ToSearch[] = [];
  return { sent, postMessage: (message) => sent.push(message as ToSearch), addEventListener: () => {} };
}

describe('the window asking its search index by message', { timeout: 30_000 }, () => {
  it('answers searches, similar incidents and facets, and reports its progress as it indexes', async () => {
    const db = freshDatabase();
    const story = pastOutage('Payments declined: acquirer certificate expired', ['payments']);
    await ingestEvents(db, story.signedEvents);
    const client = searchClientOf(db);
    const phases: string[] = [];
    client.progress.subscribe((p) => phases.push(p.phase));
    releases.push(client.acquire());
    await waitFor(() => expect(client.progress.getState().phase).toBe('ready'));
    expect(phases).toContain('indexing');

    const outcome = await client.ask('search', { text: 'acquirer' });
    expect(outcome.results.map((r) => r.incident.id)).toEqual([story.id]);
    // What crossed the channel is a copy: the index's own objects never reach the window.
    expect(outcome.results[0]!.incident).not.toBe(searchSessionOf(db).index.get(story.id));

    const similar = await client.ask('similar', { id: 'other', title: 'Acquirer certificate problems again', services: ['payments'], tags: [], drill: false });
    expect(similar.map((s) => s.incident.id)).toEqual([story.id]);
    expect(similar[0]!.reasons.services).toEqual(['payments']);

    expect(await client.ask('facets', null)).toEqual({ services: ['payments'], tags: [] });
  });

  it('says so when a question cannot be answered, and goes on answering the next', async () => {
    const db = freshDatabase();
    const client = searchClientOf(db);
    releases.push(client.acquire());
    await expect(client.ask('search', null as never)).rejects.toThrow();
    await expect(client.ask('facets', null)).resolves.toEqual({ services: [], tags: [] });
  });

  it('moves to an index in this thread when its worker fails: whoever uses it, and every question unanswered, carry over', async () => {
    const db = freshDatabase();
    const story = pastOutage('Checkout latency after the deploy', ['checkout']);
    await ingestEvents(db, story.signedEvents);
    const dead = deadEnd();
    const client = new SearchClient(dead);
    releases.push(client.acquire());
    const pending = client.ask('search', { text: 'checkout' });
    expect(dead.sent.map((m) => m.kind)).toEqual(['acquire', 'ask']);

    const [window, index] = localChannel();
    serveSearch(searchSessionOf(db), index);
    client.connect(window);
    // The question asked of the dead worker is answered by the new index once it has read the database.
    await waitFor(() => expect(client.progress.getState().phase).toBe('ready'));
    const outcome = await client.ask('search', { text: 'checkout' });
    expect(outcome.total).toBe(1);
    expect((await pending).words).toEqual(['checkout']);
  });
});
