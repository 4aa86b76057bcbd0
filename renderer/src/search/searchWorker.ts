/**
 * The search index's worker: it opens the window's database (named by the
 * worker's name) and reads, indexes and answers there, off the window's thread.
 */
import { WarroomDatabase } from '../db/database';
import { serveSearch } from './searchHost';
import type { Endpoint } from './searchProtocol';
import { SearchSession } from './searchSession';

serveSearch(new SearchSession(new WarroomDatabase(self.name)), self as unknown as Endpoint);
