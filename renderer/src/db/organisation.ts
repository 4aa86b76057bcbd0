/** The organisation's settings: reading them, and changing one as an event on the organisation's stream. */
import type { OrganisationSettings, SettingName } from '@shared/domain/catalogues';
import { ORGANISATION_STREAM, type EventOf } from '@shared/domain/events';
import { emptyOrganisation, viewOrganisation, type OrganisationView } from '@shared/domain/organisation';
import { cleanLine } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { appendLocal, type Clock } from './eventStore';

export async function getOrganisation(db: WarroomDatabase): Promise<OrganisationView> {
  const row = await db.meta.get('organisation');
  return viewOrganisation(row?.key === 'organisation' ? row.state : emptyOrganisation());
}

/**
 * Replaces a setting, naming every value live when it is written (read in the
 * same transaction, so a quick second save replaces the first rather than
 * conflicting with it). The event schema refuses an invalid value: nothing is written then.
 */
export async function changeSetting<S extends SettingName>(
  db: WarroomDatabase,
  setting: S,
  value: OrganisationSettings[S],
  actor: string,
  now: Clock = Date.now,
): Promise<void> {
  await db.transaction('rw', [...db.projectionTables(), db.outbox], async () => {
    const { heads } = await getOrganisation(db);
    const payload = { setting, value, prev: heads[setting] } as EventOf<'organisation.settingChanged'>['payload'];
    await appendLocal(
      db,
      { type: 'organisation.settingChanged', incidentId: ORGANISATION_STREAM, actor: cleanLine(actor), occurredAt: new Date(now()).toISOString(), payload },
      now,
    );
  });
}
