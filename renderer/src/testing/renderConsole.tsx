import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../app/App';
import { DatabaseProvider } from '../app/DatabaseContext';
import type { WarroomBridge } from '@shared/platform/bridge';

import { WarroomDatabase } from '../db/database';
import { openDatabase } from '../db/eventStore';
import { setProfileName } from '../db/queries';
import { PlatformProvider } from '../platform/PlatformContext';
import { browserBridge } from '../platform/browserBridge';

let counter = 0;

/** A database of its own for each test: real Dexie on fake-indexeddb. */
export function freshDatabase(): WarroomDatabase {
  counter += 1;
  return new WarroomDatabase(`warroom-test-${Date.now()}-${counter}`);
}

/** A fresh database, opened, whose person has given their name (Settings and commands need one). */
export async function namedDatabase(name = 'Ada'): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, name);
  return db;
}

/** Renders the whole console against `db`, as a user would meet it, in a browser unless given a shell. */
export function renderConsole(db: WarroomDatabase = freshDatabase(), platform: WarroomBridge = browserBridge) {
  const user = userEvent.setup();
  const view = render(
    <PlatformProvider platform={platform}>
      <DatabaseProvider db={db}>
        <App />
      </DatabaseProvider>
    </PlatformProvider>,
  );
  return { ...view, db, user };
}

/**
 * The timeline's rows from the log, in order (read inside waitFor: rows render after the list measures itself).
 * An entry still being written is not among them: it has nothing to act on yet.
 */
export function timelineTexts(): string[] {
  const region = screen.getByRole('region', { name: 'Timeline' });
  return [...region.querySelectorAll('.timeline-row[data-event-id] .row-text')].map((el) => el.textContent ?? '');
}
