/** The organisation's settings: reading them, and changing one as an event on the organisation's stream. */
import type { OrganisationSettings, SettingName } from '@shared/domain/catalogues';
import { ORGANISATION_STREAM, type EventOf } from '@shared/domain/events';
import { emptyOrganisation, viewOrganisation, type OrganisationView } from '@shared/domain/organisation';
import { cleanLine } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import { appendLocal, type Clock } from './eventStore';

export async function getOrganisation(db: WarroomDatabase): Promise<OrganisationView> {
  const row = await db.meta.get('organisation');
  return viewOrganisation(row?.key === 'organisation' ? row.state : emptyOrganisation());
}

/**
 * Replaces a setting. `replaces` names the writes the new value was made
 * from: an editor passes the heads it started editing from, so a change that
 * arrived meanwhile stays live beside it as a conflict instead of being
 * silently overwritten. Without it, every value live when it is written is
 * named (read in the same transaction): what keeping one version of a
 * conflict needs. The event schema refuses an invalid value: nothing is
 * written then. Resolves with the new write's id.
 */
export async function changeSetting<S extends SettingName>(
  db: WarroomDatabase,
  setting: S,
  value: OrganisationSettings[S],
  actor: string,
  now: Clock = Date.now,
  replaces?: readonly string[],
): Promise<string> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const prev = replaces ? [...new Set(replaces)] : (await getOrganisation(db)).heads[setting];
    const payload = { setting, value, prev } as EventOf<'organisation.settingChanged'>['payload'];
    const event = await appendLocal(
      db,
      { type: 'organisation.settingChanged', incidentId: ORGANISATION_STREAM, actor: cleanLine(actor), occurredAt: new Date(now()).toISOString(), payload },
      now,
    );
    return event.id;
  });
}
