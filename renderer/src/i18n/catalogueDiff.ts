/** Compares a translation with the reference catalogue: same keys, no blanks, the same `{placeholders}` in each message. */

type Messages = Readonly<Record<string, unknown>>;

export type PlaceholderMismatch = { key: string; reference: string[]; translation: string[] };

export type CatalogueDiff = {
  missing: string[];
  unknown: string[];
  /** Keys whose value is not a non-empty string, in either catalogue. */
  blank: string[];
  placeholders: PlaceholderMismatch[];
};

/** The names of a message's `{name}` placeholders, sorted and without repeats. */
export function placeholderNames(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();
}

const isFilled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function compareCatalogues(reference: Messages, translation: Messages): CatalogueDiff {
  const referenceKeys = Object.keys(reference);
  const translationKeys = Object.keys(translation);
  const missing = referenceKeys.filter((key) => !Object.hasOwn(translation, key));
  const unknown = translationKeys.filter((key) => !Object.hasOwn(reference, key));
  const blank = [...new Set([...referenceKeys, ...translationKeys])].filter(
    (key) => (Object.hasOwn(reference, key) && !isFilled(reference[key])) || (Object.hasOwn(translation, key) && !isFilled(translation[key])),
  );
  const placeholders: PlaceholderMismatch[] = [];
  for (const key of referenceKeys) {
    const original = reference[key];
    const translated = translation[key];
    if (!Object.hasOwn(translation, key) || !isFilled(original) || !isFilled(translated)) continue;
    const expected = placeholderNames(original);
    const found = placeholderNames(translated);
    if (expected.join() !== found.join()) placeholders.push({ key, reference: expected, translation: found });
  }
  return { missing, unknown, blank, placeholders };
}

export function isCatalogueComplete(diff: CatalogueDiff): boolean {
  return !diff.missing.length && !diff.unknown.length && !diff.blank.length && !diff.placeholders.length;
}

/** A report a translator can act on: every problem named with its key. */
export function describeCatalogueDiff(diff: CatalogueDiff): string {
  const lines: string[] = [];
  const list = (title: string, keys: string[]) => keys.length && lines.push(`${title} (${keys.length}):`, ...keys.map((key) => `  ${key}`));
  list('Missing keys', diff.missing);
  list('Unknown keys', diff.unknown);
  list('Blank messages', diff.blank);
  if (diff.placeholders.length) {
    lines.push(`Placeholders that differ (${diff.placeholders.length}):`);
    for (const p of diff.placeholders) lines.push(`  ${p.key}: expected {${p.reference.join('}, {')}} but found {${p.translation.join('}, {')}}`);
  }
  return lines.join('\n');
}
