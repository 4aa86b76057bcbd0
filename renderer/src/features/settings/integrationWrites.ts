/** Changes to one integration: the others are written back as they are. */
import type { Integration } from '@shared/domain/alerts';

import type { WarroomDatabase } from '../../db/database';
import { changeSetting } from '../../db/organisation';

export function changeIntegration(db: WarroomDatabase, integrations: readonly Integration[], id: string, change: Partial<Integration>, actor: string): Promise<string> {
  return changeSetting(db, 'integrations', integrations.map((i) => (i.id === id ? { ...i, ...change } : i)), actor);
}
