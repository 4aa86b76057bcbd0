/**
 * The search part of the bench hooks (`BENCH_ONLY=search`, bench build only):
 * the window's own index built and queried as the search page does, timed.
 */
import type { SearchableIncident } from '@shared/search/document';
import type { SearchFilters } from '@shared/search/filters';
import { SearchIndex } from '@shared/search/searchIndex';
import { similarIncidents } from '@shared/search/similar';

import type { WarroomDatabase } from '../db/database';
import { readSearchable, searchTables } from './readSearchable';
import { searchSessionOf } from './searchSession';

export type BenchSearchQuery = { text: string; filters?: SearchFilters };

export type BenchSearchBuild = {
  incidents: number;
  entries: number;
  /** First use to ready, as the search page meets it (reading in pages, indexing, yielding between pages). */
  buildMs: number;
  /** Of which indexing (the rest is reading from IndexedDB and the pauses between pages). */
  buildIndexMs: number;
  pages: number;
  /** The same work again without the pauses, split: reading every incident from IndexedDB, then indexing them. */
  readMs: number;
  indexMs: number;
};

export type SearchBenchHooks = {
  /** Builds the window's search index (kept for the page afterwards) and times it. */
  searchBuild(): Promise<BenchSearchBuild>;
  /** Each query against the window's index, from the call to its results described (snippets and all). */
  searchTimes(queries: BenchSearchQuery[]): Promise<{ ms: number; total: number }[]>;
  /** What the search page shows for a query: how many were found and the first title. */
  searchExpect(query: BenchSearchQuery): { total: number; first: string | null };
  /** The similar-incidents panel's ranking for `count` incidents taken as if open, from the call to the top three described. */
  similarTimes(count: number): { ms: number; found: number }[];
};

const PAGE = 25;

export function searchBenchHooks(db: WarroomDatabase): SearchBenchHooks {
  const session = searchSessionOf(db);
  return {
    async searchBuild() {
      // Time spent indexing, told apart from reading by timing the index's own work.
      const upsert = session.index.upsert.bind(session.index);
      let buildIndexMs = 0;
      let pages = 0;
      session.index.upsert = (incident) => {
        const t = performance.now();
        upsert(incident);
        buildIndexMs += performance.now() - t;
      };
      const t0 = performance.now();
      session.acquire();
      await new Promise<void>((resolve) => {
        const done = () => session.progress.getState().phase === 'ready';
        if (done()) resolve();
        const unsubscribe = session.progress.subscribe(() => {
          pages++;
          if (done()) {
            unsubscribe();
            resolve();
          }
        });
      });
      const buildMs = performance.now() - t0;
      session.index.upsert = upsert;

      const ids = (await db.incidents.where('declaredAt').above('').primaryKeys()) as string[];
      const t1 = performance.now();
      const read: SearchableIncident[] = [];
      for (let from = 0; from < ids.length; from += PAGE) {
        const page = ids.slice(from, from + PAGE);
        const results = await db.transaction('r', searchTables(db), () => Promise.all(page.map((id) => readSearchable(db, id))));
        for (const result of results) if (result) read.push(result.incident);
      }
      const t2 = performance.now();
      const scratch = new SearchIndex();
      for (const incident of read) scratch.upsert(incident);
      const t3 = performance.now();
      return {
        incidents: read.length,
        entries: read.reduce((sum, incident) => sum + incident.entries.length, 0),
        buildMs,
        buildIndexMs,
        pages,
        readMs: t2 - t1,
        indexMs: t3 - t2,
      };
    },
    async searchTimes(queries) {
      const times = [];
      for (const query of queries) {
        const t0 = performance.now();
        const outcome = session.index.search(query);
        times.push({ ms: performance.now() - t0, total: outcome.total });
        // Between queries, as between keystrokes: whatever the browser has to do, it does here.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return times;
    },
    searchExpect(query) {
      const outcome = session.index.search(query);
      return { total: outcome.total, first: outcome.results[0]?.title.text ?? null };
    },
    similarTimes(count) {
      const subjects = [...session.index.ids()].slice(0, count).map((id) => session.index.get(id)!);
      return subjects.map((incident) => {
        const t0 = performance.now();
        const subject = { ...incident, hypotheses: incident.hypotheses.map((h) => h.statement) };
        const found = similarIncidents(session.index, subject).length;
        return { ms: performance.now() - t0, found };
      });
    },
  };
}
