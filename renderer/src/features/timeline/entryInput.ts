/**
 * The scribe's entry syntax. A line may start with a type (`/d`, `/a`, `/o`,
 * `/n`, or the whole word) and a time it happened (`@14:02`, `@14:02:30`,
 * `@-10m`, `@-2h`, `@-90s`), in either order. `@14:02` later than now means
 * yesterday: a scribe backdates, never postdates. Only an `@` before a digit or
 * a sign is a time: `@ops channel is noisy` is text. A leading backslash keeps
 * what follows as typed: `\@14:02 was the agreed time`, `\/d is a path`.
 */
import { ENTRY_KINDS, type EntryKind } from '@shared/domain/events';
import { FUTURE_TOLERANCE_MS, checkOccurredAt } from '@shared/domain/occurredAt';
import { LIMITS, cleanMultiline } from '@shared/domain/text';

const KIND_WORDS: Record<string, EntryKind> = {
  n: 'note',
  a: 'action',
  d: 'decision',
  o: 'observation',
  obs: 'observation',
  ...Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, kind])),
};

export type EntryProblem = 'empty' | 'tooLong' | 'badTime' | 'future' | 'tooOld';

export type ParsedEntry = {
  kind: EntryKind;
  text: string;
  /** Null = now. */
  occurredAt: Date | null;
  problem: EntryProblem | null;
};

const KIND_PREFIX = /^\/([a-z]+)(?=\s|$)\s*/i;
const TIME_PREFIX = /^@([\d+-]\S*)\s*/;
const ESCAPED_PREFIX = /^\\(?=[@/])/;
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const AGO = /^-(\d{1,5})([smh])$/;

export type EntryDefaults = {
  kind?: EntryKind;
  /** A time token (as after `@`) from the separate time field; a prefix in the text wins over it. */
  at?: string;
};

export function parseEntryInput(raw: string, now: Date, defaults: EntryDefaults = {}): ParsedEntry {
  let rest = raw.replace(/^\s+/, '');
  let kind = defaults.kind ?? 'note';
  let occurredAt: Date | null = null;
  let problem: EntryProblem | null = null;
  let timed = false;

  for (let i = 0; i < 2; i++) {
    const escaped = ESCAPED_PREFIX.exec(rest);
    if (escaped) {
      rest = rest.slice(escaped[0].length);
      break;
    }
    const kindMatch = KIND_PREFIX.exec(rest);
    const word = kindMatch?.[1]?.toLowerCase();
    if (kindMatch && word && Object.hasOwn(KIND_WORDS, word)) {
      kind = KIND_WORDS[word]!;
      rest = rest.slice(kindMatch[0].length);
      continue;
    }
    const timeMatch = TIME_PREFIX.exec(rest);
    if (timeMatch) {
      timed = true;
      occurredAt = parseWhen(timeMatch[1]!, now);
      if (!occurredAt) problem = 'badTime';
      rest = rest.slice(timeMatch[0].length);
    }
  }

  if (!timed && defaults.at) {
    occurredAt = parseWhen(defaults.at, now);
    if (!occurredAt) problem = 'badTime';
  }

  const text = cleanMultiline(rest);
  if (!problem && occurredAt) {
    const timeProblem = checkOccurredAt(occurredAt.getTime(), now.getTime());
    if (timeProblem) problem = timeProblem === 'invalid' ? 'badTime' : timeProblem;
  }
  return { kind, text, occurredAt, problem: problem ?? checkEntryText(text) };
}

/** Whether cleaned entry text can be logged: not empty, not over the limit. */
export function checkEntryText(text: string): 'empty' | 'tooLong' | null {
  if (!text) return 'empty';
  if (text.length > LIMITS.entryText) return 'tooLong';
  return null;
}

/** A `@` time token (14:02, 14:02:30, -10m, -2h, -90s) as an instant, or null when it is not one. */
export function parseWhen(token: string, now: Date): Date | null {
  const ago = AGO.exec(token);
  if (ago) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000 }[ago[2] as 's' | 'm' | 'h'];
    return new Date(now.getTime() - Number(ago[1]) * unit);
  }
  const clock = CLOCK.exec(token);
  if (!clock) return null;
  const at = new Date(now);
  at.setHours(Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0), 0);
  // A time later today than now means the same time yesterday.
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) at.setDate(at.getDate() - 1);
  return at;
}
