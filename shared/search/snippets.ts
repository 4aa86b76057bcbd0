/**
 * Snippets: a short window of a text around the words a search matched, as
 * plain text, with the matched words' ranges for highlighting. Whatever people
 * pasted (HTML, control characters, a megabyte of log output) comes out as
 * plain, single-line text whose ranges point at the words themselves.
 */
import { tokenize } from './tokenize';

/** Code-unit range [start, end) of a matched word in a snippet's text. */
export type Highlight = { start: number; end: number };

export type Snippet = {
  text: string;
  highlights: Highlight[];
  /** The window starts after the text's beginning / ends before its end: show that something was left out. */
  cutBefore: boolean;
  cutAfter: boolean;
};

export const SNIPPET_WIDTH = 180;
/** Context kept before the first match when there is room. */
const LEAD_IN = 50;

// Invisible controls and bidi overrides (which can make text read differently from what it is); line breaks and
// tabs too, since a snippet is one line. Each becomes a space, so offsets hold until spaces are collapsed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\s]/;

/** Where the words whose term is in `terms` stand in `text`. */
export function highlightRanges(text: string, terms: ReadonlySet<string>): Highlight[] {
  if (terms.size === 0) return [];
  return tokenize(text)
    .filter((token) => terms.has(token.term))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * `text` as one plain line (unprintable characters and runs of white space
 * become one space, ends trimmed) with `highlights` moved to match.
 */
export function plainLine(text: string, highlights: readonly Highlight[]): { text: string; highlights: Highlight[] } {
  // at[i]: where the character at i of the input lands in the output.
  const at = new Array<number>(text.length + 1);
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (UNPRINTABLE.test(char)) {
      pendingSpace = out.length > 0;
      at[i] = out.length;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    at[i] = out.length;
    out += char;
  }
  at[text.length] = out.length;
  const moved = highlights
    .map(({ start, end }) => ({ start: at[start]!, end: Math.min(at[end]!, out.length) }))
    .filter((h) => h.end > h.start);
  return { text: out, highlights: moved };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The densest run of highlights that fits in `width`: [first, last] indexes. */
function densestRun(highlights: readonly Highlight[], width: number): [number, number] {
  let best: [number, number] = [0, 0];
  let j = 0;
  for (let i = 0; i < highlights.length; i++) {
    if (j < i) j = i;
    while (j + 1 < highlights.length && highlights[j + 1]!.end - highlights[i]!.start <= width) j++;
    if (j - i > best[1] - best[0]) best = [i, j];
  }
  return best;
}

/**
 * A window of about `width` characters of `text` around its highlights (its
 * beginning when there are none), on word boundaries where it can be, as a plain line.
 */
export function snippetOf(text: string, highlights: readonly Highlight[], width: number = SNIPPET_WIDTH): Snippet {
  let start = 0;
  let end = Math.min(text.length, width);
  if (highlights.length > 0) {
    const [first, last] = densestRun(highlights, width);
    const from = highlights[first]!.start;
    const to = Math.max(highlights[last]!.end, from);
    const slack = Math.max(0, width - (to - from));
    start = Math.max(0, from - Math.min(LEAD_IN, Math.floor(slack / 2)));
    end = Math.min(text.length, Math.max(to, start + width));
    // Start after a space rather than in the middle of a word, if one is near.
    if (start > 0) {
      const space = text.slice(start, from).search(/\s/);
      if (space >= 0) start += space + 1;
    }
  }
  if (end < text.length) {
    const tail = text.slice(start, end);
    const lastSpace = tail.search(/\s\S*$/);
    const keep = highlights.length > 0 ? highlightsEndIn(highlights, start, end) : start;
    if (lastSpace > 0 && start + lastSpace >= keep) end = start + lastSpace;
  }
  // Never split a character made of two code units.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  const inWindow = highlights
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start, end: h.end - start }));
  const line = plainLine(text.slice(start, end), inWindow);
  return { text: line.text, highlights: line.highlights, cutBefore: start > 0, cutAfter: end < text.length };
}

/** Where the last highlight wholly inside [start, end) ends. */
function highlightsEndIn(highlights: readonly Highlight[], start: number, end: number): number {
  let last = start;
  for (const h of highlights) if (h.start >= start && h.end <= end) last = Math.max(last, h.end);
  return last;
}
