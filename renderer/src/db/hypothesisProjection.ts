/** Placeholder: the hypothesis projection (one row per hypothesis). */
import type { DomainEvent } from '@shared/domain/events';

import type { WarroomDatabase } from './database';

export type HypothesisRow = { id: string; incidentId: string };

export async function projectHypotheses(_db: WarroomDatabase, _events: readonly DomainEvent[]): Promise<void> {}
