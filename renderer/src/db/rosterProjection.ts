/** Placeholder: the roster projection (roles and engagement, one row per incident). */
import type { DomainEvent } from '@shared/domain/events';

import type { WarroomDatabase } from './database';

export type RosterRow = { incidentId: string };

export async function projectRosters(_db: WarroomDatabase, _events: readonly DomainEvent[]): Promise<void> {}
