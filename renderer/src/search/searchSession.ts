/**
 * The search index over one database, run by the search worker (or in the
 * window where no worker can start). Built on first use by reading the
 * database a page of incidents at a time (saying how far it has got), then
 * kept current: the incident rows are watched, and an incident whose last
 * activity or timeline length moved is read again, a moment after the changes
 * settle. While nothing on screen uses it, it stops watching; the next use
 * catches up with whatever changed meanwhile.
 */
import { liveQuery, type Subscription } from 'dexie';
import { createStore, type StoreApi } from 'zustand/vanilla';

import { SearchIndex } from '@shared/search/searchIndex';

import type { WarroomDatabase } from '../db/database';
import type { IncidentRow } from '../db/types';
import { readKeyOf, readSearchable, refreshSearchable, searchTables, type ReadMark, type ReadResult } from './readSearchable';
import { NO_PROGRESS, type SearchProgress } from './searchProtocol';
import { Usage } from './usage';


/** How long changes must settle before the incidents they touched are read again, and the longest they wait. */
export const SETTLE_MS = 250;
const MAX_WAIT_MS = 2000;
/** A page of the build: this many incidents, or fewer when their timelines add up to this many events. */
const PAGE_INCIDENTS = 25;
const PAGE_EVENTS = 4000;

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function isDeclared(row: IncidentRow): boolean {
  return row.summary !== null;
}

/** A database closed or deleted under us (a window closing, a test ending): nothing left to index. */
function isClosedError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'DatabaseClosedError' || error.name === 'InvalidStateError');
}

export class SearchSession {
  readonly index = new SearchIndex();
  readonly progress: StoreApi<SearchProgress> = createStore<SearchProgress>()(() => NO_PROGRESS);
  private readonly marks = new Map<string, ReadMark>();
  private rows: readonly IncidentRow[] | null = null;
  private watching: Subscription | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private firstWaitingSince = 0;
  private running = false;
  private again = false;

  constructor(private readonly db: WarroomDatabase) {}

  private readonly usage = new Usage(
    () => this.watch(),
    () => this.unwatch(),
  );

  /** Starts (or resumes) keeping the index current; call the returned function when done with it. */
  acquire(): () => void {
    return this.usage.acquire();
  }

  private watch(): void {
    // Writes made by the window reach this query in the worker too: Dexie tells every thread of the origin.
    this.watching = liveQuery(() => this.db.incidents.where('declaredAt').above('').toArray()).subscribe({
      next: (rows) => {
        this.rows = rows;
        this.schedule();
      },
      error: (error: unknown) => {
        if (!isClosedError(error)) console.error('Search stopped following changes', error);
      },
    });
  }

  private unwatch(): void {
    this.watching?.unsubscribe();
    this.watching = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }

  /** The first build starts at once; later changes wait to settle, so a burst of entries is read once. */
  private schedule(): void {
    if (this.progress.getState().phase === 'idle') {
      void this.catchUp();
      return;
    }
    const now = Date.now();
    if (!this.settleTimer) this.firstWaitingSince = now;
    else clearTimeout(this.settleTimer);
    const wait = Math.min(SETTLE_MS, Math.max(0, this.firstWaitingSince + MAX_WAIT_MS - now));
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.catchUp();
    }, wait);
  }

  /** Reads every incident that changed since it was indexed, a page at a time, until nothing is left or nobody is using the index. */
  private async catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.catchUpOnce();
      } while (this.again && this.usage.inUse);
    } catch (error) {
      if (!isClosedError(error)) console.error('Search could not index incidents', error);
    } finally {
      this.running = false;
    }
  }

  private async catchUpOnce(): Promise<void> {
    const rows = (this.rows ?? []).filter(isDeclared);
    const current = new Set(rows.map((row) => row.id));
    const gone = [...this.index.ids()].filter((id) => !current.has(id));
    for (const id of gone) this.apply(id, null);
    const stale = rows.filter((row) => this.marks.get(row.id)?.key !== readKeyOf(row));
    const total = rows.length;
    let done = total - stale.length;
    const building = this.progress.getState().phase !== 'ready';
    this.progress.setState((s) => ({ phase: building ? 'indexing' : 'ready', done, total, version: s.version + (gone.length ? 1 : 0) }));

    for (let from = 0; from < stale.length; ) {
      if (!this.usage.inUse) return;
      const page: IncidentRow[] = [];
      let events = 0;
      while (from < stale.length && page.length < PAGE_INCIDENTS && (page.length === 0 || events < PAGE_EVENTS)) {
        const row = stale[from++]!;
        page.push(row);
        events += row.timelineCount;
      }
      const results = await this.db.transaction('r', searchTables(this.db), () => Promise.all(page.map((row) => this.read(row.id))));
      page.forEach((row, i) => this.apply(row.id, results[i]!));
      done += page.length;
      this.progress.setState((s) => ({ done, total, version: s.version + 1 }));
      if (from < stale.length) await yieldToBrowser();
    }
    this.progress.setState({ phase: 'ready', done: total, total });
  }

  private read(id: string): Promise<ReadResult> {
    const mark = this.marks.get(id);
    const previous = this.index.get(id);
    return mark && previous ? refreshSearchable(this.db, previous, mark) : readSearchable(this.db, id);
  }

  private apply(id: string, result: ReadResult): void {
    if (!result) {
      this.index.remove(id);
      this.marks.delete(id);
      return;
    }
    this.index.upsert(result.incident);
    this.marks.set(id, result.mark);
  }
}

const sessions = new WeakMap<WarroomDatabase, SearchSession>();

export function searchSessionOf(db: WarroomDatabase): SearchSession {
  let session = sessions.get(db);
  if (!session) sessions.set(db, (session = new SearchSession(db)));
  return session;
}
