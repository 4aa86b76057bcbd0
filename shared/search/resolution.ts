/** "How was it solved?": what a past incident's record says about its resolution, in a few lines. */
import type { SearchableIncident } from './document';
import { plainLine } from './snippets';

export type Resolution = {
  /** When it was declared resolved; null while open. */
  resolvedAt: string | null;
  /** From declaration to resolution; null while open. */
  timeToResolveMs: number | null;
  /** Statements of the hypotheses confirmed: what it turned out to be. */
  confirmed: string[];
  /** The opening of the post-mortem's root cause, as one plain line; null when not written. */
  rootCause: string | null;
  /** The root cause goes on beyond the opening shown. */
  rootCauseCut: boolean;
};

export const ROOT_CAUSE_OPENING = 240;
/** A first sentence shorter than this says too little on its own: the opening runs on. */
const SHORTEST_SENTENCE = 40;

/** The first sentence of `text` if it fits in `max` characters, else as many whole words as fit. */
export function openingOf(text: string, max: number = ROOT_CAUSE_OPENING): { text: string; cut: boolean } {
  // Only the head of the text can be shown: clean no more than that.
  const line = plainLine(text.slice(0, max * 2 + 1), []).text;
  const whole = line.length <= max && text.length <= max * 2;
  if (whole) return { text: line, cut: false };
  const sentence = /[.!?](\s|$)/g;
  let end = -1;
  for (let match = sentence.exec(line); match && match.index < max; match = sentence.exec(line)) {
    if (match.index + 1 >= SHORTEST_SENTENCE) {
      end = match.index + 1;
      break;
    }
  }
  if (end < 0) {
    const head = line.slice(0, max);
    const space = head.lastIndexOf(' ');
    end = space > max / 2 ? space : max;
  }
  return { text: line.slice(0, end).trimEnd(), cut: true };
}

export function resolutionOf(incident: SearchableIncident): Resolution {
  const resolvedMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Number.NaN;
  const declaredMs = Date.parse(incident.declaredAt);
  const took = resolvedMs - declaredMs;
  const rootCause = incident.postmortem.rootCause ? openingOf(incident.postmortem.rootCause) : null;
  return {
    resolvedAt: incident.resolvedAt,
    timeToResolveMs: Number.isFinite(took) && took >= 0 ? took : null,
    confirmed: incident.hypotheses.filter((h) => h.status === 'confirmed').map((h) => h.statement),
    rootCause: rootCause?.text || null,
    rootCauseCut: rootCause?.cut ?? false,
  };
}
