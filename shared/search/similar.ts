/**
 * "Has this happened before?", asked for the incident at hand: past incidents
 * ranked by how much they share with it (its title's words, its services, its
 * tags, what is being suspected), each with why it was picked. Past incidents
 * are compared by what they were about (title, services, tags, hypotheses,
 * post-mortem), not by every word said on their timelines: that is chatter
 * ("checked the dashboards"), and leaving it out keeps the panel quick.
 */
import { nameKey } from '../domain/text';
import { isOpenStatus } from '../domain/events';
import type { SearchableIncident } from './document';
import { ABOUT_FIELDS, type IncidentMatch, type SearchIndex, type SearchResult, type WeightedWord } from './searchIndex';
import { isStopWord, tokenize } from './tokenize';

export type SimilarSubject = {
  id: string;
  title: string;
  services: readonly string[];
  tags: readonly string[];
  drill: boolean;
  /** Statements of its hypotheses: what is suspected says what kind of trouble it is. */
  hypotheses: readonly string[];
};

export type SimilarIncident = SearchResult & {
  /** Why it was picked: services and tags it shares, and words of the subject found in it (as the subject wrote them). */
  reasons: { services: string[]; tags: string[]; words: string[] };
};

export const SIMILAR_LIMIT = 3;
/** Enough to say what an incident is about, few enough to stay quick. */
const MAX_WORDS = 32;
const WEIGHTS = { title: 2, tags: 1.5, services: 1, hypotheses: 0.75 } as const;
/** Each shared service and tag multiplies the score: the same system failing again is the strongest sign. */
const SHARED_SERVICE_FACTOR = 0.75;
const SHARED_TAG_FACTOR = 0.5;
/** One word in common is chance ("error"); two, or a shared service or tag, is a resemblance. */
const MIN_SHARED_WORDS = 2;

type Words = { weighted: WeightedWord[]; spelling: Map<string, string> };

function wordsOf(subject: SimilarSubject): Words {
  const weights = new Map<string, number>();
  const spelling = new Map<string, string>();
  const take = (text: string, weight: number) => {
    for (const token of tokenize(text)) {
      if (isStopWord(token.term)) continue;
      if (!weights.has(token.term) && weights.size >= MAX_WORDS) return;
      weights.set(token.term, Math.max(weights.get(token.term) ?? 0, weight));
      if (!spelling.has(token.term)) spelling.set(token.term, text.slice(token.start, token.end));
    }
  };
  take(subject.title, WEIGHTS.title);
  for (const tag of subject.tags) take(tag, WEIGHTS.tags);
  for (const service of subject.services) take(service, WEIGHTS.services);
  for (const statement of subject.hypotheses) take(statement, WEIGHTS.hypotheses);
  const weighted = [...weights].map(([term, boost]): WeightedWord => ({ term, boost, prefix: false, fuzzy: false }));
  return { weighted, spelling };
}

/** Past incidents (resolved or closed, never the subject, drills only for a drill) most like `subject`, best first. */
export function similarIncidents(index: SearchIndex, subject: SimilarSubject, limit: number = SIMILAR_LIMIT): SimilarIncident[] {
  const allowed = (incident: SearchableIncident) =>
    incident.id !== subject.id && !isOpenStatus(incident.status) && (subject.drill || !incident.drill);
  const { weighted, spelling } = wordsOf(subject);
  // What past incidents were about (title, services, tags, hypotheses, post-mortem), not every word said during them.
  const matches = new Map(index.match(weighted, allowed, ABOUT_FIELDS).map((m) => [m.incident.id, m]));

  // Incidents that share a service or a tag resemble it even when nobody used the same words.
  const services = new Set(subject.services.map(nameKey));
  const tags = new Set(subject.tags);
  for (const id of index.ids()) {
    const incident = index.get(id)!;
    if (matches.has(id) || !allowed(incident)) continue;
    if (incident.services.some((s) => services.has(nameKey(s))) || incident.tags.some((t) => tags.has(t))) {
      matches.set(id, { incident, score: 0, words: new Set(), terms: new Set(), fields: new Set(), blocks: [] });
    }
  }

  const ranked: { match: IncidentMatch; score: number; reasons: SimilarIncident['reasons'] }[] = [];
  for (const match of matches.values()) {
    const sharedServices = match.incident.services.filter((s) => services.has(nameKey(s)));
    const sharedTags = match.incident.tags.filter((t) => tags.has(t));
    if (sharedServices.length === 0 && sharedTags.length === 0 && match.words.size < MIN_SHARED_WORDS) continue;
    const score =
      (match.score + 1) * (1 + SHARED_SERVICE_FACTOR * sharedServices.length) * (1 + SHARED_TAG_FACTOR * sharedTags.length);
    const words = [...match.words].map((term) => spelling.get(term) ?? term);
    ranked.push({ match, score, reasons: { services: sharedServices, tags: sharedTags, words } });
  }
  ranked.sort((a, b) => b.score - a.score || (a.match.incident.declaredAt < b.match.incident.declaredAt ? 1 : -1));
  // Shown with how each was resolved and why it was picked; passages would crowd the panel.
  return ranked.slice(0, limit).map(({ match, score, reasons }) => ({ ...index.describe(match, false), score, reasons }));
}
