import { describe, expect, it } from 'vitest';

import { ENTRIES_PER_BLOCK, SearchIndex, type SearchResult } from './searchIndex';
import { searchableFromEvents } from './fromEvents';
import { IncidentStory } from './testStories';

const marked = (result: { text: string; highlights: { start: number; end: number }[] }) =>
  result.highlights.map((h) => result.text.slice(h.start, h.end));

function searchable(story: IncidentStory) {
  const incident = searchableFromEvents(story.id, story.events);
  if (!incident) throw new Error('The story has no declaration');
  return incident;
}

/** Three past incidents and one still open, written as responders write. */
function history() {
  const dns = new IncidentStory({ device: 'dnsdevice01', title: 'Checkout fails: DNS timeouts from the resolver', services: ['checkout', 'dns'], declaredAt: '2026-03-02T09:00:00.000Z', priority: 'P1' });
  dns.entry('Customers see "payment could not be processed" on checkout');
  dns.entry('Resolver latency up to 4 s in eu-west; SERVFAIL for internal zones');
  dns.hypothesis('The resolver cache was flushed by the 08:55 config push', 'confirmed', 'Cache hit rate dropped to 0 at 08:55');
  dns.hypothesis('Upstream provider outage', 'refuted');
  dns.status('resolved').wait(30).status('closed');
  dns.postmortem('rootCause', 'A config push restarted every resolver at once, flushing their caches. Cold caches could not absorb the load of the morning peak, and the retries from the checkout service doubled it. The rollout tool had no canary step, so nothing stopped the push after the first resolvers failed.');
  dns.actionItem('Add a canary stage to resolver config rollouts');

  const db = new IncidentStory({ device: 'dbdevice001', title: 'Orders slow: database connection pool exhausted', services: ['orders', 'postgres'], declaredAt: '2026-05-14T13:10:00.000Z', priority: 'P2' });
  db.entry('p99 latency on orders-api at 9 s, pool at 100/100 connections');
  db.entry('Hændelsen skyldes en lækage af forbindelser i ordre-tjenesten');
  db.hypothesis('A connection leak in the new retry logic', 'confirmed');
  db.tags(['database', 'capacity']);
  db.status('resolved');
  db.postmortem('rootCause', 'Retries opened a new connection without closing the failed one.');

  const drill = new IncidentStory({ device: 'drilldev01', title: 'Drill: DNS resolver failover', services: ['dns'], declaredAt: '2026-06-01T10:00:00.000Z', drill: true });
  drill.entry('Failed over to the secondary resolver as planned');
  drill.status('closed');

  const open = new IncidentStory({ device: 'opendevice1', title: 'Login errors after certificate rotation', services: ['login'], declaredAt: '2026-07-20T08:00:00.000Z', priority: 'P1' });
  open.entry('TLS handshake failures from the mobile app; expired intermediate certificate?');

  const index = new SearchIndex();
  for (const story of [dns, db, drill, open]) index.upsert(searchable(story));
  return { index, dns, db, drill, open };
}

const ids = (results: SearchResult[]) => results.map((r) => r.incident.id);

describe('searching past incidents', () => {
  it('finds an incident by words spread over its title, timeline and post-mortem', () => {
    const { index, dns } = history();
    const outcome = index.search({ text: 'resolver canary servfail' });
    expect(ids(outcome.results)).toEqual([dns.id]);
    expect(outcome.total).toBe(1);
    expect(outcome.results[0]!.matchedIn).toEqual(expect.arrayContaining(['title', 'timeline', 'rootCause']));
  });

  it('needs every word to be found in an incident', () => {
    const { index } = history();
    expect(index.search({ text: 'resolver postgres' }).total).toBe(0);
  });

  it('ranks a match in the title or services above a passing mention', () => {
    const { index, dns, db } = history();
    db.entry('Also checked DNS for orders-api: fine');
    index.upsert(searchable(db));
    expect(ids(index.search({ text: 'dns' }).results)).toEqual([dns.id, db.id]);
  });

  it('matches Danish words with or without their letters', () => {
    const { index, db } = history();
    expect(ids(index.search({ text: 'hændelsen' }).results)).toEqual([db.id]);
    expect(ids(index.search({ text: 'haendelsen laekage' }).results)).toEqual([db.id]);
    const snippet = index.search({ text: 'haendelsen' }).results[0]!.snippets[0]!;
    expect(marked(snippet)).toEqual(['Hændelsen']);
  });

  it('matches the word being typed as a prefix and forgives a typo in a long word', () => {
    const { index, db } = history();
    expect(ids(index.search({ text: 'connection poo' }).results)).toEqual([db.id]);
    expect(index.search({ text: 'connection poo ' }).total).toBe(0);
    expect(ids(index.search({ text: 'exhuasted' }).results)).toEqual([db.id]);
    // A stop word being typed may start a word ("the" -> "thereby") but is not needed.
    expect(ids(index.search({ text: 'connection the' }).results)).toEqual([db.id]);
    // Numbers are exact: port 5432 is not port 5433.
    expect(index.search({ text: '101' }).total).toBe(0);
  });

  it('leaves drills out unless asked for', () => {
    const { index, dns, drill } = history();
    expect(ids(index.search({ text: 'failover' }).results)).toEqual([]);
    expect(ids(index.search({ text: 'resolver', filters: { includeDrills: true } }).results)).toContain(drill.id);
    expect(ids(index.search({ text: 'resolver' }).results)).toEqual([dns.id]);
  });

  it('filters by service, priority, tag, status and when it was declared', () => {
    const { index, dns, db, open } = history();
    expect(index.search({ text: 'latency' }).total).toBe(2);
    expect(ids(index.search({ text: 'latency', filters: { services: ['Postgres '] } }).results)).toEqual([db.id]);
    expect(ids(index.search({ text: 'latency', filters: { priorities: ['P1'] } }).results)).toEqual([dns.id]);
    expect(ids(index.search({ text: 'latency', filters: { tags: ['capacity'] } }).results)).toEqual([db.id]);
    expect(ids(index.search({ text: 'latency', filters: { declaredFrom: '2026-04-01T00:00:00.000Z' } }).results)).toEqual([db.id]);
    expect(ids(index.search({ text: 'latency', filters: { declaredBefore: '2026-04-01T00:00:00.000Z' } }).results)).toEqual([dns.id]);
    expect(ids(index.search({ text: 'certificate', filters: { status: 'open' } }).results)).toEqual([open.id]);
    expect(index.search({ text: 'certificate', filters: { status: 'resolved' } }).total).toBe(0);
    // Filters all apply at once.
    expect(index.search({ text: 'latency', filters: { status: 'resolved', services: ['login'] } }).total).toBe(0);
  });

  it('lists what filters alone let through, newest first, and finds nothing for nothing', () => {
    const { index, dns, db } = history();
    expect(ids(index.search({ text: '', filters: { status: 'resolved' } }).results)).toEqual([db.id, dns.id]);
    expect(index.search({ text: '  ' })).toEqual({ total: 0, results: [], lastSimilar: null, words: [] });
  });

  it('says when the last similar incident was', () => {
    const { index, db } = history();
    const outcome = index.search({ text: 'latency' });
    expect(outcome.lastSimilar).toEqual({ id: db.id, title: 'Orders slow: database connection pool exhausted', declaredAt: '2026-05-14T13:10:00.000Z' });
  });

  it('counts every incident found but describes only as many as asked', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 30; i++) {
      const story = new IncidentStory({ device: `manydevice${String(i).padStart(2, '0')}`, title: `Disk full on batch node ${i}`, services: ['batch'], declaredAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` });
      index.upsert(searchable(story));
    }
    const outcome = index.search({ text: 'disk', limit: 5 });
    expect(outcome.total).toBe(30);
    expect(outcome.results).toHaveLength(5);
    expect(outcome.lastSimilar?.title).toBe('Disk full on batch node 29');
  });
});

describe('results', () => {
  it('tell how the incident was resolved', () => {
    const { index, dns } = history();
    const [result] = index.search({ text: 'resolver' }).results;
    expect(result!.incident).toMatchObject({ id: dns.id, priority: 'P1', services: ['checkout', 'dns'], status: 'closed' });
    expect(result!.resolution.confirmed).toEqual(['The resolver cache was flushed by the 08:55 config push']);
    expect(result!.resolution.rootCause).toBe('A config push restarted every resolver at once, flushing their caches.');
    expect(result!.resolution.rootCauseCut).toBe(true);
    // Declared at 09:00 and resolved eight events (a minute apart) later; closing half an hour after that does not count.
    expect(result!.resolution.resolvedAt).toBe('2026-03-02T09:08:00.000Z');
    expect(result!.resolution.timeToResolveMs).toBe(8 * 60_000);
  });

  it('mark the matched words in the title and in up to three passages, the root cause first', () => {
    const { index } = history();
    const [result] = index.search({ text: 'resolver' }).results;
    expect(marked(result!.title)).toEqual(['resolver']);
    expect(result!.snippets).toHaveLength(3);
    expect(result!.snippets[0]!.source).toEqual({ kind: 'postmortem', section: 'rootCause' });
    for (const snippet of result!.snippets) expect(marked(snippet).map((w) => w.toLowerCase())).toContain('resolver');
  });

  it('show a struck entry as struck, and an entry as corrected', () => {
    const story = new IncidentStory({ device: 'strikedev01', title: 'Search cluster red', services: ['search'], declaredAt: '2026-02-01T00:00:00.000Z' });
    const wrong = story.entry('Shard allocation failed on node es-7');
    const typo = story.entry('Heap at 98 % on es-3');
    story.strike(wrong, 'Wrong cluster');
    story.correct(typo, 'Heap at 98 % on es-4, garbage collection pauses of 12 s');
    const index = new SearchIndex();
    index.upsert(searchable(story));
    const struck = index.search({ text: 'shard allocation' }).results[0]!.snippets[0]!;
    expect(struck.source).toMatchObject({ kind: 'entry', struck: true });
    expect(index.search({ text: 'garbage collection' }).total).toBe(1);
    expect(index.search({ text: 'es-3' }).total).toBe(0);
  });
});

describe('keeping the index current', () => {
  it('finds a newly logged entry once the incident is upserted again, and forgets a removed incident', () => {
    const { index, db } = history();
    expect(index.search({ text: 'vacuum' }).total).toBe(0);
    db.entry('Autovacuum stuck on the orders table since 02:00');
    index.upsert(searchable(db));
    expect(ids(index.search({ text: 'autovacuum' }).results)).toEqual([db.id]);
    index.remove(db.id);
    expect(index.search({ text: 'autovacuum' }).total).toBe(0);
    expect(index.has(db.id)).toBe(false);
  });

  it('finds entries in every block of a long timeline, after edits in the middle too', () => {
    const story = new IncidentStory({ device: 'longdevice1', title: 'Long incident', services: ['batch'], declaredAt: '2026-01-01T00:00:00.000Z' });
    const entries: string[] = [];
    for (let i = 0; i < ENTRIES_PER_BLOCK * 3 + 5; i++) entries.push(story.entry(`Routine check ${i}: nothing new`));
    const index = new SearchIndex();
    index.upsert(searchable(story));
    story.correct(entries[ENTRIES_PER_BLOCK + 3]!, 'Found the zombie process eating memory');
    story.entry('Last entry: killed the zombie');
    index.upsert(searchable(story));
    const [result] = index.search({ text: 'zombie' }).results;
    expect(result!.snippets.map((s) => s.text)).toEqual(['Found the zombie process eating memory', 'Last entry: killed the zombie']);
    // The corrected entry no longer reads as it did; its neighbour still does.
    expect(index.search({ text: `routine ${ENTRIES_PER_BLOCK + 2} ` }).total).toBe(1);
    expect(index.search({ text: `routine ${ENTRIES_PER_BLOCK + 3} ` }).total).toBe(0);
  });

  it('offers the services and tags in use for filters', () => {
    const { index } = history();
    expect(index.services()).toEqual(['checkout', 'dns', 'login', 'orders', 'postgres']);
    expect(index.tags()).toEqual(['capacity', 'database']);
  });
});
