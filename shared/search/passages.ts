/**
 * Which passages of a matched incident to show: those that hold the most of
 * the query's words, the most telling kinds first (a root cause before a
 * timeline note), each as a snippet with the matched words marked.
 */
import type { HypothesisStatus, PostmortemSection } from '../domain/events';
import type { EntryText, SearchableIncident } from './document';
import { snippetOf, type Highlight, type Snippet } from './snippets';
import { foldText, tokenize } from './tokenize';

export const SNIPPETS_PER_RESULT = 3;

export type SnippetSource =
  | { kind: 'entry'; id: string; at: string; struck: boolean }
  | { kind: 'hypothesis' | 'evidence' | 'experiment'; id: string; status: HypothesisStatus }
  | { kind: 'postmortem'; section: PostmortemSection }
  | { kind: 'actionItem'; id: string };

export type MatchSnippet = Snippet & { source: SnippetSource };

/** A passage that could be shown, and how much its kind says about a resolution. */
type Candidate = { text: string; source: SnippetSource; weight: number };

const SECTION_WEIGHT: Partial<Record<PostmortemSection, number>> = { rootCause: 6, summary: 5, contributingFactors: 5 };

/** Every passage that could hold a match, the most telling kinds first, then `entries` in their order. */
function* candidatesOf(incident: SearchableIncident, entries: readonly EntryText[]): Generator<Candidate> {
  const written = (Object.entries(incident.postmortem) as [PostmortemSection, string][]).map(
    ([section, text]): Candidate => ({ text, source: { kind: 'postmortem', section }, weight: SECTION_WEIGHT[section] ?? 4 }),
  );
  yield* written.sort((a, b) => b.weight - a.weight);
  const hypotheses = [...incident.hypotheses].sort((a, b) => Number(b.status === 'confirmed') - Number(a.status === 'confirmed'));
  for (const h of hypotheses) yield { text: h.statement, source: { kind: 'hypothesis', id: h.id, status: h.status }, weight: 3 };
  for (const h of hypotheses) {
    for (const text of h.evidence) yield { text, source: { kind: 'evidence', id: h.id, status: h.status }, weight: 2 };
    for (const text of h.experiments) yield { text, source: { kind: 'experiment', id: h.id, status: h.status }, weight: 2 };
  }
  for (const item of incident.actionItems) yield { text: item.title, source: { kind: 'actionItem', id: item.id }, weight: 2 };
  for (const entry of entries) {
    yield { text: entry.text, source: { kind: 'entry', id: entry.id, at: entry.at, struck: entry.struck }, weight: 1 };
  }
}

/** Beyond this many terms to look for, checking each one first costs more than it saves. */
const MAX_TERMS_TO_PRECHECK = 8;

/**
 * The passages of `incident` (its written parts, and of its timeline the
 * `entries` that matched) holding the most of the query's `wanted` words
 * (as the indexed `terms` that matched them), the most telling kinds first,
 * then the earliest. Stops looking once nothing further could do better.
 */
export function bestPassages(incident: SearchableIncident, entries: readonly EntryText[], terms: ReadonlySet<string>, wanted: number): MatchSnippet[] {
  const precheck = terms.size <= MAX_TERMS_TO_PRECHECK ? [...terms] : null;
  const found: { candidate: Candidate; highlights: Highlight[]; distinct: number; order: number }[] = [];
  let complete = 0;
  let order = 0;
  for (const candidate of candidatesOf(incident, entries)) {
    order++;
    if (precheck) {
      const folded = foldText(candidate.text);
      if (!precheck.some((term) => folded.includes(term))) continue;
    }
    const matched = tokenize(candidate.text).filter((token) => terms.has(token.term));
    if (matched.length === 0) continue;
    const distinct = Math.min(wanted, new Set(matched.map((token) => token.term)).size);
    found.push({ candidate, highlights: matched.map(({ start, end }) => ({ start, end })), distinct, order });
    // Candidates come in falling weight: once enough match every word, no later one can rank above them.
    if (distinct === wanted && ++complete === SNIPPETS_PER_RESULT) break;
  }
  found.sort((a, b) => b.distinct - a.distinct || b.candidate.weight - a.candidate.weight || a.order - b.order);
  return found
    .slice(0, SNIPPETS_PER_RESULT)
    .map(({ candidate, highlights }) => ({ ...snippetOf(candidate.text, highlights), source: candidate.source }));
}
