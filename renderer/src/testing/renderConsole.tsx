import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../app/App';
import { DatabaseProvider } from '../app/DatabaseContext';
import { WarroomDatabase } from '../db/database';

let counter = 0;

/** A database of its own for each test: real Dexie on fake-indexeddb. */
export function freshDatabase(): WarroomDatabase {
  counter += 1;
  return new WarroomDatabase(`warroom-test-${Date.now()}-${counter}`);
}

/** Renders the whole console against `db`, as a user would meet it. */
export function renderConsole(db: WarroomDatabase = freshDatabase()) {
  const user = userEvent.setup();
  const view = render(
    <DatabaseProvider db={db}>
      <App />
    </DatabaseProvider>,
  );
  return { ...view, db, user };
}
