/**
 * The window's handle on its search index: one per database, shared by the
 * search page and the similar-incidents panel. The index runs in a worker;
 * where a worker cannot start (no Worker here, or its script refused), the
 * same index runs in this thread behind the same messages, and says so.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { WarroomDatabase } from '../db/database';
import {
  localChannel,
  NO_PROGRESS,
  type Endpoint,
  type FromSearch,
  type SearchProgress,
  type SearchQuestion,
  type SearchQuestions,
  type ToSearch,
} from './searchProtocol';
import { Usage } from './usage';

type Waiting = { message: ToSearch; resolve: (answer: unknown) => void; reject: (error: Error) => void };

export class SearchClient {
  readonly progress: StoreApi<SearchProgress> = createStore<SearchProgress>()(() => NO_PROGRESS);
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private endpoint: Endpoint | null = null;
  private readonly usage = new Usage(
    () => this.send({ kind: 'acquire' }),
    () => this.send({ kind: 'release' }),
  );

  /** Without an endpoint yet, questions wait for `connect`. */
  constructor(endpoint: Endpoint | null) {
    if (endpoint) this.connect(endpoint);
  }

  /**
   * Moves to another index (the worker failed to start): whoever uses the index goes on using it,
   * and every question still unanswered is asked again there.
   */
  connect(endpoint: Endpoint): void {
    this.endpoint = endpoint;
    endpoint.addEventListener('message', ({ data }: MessageEvent<FromSearch>) => {
      if (endpoint === this.endpoint) this.receive(data);
    });
    if (this.usage.inUse) endpoint.postMessage({ kind: 'acquire' } satisfies ToSearch);
    for (const { message } of this.waiting.values()) endpoint.postMessage(message);
  }

  /** Keeps the index current while something on screen uses it; call the returned function when done. */
  acquire(): () => void {
    return this.usage.acquire();
  }

  ask<Q extends SearchQuestion>(question: Q, ask: SearchQuestions[Q]['ask']): Promise<SearchQuestions[Q]['answer']> {
    const id = this.nextId++;
    const message = { kind: 'ask', id, question, ask } as ToSearch;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { message, resolve: resolve as (answer: unknown) => void, reject });
      this.send(message);
    });
  }

  private send(message: ToSearch): void {
    this.endpoint?.postMessage(message);
  }

  private receive(message: FromSearch): void {
    if (message.kind === 'progress') {
      this.progress.setState(message.progress, true);
      return;
    }
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.kind === 'answer') waiting.resolve(message.answer);
    else waiting.reject(new Error(message.message));
  }
}

/** The index in this thread, behind the same messages as the worker's; loaded only when needed. */
function runInThisThread(db: WarroomDatabase, client: SearchClient): void {
  void Promise.all([import('./searchHost'), import('./searchSession')]).then(([{ serveSearch }, { searchSessionOf }]) => {
    const [window, index] = localChannel();
    serveSearch(searchSessionOf(db), index);
    client.connect(window);
  });
}

function startWorker(db: WarroomDatabase, client: SearchClient): Endpoint | null {
  if (typeof Worker !== 'function') return null;
  try {
    const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: db.name });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      console.warn('Search runs in the window: its worker failed', event.message);
      worker.terminate();
      runInThisThread(db, client);
    });
    return worker;
  } catch (error) {
    console.warn('Search runs in the window: its worker could not start', error);
    return null;
  }
}

const clients = new WeakMap<WarroomDatabase, SearchClient>();

export function searchClientOf(db: WarroomDatabase): SearchClient {
  let client = clients.get(db);
  if (!client) {
    client = new SearchClient(null);
    const worker = startWorker(db, client);
    if (worker) client.connect(worker);
    else runInThisThread(db, client);
    clients.set(db, client);
  }
  return client;
}
