/** Limits and clean-up for text typed or pasted by people. */

export const LIMITS = {
  title: 200,
  entryText: 10_000,
  reason: 1_000,
  personName: 100,
  serviceName: 100,
  services: 50,
  roleName: 60,
  roles: 50,
  catalogueServices: 1_000,
  hypothesis: 500,
  probeText: 2_000,
  evidenceText: 4_000,
  holders: 50,
  postmortemSection: 20_000,
  actionTitle: 300,
  tag: 40,
  tags: 20,
} as const;

// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides that can disguise text.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const FORBIDDEN_IN_STORED_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** Multi-line text: normalises line endings and removes invisible control characters. */
export function cleanMultiline(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}

/** Single-line text (titles, names): line breaks and tabs become spaces. */
export function cleanLine(text: string): string {
  return cleanMultiline(text).replace(/\s+/g, ' ').trim();
}

/**
 * The key two names are compared by: the same person, role or service whatever
 * the case, spacing, line breaks or Unicode composition it was typed with
 * ("Ada  Lovelace" and "ada lovelace" are one person). Every comparison of
 * names uses it, so the schema, the forms and the folds agree.
 */
export function nameKey(text: string): string {
  return cleanLine(text).normalize('NFC').toLocaleLowerCase('en');
}

export function hasForbiddenControlChars(text: string): boolean {
  return FORBIDDEN_IN_STORED_TEXT.test(text);
}

/** Splits a comma- or newline-separated list, dropping blanks and duplicates (case-insensitive). */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const item = cleanLine(raw);
    const key = nameKey(item);
    if (item && !seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
