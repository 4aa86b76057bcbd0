/**
 * Fills a template's `{{placeholders}}` from an incident. A placeholder the
 * console has no value for stays visible in the draft and is reported, so a
 * person fills it in before anything is sent.
 */
import { PLACEHOLDERS, PLACEHOLDER_PATTERN, type Placeholder } from '../domain/comms';

/** undefined or blank (after trim) = no value. */
export type PlaceholderValues = Partial<Record<Placeholder, string>>;
export type RenderedDraft = { subject: string; body: string; missing: Placeholder[] };

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

function valueOf(values: PlaceholderValues, name: Placeholder): string | null {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** One pass with a replacer function: inserted values are never scanned again, and `$&` in them stays literal. */
function fill(text: string, values: PlaceholderValues, missing: Set<Placeholder>, oneLine: boolean): string {
  return text.replace(new RegExp(PLACEHOLDER_PATTERN), (match: string, name: string) => {
    if (!isPlaceholder(name)) return match;
    const value = valueOf(values, name);
    if (value === null) {
      missing.add(name);
      return `{{${name}}}`;
    }
    return oneLine ? value.replace(/\s*[\r\n\v\f\u0085\u2028\u2029]+\s*/g, ' ').replace(/\t/g, ' ') : value;
  });
}

export function renderTemplate(template: { subject: string; body: string }, values: PlaceholderValues): RenderedDraft {
  const missing = new Set<Placeholder>();
  const subject = fill(template.subject, values, missing, true);
  const body = fill(template.body, values, missing, false);
  return { subject, body, missing: [...missing] };
}

/** Known placeholders still in a (possibly hand-edited) draft: while any remain, it is not ready to send. */
export function unresolvedPlaceholders(text: string): Placeholder[] {
  const found = new Set<Placeholder>();
  for (const match of text.matchAll(new RegExp(PLACEHOLDER_PATTERN))) {
    const name = match[1]!;
    if (isPlaceholder(name)) found.add(name);
  }
  return [...found];
}
