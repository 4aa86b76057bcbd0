/** Tags as people type them ("Database, DNS  outage") and as they are stored (["database", "dns-outage"]). */
import { TAG_REGEX } from './events';
import { LIMITS } from './text';

export type TagsProblem = { kind: 'invalid'; tag: string } | { kind: 'tooMany'; max: number };

/** One tag per comma; case and inner spaces folded; duplicates dropped, first spelling kept. */
export function parseTags(text: string): { tags: string[]; problem: TagsProblem | null } {
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().toLocaleLowerCase().replace(/\s+/g, '-');
    if (tag === '' || tags.includes(tag)) continue;
    if (!TAG_REGEX.test(tag)) return { tags, problem: { kind: 'invalid', tag: raw.trim() } };
    tags.push(tag);
  }
  if (tags.length > LIMITS.tags) return { tags, problem: { kind: 'tooMany', max: LIMITS.tags } };
  return { tags, problem: null };
}
