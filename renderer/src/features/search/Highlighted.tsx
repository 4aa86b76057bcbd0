import type { ReactNode } from 'react';

import type { Highlight } from '@shared/search/snippets';

/** Plain text with the matched words in <mark>: rendered as text, never as markup, whatever it contains. */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of highlights) {
    if (start < at || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
