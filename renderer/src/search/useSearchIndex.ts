/** The window's search index for components: used while mounted, asked by message, answers kept until newer ones arrive. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';

import { useDatabase } from '../app/DatabaseContext';
import { searchClientOf, type SearchClient } from './searchClient';
import type { SearchProgress, SearchQuestion, SearchQuestions } from './searchProtocol';

function useSearchClient(): { client: SearchClient; progress: SearchProgress } {
  const client = searchClientOf(useDatabase());
  useEffect(() => client.acquire(), [client]);
  return { client, progress: useStore(client.progress) };
}

export function useSearchProgress(): SearchProgress {
  return useSearchClient().progress;
}

/**
 * The index's answer to `question`, asked again whenever what is asked or the index changes. Until
 * the first answer arrives it is undefined; after that the last answer stays until the next one.
 */
export function useSearchAnswer<Q extends SearchQuestion>(question: Q, ask: SearchQuestions[Q]['ask']): SearchQuestions[Q]['answer'] | undefined {
  const { client, progress } = useSearchClient();
  const [answer, setAnswer] = useState<SearchQuestions[Q]['answer'] | undefined>(undefined);
  // What is asked, as text: a new object with the same content asks nothing new.
  const key = JSON.stringify(ask);
  useEffect(() => {
    let wanted = true;
    client.ask(question, JSON.parse(key) as SearchQuestions[Q]['ask']).then(
      (answered) => wanted && setAnswer(answered),
      (error: unknown) => console.error('Search could not answer', error),
    );
    return () => {
      wanted = false;
    };
  }, [client, question, key, progress.version]);
  return answer;
}
