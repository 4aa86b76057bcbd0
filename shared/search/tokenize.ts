/**
 * Words for search, in English and Danish: lower-cased, accents folded, numbers
 * kept, punctuation splitting words. Each token keeps where it stands in the
 * original text, so a match can be highlighted exactly where it was written.
 */

export type Token = {
  /** The word as searched for: lower-case and folded ("hændelse" -> "haendelse"). */
  term: string;
  /** Code-unit offsets of the word in the text it came from: [start, end). */
  start: number;
  end: number;
};

/** Longer runs of letters are hashes, base64 or pasted garbage: kept out of the index. */
export const MAX_TERM_LENGTH = 40;

/** Letters (with their combining marks) and digits; everything else separates words. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Letters that do not decompose into a base letter and an accent. The Danish
 * ones follow Danish spelling without them (æ -> ae, ø -> oe, å -> aa), so
 * "Århus" finds "Aarhus" and "strømsvigt" finds "stroemsvigt".
 */
const SPELLED_OUT: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  ß: 'ss',
  œ: 'oe',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const NEEDS_SPELLING = /[æøåßœðþłđı]/g;
const PLAIN_WORD = /^[a-z0-9]+$/;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\u0000-\u007f]*$/;
/** In ASCII text, words are runs of letters and digits: the same words WORD finds, found faster. */
const ASCII_WORD = /[A-Za-z0-9]+/g;

/**
 * Words too common to tell incidents apart, in both languages. A few Danish
 * ones are also English words ("at", "i", "for"), which is fine: they are
 * equally uninformative in both.
 */
const STOP_WORDS = new Set(
  [
    // English
    'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'for', 'from', 'had', 'has', 'have', 'he', 'her',
    'his', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'of', 'on', 'or', 'she', 'so', 'that', 'the', 'their', 'them', 'then',
    'there', 'these', 'they', 'this', 'those', 'to', 'was', 'we', 'were', 'what', 'when', 'which', 'who', 'will', 'with',
    // Danish, as folded
    'af', 'alle', 'andet', 'andre', 'de', 'dem', 'den', 'denne', 'der', 'deres', 'det', 'dette', 'du', 'efter', 'eller',
    'en', 'et', 'fra', 'har', 'hun', 'hvad', 'hvis', 'hvor', 'ikke', 'jeg', 'kan', 'man', 'med', 'men', 'mig', 'og', 'om',
    'os', 'paa', 'sig', 'som', 'til', 'var', 'vi', 'vil', 'vores', 'vaere', 'vaeret',
  ],
);

/** The searchable form of one word: lower-case, accents removed, special letters spelled out. */
export function foldTerm(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN_WORD.test(lower)) return lower;
  return foldLetters(lower);
}

/** A whole text folded as its words are, for a quick "could it contain this term?" (lengths may change). */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return ASCII.test(lower) ? lower : foldLetters(lower);
}

function foldLetters(lower: string): string {
  return lower
    .normalize('NFC')
    .replace(NEEDS_SPELLING, (letter) => SPELLED_OUT[letter] ?? letter)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '');
}

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/**
 * Every word of `text` with its place, stop words included (a highlight needs
 * to know where every word is; the index leaves stop words out itself).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(ASCII.test(text) ? ASCII_WORD : WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end - start > MAX_TERM_LENGTH * 2) continue;
    const term = foldTerm(match[0]);
    if (term.length === 0 || term.length > MAX_TERM_LENGTH) continue;
    tokens.push({ term, start, end });
  }
  return tokens;
}

/** The terms the index holds for `text`: folded words, stop words left out. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(ASCII.test(text) ? ASCII_WORD : WORD)) {
    if (match[0].length > MAX_TERM_LENGTH * 2) continue;
    const term = foldTerm(match[0]);
    if (term.length === 0 || term.length > MAX_TERM_LENGTH || STOP_WORDS.has(term)) continue;
    terms.push(term);
  }
  return terms;
}

export type QueryWord = {
  term: string;
  /** The last word of a query still being typed: words it begins match too. */
  prefix: boolean;
  /** A stop word still being typed: it may become a word worth finding, but need not be found. */
  optional?: true;
};

/** Shortest unfinished word matched as a prefix: one letter would match half the vocabulary. */
const MIN_PREFIX_LENGTH = 2;

/**
 * The words of a query as typed into a search box. The last word counts as
 * unfinished unless the query ends in a space; it stays, optional, even if it
 * is a stop word so far ("the" on its way to "thread"). Repeated words count once.
 */
export function queryWords(query: string): QueryWord[] {
  const tokens = tokenize(query);
  const typing = tokens.length > 0 && tokens[tokens.length - 1]!.end === query.length;
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const last = i === tokens.length - 1;
    const prefix = last && typing && token.term.length >= MIN_PREFIX_LENGTH;
    const stop = STOP_WORDS.has(token.term);
    if ((stop && !prefix) || seen.has(token.term)) return;
    seen.add(token.term);
    words.push(stop ? { term: token.term, prefix, optional: true } : { term: token.term, prefix });
  });
  return words;
}
