/**
 * What the window and its search index say to each other. The index lives in
 * a worker of its own, so that reading and indexing a 100,000-entry timeline
 * never holds up typing; every question is answered by message.
 */
import type { SearchOutcome, SearchQuery } from '@shared/search/searchIndex';
import type { SimilarIncident, SimilarSubject } from '@shared/search/similar';

export type SearchProgress = {
  /** idle: never used yet; indexing: the first build is under way; ready: built, and kept current. */
  phase: 'idle' | 'indexing' | 'ready';
  /** Incidents indexed as they stand now, of all declared incidents. */
  done: number;
  total: number;
  /** Moves whenever the index changes: questions asked of it are asked again. */
  version: number;
};

export const NO_PROGRESS: SearchProgress = { phase: 'idle', done: 0, total: 0, version: 0 };

/** Each question, what it asks with, and what it is answered with. */
export type SearchQuestions = {
  search: { ask: SearchQuery; answer: SearchOutcome };
  /** The incident at hand; its hypotheses are taken from the index, which already holds them. */
  similar: { ask: Omit<SimilarSubject, 'hypotheses'>; answer: SimilarIncident[] };
  /** The services and tags the incidents indexed so far name: what the filters offer. */
  facets: { ask: null; answer: { services: string[]; tags: string[] } };
};
export type SearchQuestion = keyof SearchQuestions;

export type Asked = { [Q in SearchQuestion]: { kind: 'ask'; id: number; question: Q; ask: SearchQuestions[Q]['ask'] } }[SearchQuestion];

/** acquire / release: somebody on screen uses the index (it keeps itself current), or nobody does any more. */
export type ToSearch = { kind: 'acquire' } | { kind: 'release' } | Asked;

export type FromSearch =
  | { kind: 'progress'; progress: SearchProgress }
  | { kind: 'answer'; id: number; answer: unknown }
  | { kind: 'failed'; id: number; message: string };

/** One end of a channel: a worker seen from the window, the worker's own scope, or a port. */
export type Endpoint = {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

/**
 * Two ends joined in this thread, for where no worker can run (unit tests, or a shell that refuses
 * one). Messages are copied as a worker's would be, and arrive on a later turn, never synchronously.
 */
export function localChannel(): [Endpoint, Endpoint] {
  const listeners: [Set<(event: MessageEvent) => void>, Set<(event: MessageEvent) => void>] = [new Set(), new Set()];
  const end = (mine: 0 | 1): Endpoint => ({
    postMessage(message) {
      const data = structuredClone(message);
      setTimeout(() => {
        for (const listener of listeners[1 - mine]!) listener({ data } as MessageEvent);
      }, 0);
    },
    addEventListener(_type, listener) {
      listeners[mine].add(listener);
    },
  });
  return [end(0), end(1)];
}
