/**
 * File names the console suggests when it saves something: readable, lower
 * case, letters and digits of any script joined by hyphens, safe on every file
 * system (no separators, no reserved characters, no leading dot).
 */
export function fileSlug(text: string, maxChars: number, fallback = 'incident'): string {
  return (
    text
      .normalize('NFKD')
      // Accents come apart under NFKD: dropped, so "Müller" is "muller", not "mu-ller".
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxChars)
      .replace(/-+$/, '') || fallback
  );
}
