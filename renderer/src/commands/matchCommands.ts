/**
 * The palette's matching: every word typed must appear in the label, ignoring
 * case and accents ("haendelse" does not find "hændelse", but "eksporter"
 * finds "Eksportér"). Labels that start with what was typed come first, then
 * those whose words start with each typed word, then the rest, each in the
 * order given.
 */

/** Lower case without accents: "Eksportér" → "eksporter". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** 0 is the best match; null: no match. */
export function matchRank(label: string, query: string): number | null {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return 2;
  const folded = foldText(label);
  if (!words.every((word) => folded.includes(word))) return null;
  if (folded.startsWith(words.join(' '))) return 0;
  const labelWords = folded.split(/[^\p{L}\p{N}]+/u);
  return words.every((word) => labelWords.some((w) => w.startsWith(word))) ? 1 : 2;
}

/** The items matching `query`, best first; ties keep their order. */
export function matchItems<T>(items: readonly T[], query: string, labelOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, rank: matchRank(labelOf(item), query) }))
    .filter((m): m is { item: T; index: number; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.item);
}
