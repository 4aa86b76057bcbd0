/**
 * The full-text index over every incident on this console: titles, services,
 * tags, timelines, hypotheses and post-mortems, searchable offline.
 *
 * Each incident is one unit of search (a query's words may be spread over its
 * title, its timeline and its post-mortem), but is held as a few MiniSearch
 * documents: one for what is written about it, and one per block of timeline
 * entries. An entry logged, corrected or struck then re-indexes one block, not a
 * timeline of a hundred thousand entries. Matches are gathered per incident, and
 * an incident matches when all the query's words are found somewhere in it.
 */
import MiniSearch, { type Query, type SearchResult as MiniResult } from 'minisearch';

import { byText } from '../domain/order';
import { nameKey } from '../domain/text';
import type { EntryText, IncidentFacts, SearchableIncident } from './document';
import { filterTest, narrows, type SearchFilters } from './filters';
import { bestPassages, type MatchSnippet } from './passages';
import { resolutionOf, type Resolution } from './resolution';
import { highlightRanges, plainLine, type Highlight } from './snippets';
import { indexTerms, queryWords, type QueryWord } from './tokenize';

export type { MatchSnippet, SnippetSource } from './passages';

/** Timeline entries per indexed block. */
export const ENTRIES_PER_BLOCK = 512;
export const DEFAULT_LIMIT = 20;

/** How much a match in each field counts: what an incident is, and what caused it, count most. */
const FIELD_BOOSTS = {
  title: 4,
  services: 3,
  tags: 3,
  rootCause: 3,
  postmortem: 1.5,
  hypotheses: 1.5,
  timeline: 1,
} as const;
export type MatchField = keyof typeof FIELD_BOOSTS;
const FIELDS = Object.keys(FIELD_BOOSTS) as MatchField[];
/** What is written about an incident, as against what was logged during it. */
export const ABOUT_FIELDS: readonly MatchField[] = FIELDS.filter((field) => field !== 'timeline');
/** Timeline blocks beyond an incident's best one add this share of their score: many mentions help a little. */
const OTHER_BLOCKS_SHARE = 0.1;

type IndexedDocument = { id: number } & Partial<Record<MatchField, string>>;

type IndexedIncident = {
  incident: SearchableIncident;
  /** Its place in `slots`: documents name their incident by it. */
  slot: number;
  /** What the about-document was built from, to tell whether it changed. */
  aboutKey: string;
  aboutDoc: number;
  /** Each timeline block's document, and the entries it was built from. */
  blocks: { doc: number; entries: readonly EntryText[] }[];
};

/** A document's block when it is the about-document, or when it has been discarded. */
const ABOUT = -1;
const DISCARDED = -2;

export type SearchResult = {
  incident: IncidentFacts;
  score: number;
  /** The title, with the words matched in it. */
  title: { text: string; highlights: Highlight[] };
  /** The incident's fields where its words were found. */
  matchedIn: MatchField[];
  snippets: MatchSnippet[];
  resolution: Resolution;
};

export type SearchQuery = {
  /** The words as typed. */
  text: string;
  filters?: SearchFilters;
  /** How many results to describe in full (all are counted). */
  limit?: number;
};

export type SearchOutcome = {
  /** Incidents found, all of them (only `limit` are in `results`). */
  total: number;
  results: SearchResult[];
  /** The most recently declared incident found: "last similar incident: 3 weeks ago". */
  lastSimilar: { id: string; title: string; declaredAt: string } | null;
  /** The words searched for, folded; empty when only filters were given (or nothing at all). */
  words: string[];
};

/** A word to look for, with how much it counts and how loosely it may match. */
export type WeightedWord = QueryWord & { boost?: number; fuzzy?: boolean };

/** An incident that matched, before it is described. */
export type IncidentMatch = {
  incident: SearchableIncident;
  score: number;
  /** The query's words found in it. */
  words: Set<string>;
  /** The indexed terms that matched them (prefix and fuzzy matches included): what to highlight. */
  terms: Set<string>;
  fields: Set<MatchField>;
  /** Timeline blocks that matched. */
  blocks: number[];
};

const searchTerm = (term: string) => [term];
const sameTerm = (term: string) => term;

/** Light fuzziness: one typo in words of five letters or more, two from nine. Never in numbers (ports, codes, addresses). */
function fuzzinessOf(term: string): number {
  if (/\d/.test(term)) return 0;
  return term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
}

export class SearchIndex {
  private readonly mini = new MiniSearch<IndexedDocument>({
    fields: FIELDS,
    tokenize: indexTerms,
    processTerm: sameTerm,
  });
  private readonly incidents = new Map<string, IndexedIncident>();
  /** Incidents by slot (undefined once removed). */
  private readonly slots: (IndexedIncident | undefined)[] = [];
  /**
   * For each document id: its incident's slot, and its block (ABOUT, DISCARDED). Document ids are
   * small integers: arrays indexed by them are the cheapest lookups while scoring.
   */
  private readonly docSlot: number[] = [0];
  private readonly docBlock: number[] = [DISCARDED];

  get size(): number {
    return this.incidents.size;
  }

  get(id: string): SearchableIncident | undefined {
    return this.incidents.get(id)?.incident;
  }

  has(id: string): boolean {
    return this.incidents.has(id);
  }

  ids(): IterableIterator<string> {
    return this.incidents.keys();
  }

  /**
   * Adds an incident, or replaces what the index holds of it: only the parts
   * that changed are re-indexed. Treat what is passed as immutable from then on.
   */
  upsert(incident: SearchableIncident): void {
    const previous = this.incidents.get(incident.id);
    const slot = previous?.slot ?? this.slots.length;
    const aboutKey = aboutKeyOf(incident);
    let aboutDoc = previous?.aboutDoc ?? 0;
    if (!previous || previous.aboutKey !== aboutKey) {
      if (previous) this.discard(previous.aboutDoc);
      aboutDoc = this.addDocument(slot, ABOUT, aboutDocumentOf(incident));
    }
    const blockCount = Math.ceil(incident.entries.length / ENTRIES_PER_BLOCK);
    const blocks: IndexedIncident['blocks'] = [];
    for (let block = 0; block < blockCount; block++) {
      const entries = incident.entries.slice(block * ENTRIES_PER_BLOCK, (block + 1) * ENTRIES_PER_BLOCK);
      const kept = previous?.blocks[block];
      if (kept && sameEntries(kept.entries, entries)) {
        blocks.push({ doc: kept.doc, entries });
        continue;
      }
      if (kept) this.discard(kept.doc);
      blocks.push({ doc: this.addDocument(slot, block, { timeline: entries.map((e) => e.text).join('\n') }), entries });
    }
    for (const stale of previous?.blocks.slice(blockCount) ?? []) this.discard(stale.doc);
    const indexed: IndexedIncident = { incident, slot, aboutKey, aboutDoc, blocks };
    this.incidents.set(incident.id, indexed);
    this.slots[slot] = indexed;
  }

  remove(id: string): void {
    const indexed = this.incidents.get(id);
    if (!indexed) return;
    this.discard(indexed.aboutDoc);
    for (const block of indexed.blocks) this.discard(block.doc);
    this.incidents.delete(id);
    this.slots[indexed.slot] = undefined;
  }

  /** Every service named by an incident, sorted: what the service filter offers. */
  services(): string[] {
    const byKey = new Map<string, string>();
    for (const { incident } of this.incidents.values()) {
      for (const service of incident.services) if (!byKey.has(nameKey(service))) byKey.set(nameKey(service), service);
    }
    return [...byKey.values()].sort((a, b) => a.localeCompare(b));
  }

  /** Every tag in use, sorted. */
  tags(): string[] {
    const tags = new Set<string>();
    for (const { incident } of this.incidents.values()) for (const tag of incident.tags) tags.add(tag);
    return [...tags].sort();
  }

  search(query: SearchQuery): SearchOutcome {
    const filters = query.filters ?? {};
    const limit = query.limit ?? DEFAULT_LIMIT;
    const allowed = filterTest(filters);
    const words = queryWords(query.text);
    let matches: IncidentMatch[];
    if (words.length === 0) {
      // Filters alone list what they let through, newest first; nothing at all finds nothing.
      if (!narrows(filters)) return { total: 0, results: [], lastSimilar: null, words: [] };
      matches = [...this.incidents.values()]
        .filter(({ incident }) => allowed(incident))
        .map(({ incident }) => ({ incident, score: 0, words: new Set(), terms: new Set(), fields: new Set(), blocks: [] }));
    } else {
      const required = words.filter((w) => !w.optional).map((w) => w.term);
      matches = this.match(words, allowed).filter((m) => required.every((term) => m.words.has(term)));
    }
    matches.sort(byScoreThenRecency);
    const latest = matches.reduce<IncidentMatch | null>(
      (best, m) => (!best || m.incident.declaredAt > best.incident.declaredAt ? m : best),
      null,
    );
    return {
      total: matches.length,
      results: matches.slice(0, limit).map((m) => this.describe(m)),
      lastSimilar: latest ? { id: latest.incident.id, title: latest.incident.title, declaredAt: latest.incident.declaredAt } : null,
      words: words.map((w) => w.term),
    };
  }

  /**
   * Incidents where any of `words` is found (in `fields`, all by default), each
   * with its score and which words matched; only incidents `allowed` lets through are considered.
   */
  match(words: readonly WeightedWord[], allowed: (incident: SearchableIncident) => boolean, fields: readonly MatchField[] = FIELDS): IncidentMatch[] {
    if (words.length === 0) return [];
    // Per slot: 0 not yet asked, 1 allowed, 2 not.
    const verdicts = new Uint8Array(this.slots.length);
    const isAllowed = (doc: number) => {
      if (this.docBlock[doc] === DISCARDED) return false;
      const slot = this.docSlot[doc]!;
      if (verdicts[slot] === 0) {
        const indexed = this.slots[slot];
        verdicts[slot] = indexed && allowed(indexed.incident) ? 1 : 2;
      }
      return verdicts[slot] === 1;
    };
    const query: Query = {
      combineWith: 'OR',
      queries: words.map((word) => ({
        queries: [word.term],
        prefix: word.prefix,
        fuzzy: word.fuzzy === false ? false : fuzzinessOf(word.term),
        boostTerm: () => word.boost ?? 1,
      })),
    };
    const raw = this.mini.search(query, {
      fields: [...fields],
      tokenize: searchTerm,
      processTerm: sameTerm,
      boost: FIELD_BOOSTS,
      // A weight of 0 skips the document before it is scored: filters cost nothing for what they leave out.
      boostDocument: (doc) => (isAllowed(doc as number) ? 1 : 0),
    });
    return this.gather(raw);
  }

  /** Documents' matches summed up per incident. */
  private gather(raw: MiniResult[]): IncidentMatch[] {
    type Gathered = IncidentMatch & { about: number; best: number; blocksTotal: number };
    const bySlot = new Map<number, Gathered>();
    for (const result of raw) {
      const doc = result.id as number;
      const block = this.docBlock[doc]!;
      const slot = this.docSlot[doc]!;
      const indexed = this.slots[slot];
      if (block === DISCARDED || !indexed) continue;
      let gathered = bySlot.get(slot);
      if (!gathered) {
        gathered = { incident: indexed.incident, score: 0, words: new Set(), terms: new Set(), fields: new Set(), blocks: [], about: 0, best: 0, blocksTotal: 0 };
        bySlot.set(slot, gathered);
      }
      for (const word of result.queryTerms) gathered.words.add(word);
      for (const term in result.match) {
        gathered.terms.add(term);
        for (const field of result.match[term]!) gathered.fields.add(field as MatchField);
      }
      if (block === ABOUT) gathered.about += result.score;
      else {
        gathered.blocks.push(block);
        gathered.best = Math.max(gathered.best, result.score);
        gathered.blocksTotal += result.score;
      }
    }
    const matches: IncidentMatch[] = [];
    for (const { about, best, blocksTotal, ...match } of bySlot.values()) {
      matches.push({ ...match, score: about + best + OTHER_BLOCKS_SHARE * (blocksTotal - best) });
    }
    return matches;
  }

  /**
   * A match as a result: the title and up to three passages with the matched
   * words marked (unless `snippets` is false), and how it was resolved.
   */
  describe(match: IncidentMatch, snippets = true): SearchResult {
    const { incident, terms } = match;
    const title = plainLine(incident.title, highlightRanges(incident.title, terms));
    return {
      incident: factsOf(incident),
      score: match.score,
      title,
      matchedIn: FIELDS.filter((field) => match.fields.has(field)),
      snippets: snippets && terms.size ? bestPassages(incident, entriesOf(incident, match.blocks), terms, Math.max(1, match.words.size)) : [],
      resolution: resolutionOf(incident),
    };
  }

  private addDocument(slot: number, block: number, fields: Partial<Record<MatchField, string>>): number {
    const id = this.docSlot.length;
    this.docSlot.push(slot);
    this.docBlock.push(block);
    this.mini.add({ id, ...fields });
    return id;
  }

  private discard(doc: number): void {
    this.docBlock[doc] = DISCARDED;
    this.mini.discard(doc);
  }
}

function factsOf(incident: SearchableIncident): IncidentFacts {
  const { id, title, services, tags, priority, status, kind, declaredAt, drill, resolvedAt } = incident;
  return { id, title, services, tags, priority, status, kind, declaredAt, drill, resolvedAt };
}

function byScoreThenRecency(a: IncidentMatch, b: IncidentMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  return byText(b.incident.declaredAt, a.incident.declaredAt);
}

function aboutDocumentOf(incident: SearchableIncident): Partial<Record<MatchField, string>> {
  const { rootCause, ...sections } = incident.postmortem;
  return {
    title: incident.title,
    services: incident.services.join('\n'),
    tags: incident.tags.join('\n'),
    hypotheses: incident.hypotheses.flatMap((h) => [h.statement, ...h.evidence, ...h.experiments]).join('\n'),
    postmortem: [...Object.values(sections), ...incident.actionItems.map((item) => item.title)].join('\n'),
    rootCause: rootCause ?? '',
  };
}

function aboutKeyOf(incident: SearchableIncident): string {
  return JSON.stringify(aboutDocumentOf(incident));
}

/** The entries of the timeline blocks given, in timeline order. */
function entriesOf(incident: SearchableIncident, blocks: readonly number[]): EntryText[] {
  return [...new Set(blocks)].sort((a, b) => a - b).flatMap((block) => incident.entries.slice(block * ENTRIES_PER_BLOCK, (block + 1) * ENTRIES_PER_BLOCK));
}

function sameEntries(previous: readonly EntryText[], entries: readonly EntryText[]): boolean {
  if (previous.length !== entries.length) return false;
  return entries.every((entry, i) => {
    const old = previous[i]!;
    // Only the text is indexed: a strike or a move changes what a snippet says, not what is found.
    return old === entry || old.text === entry.text;
  });
}
