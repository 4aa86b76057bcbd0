/**
 * The organisation's settings, folded from their own stream into one meta row.
 */
import type { DomainEvent } from '@shared/domain/events';
import { applyOrganisationEvent, emptyOrganisation } from '@shared/domain/organisation';

import type { WarroomDatabase } from './database';
import type { Projection } from './projection';

export const organisationProjection: Projection = {
  stream: 'organisation',
  tables: (db) => [db.meta],
  project: projectOrganisation,
  clear: (db) => db.meta.delete('organisation'),
};

async function projectOrganisation(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const row = await db.meta.get('organisation');
  let state = row?.key === 'organisation' ? row.state : emptyOrganisation();
  for (const event of events) state = applyOrganisationEvent(state, event);
  await db.meta.put({ key: 'organisation', state });
}
