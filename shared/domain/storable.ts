/**
 * What every console can store: one set of limits on the shape of an event,
 * checked before anything else looks at it by every door an event comes in
 * through (the hub's push, a console's pull, bundle and incident-file import).
 * The schemas bound the events this build knows; these bound every event,
 * including those of types or versions only a newer console knows, which are
 * kept and passed on. Such events count toward the hub's storage like any
 * other, so what a member can make every console keep is bounded by these
 * limits per event and by the hub's quota per member.
 *
 * Every legitimate event fits with room to spare (the largest, a full template
 * library, is about 3 MB of JSON); Chromium's IndexedDB stores all of them
 * (its structured clone gives up on nesting far shallower than JSON allows).
 */

export const STORABLE_LIMITS = {
  /** Characters of the event as JSON: a full template library (360 templates of 8,000 characters) and room. */
  jsonChars: 4 * 1024 * 1024,
  /** Levels of objects and lists, the event itself being the first. Known events use at most 6. */
  depth: 32,
  /** Keys of one object. Known events use at most 10. */
  keysPerObject: 256,
  /** Keys of all objects together. A full service catalogue has about 4,000. */
  keys: 20_000,
  /** Items of one list. The service catalogue's 1,000 is the longest. */
  arrayItems: 5_000,
  /** Characters of one text or key. A post-mortem section's 20,000 is the longest. */
  stringChars: 65_536,
} as const;

type Walk = { keys: number; chars: number };

/** Why an event cannot be kept as it is, in words for a person; null when it can. */
export function checkStorable(raw: unknown): string | null {
  const measured = measureStorable(raw);
  return 'problem' in measured ? measured.problem : null;
}

/** The same check, and for an event that can be kept its length as JSON, from the same one walk. */
export function measureStorable(raw: unknown): { problem: string } | { chars: number } {
  const walk: Walk = { keys: 0, chars: 0 };
  const problem = visit(raw, 1, walk);
  if (problem) return { problem: `beyond what every console can store: ${problem}` };
  if (walk.chars > STORABLE_LIMITS.jsonChars) {
    return { problem: `beyond what every console can store: over the ${STORABLE_LIMITS.jsonChars}-character limit as JSON` };
  }
  return { chars: walk.chars };
}

/** Length of JSON.stringify(value), counted without building the text, for values within the limits. */
export function jsonLength(value: unknown): number {
  const walk: Walk = { keys: 0, chars: 0 };
  visit(value, 1, walk, Infinity);
  return walk.chars;
}

// JSON escapes quotes, backslashes, control characters and lone surrogates; anything else is written as it is.
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringLength(text: string): number {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text).length : text.length + 2;
}

/**
 * Walks the value once, stopping at the first limit it crosses: a value built
 * to be expensive costs no more than the limits allow. `budget` lets the walk
 * stop as soon as the size alone is over.
 */
function visit(value: unknown, depth: number, walk: Walk, budget: number = STORABLE_LIMITS.jsonChars): string | null {
  if (walk.chars > budget) return null;
  switch (typeof value) {
    case 'string':
      if (value.length > STORABLE_LIMITS.stringChars) return `holds a text of more than ${STORABLE_LIMITS.stringChars} characters`;
      walk.chars += stringLength(value);
      return null;
    case 'number':
      if (!Number.isFinite(value)) return 'holds a number that is not JSON';
      walk.chars += String(value).length;
      return null;
    case 'boolean':
      walk.chars += value ? 4 : 5;
      return null;
    case 'object':
      break;
    default:
      return `holds a ${typeof value}, which is not JSON`;
  }
  if (value === null) {
    walk.chars += 4;
    return null;
  }
  if (depth > STORABLE_LIMITS.depth) return `nested more than ${STORABLE_LIMITS.depth} levels deep`;
  if (Array.isArray(value)) {
    if (value.length > STORABLE_LIMITS.arrayItems) return `holds a list of more than ${STORABLE_LIMITS.arrayItems} items`;
    walk.chars += 2 + Math.max(0, value.length - 1);
    for (let i = 0; i < value.length; i++) {
      // JSON writes a hole or undefined in a list as null.
      const problem = visit(value[i] ?? null, depth + 1, walk, budget);
      if (problem) return problem;
      if (walk.chars > budget) return null;
    }
    return null;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return 'holds an object that is not JSON';
  const keys = Object.keys(value);
  if (keys.length > STORABLE_LIMITS.keysPerObject) return `holds an object with more than ${STORABLE_LIMITS.keysPerObject} keys`;
  walk.keys += keys.length;
  if (walk.keys > STORABLE_LIMITS.keys) return `holds more than ${STORABLE_LIMITS.keys} keys in all`;
  walk.chars += 2;
  let written = 0;
  for (const key of keys) {
    const item: unknown = (value as Record<string, unknown>)[key];
    // JSON leaves out a key whose value is undefined.
    if (item === undefined) continue;
    if (key.length > STORABLE_LIMITS.stringChars) return `holds a text of more than ${STORABLE_LIMITS.stringChars} characters`;
    walk.chars += stringLength(key) + 1 + (written++ > 0 ? 1 : 0);
    const problem = visit(item, depth + 1, walk, budget);
    if (problem) return problem;
    if (walk.chars > budget) return null;
  }
  return null;
}
