/** The window's search index for components: acquired while mounted, with its progress and version to re-render on. */
import { useEffect } from 'react';
import { useStore } from 'zustand';

import type { SearchIndex } from '@shared/search/searchIndex';

import { useDatabase } from '../app/DatabaseContext';
import { searchSessionOf, type SearchProgress } from './searchSession';

export function useSearchIndex(): { index: SearchIndex; progress: SearchProgress } {
  const session = searchSessionOf(useDatabase());
  useEffect(() => session.acquire(), [session]);
  const progress = useStore(session.progress);
  return { index: session.index, progress };
}
