/** How role and engagement events read on the timeline: one line each, readable without the events around them. */
import type { EventOf } from '@shared/domain/events';
import { personKey } from '@shared/domain/roster';

import { roleName } from '../i18n/defaultNames';
import { t } from '../i18n/i18n';

export type RosterEvent = EventOf<'role.assigned' | 'participant.engaged'>;

export function describeRosterEvent(event: RosterEvent): string {
  if (event.type === 'participant.engaged') {
    const p = event.payload;
    return p.step === 'released' ? t('roles.timeline.released', { name: p.person, reason: p.reason }) : t(`roles.timeline.${p.step}`, { name: p.person });
  }
  const { holders, previousHolders } = event.payload;
  const role = roleName({ id: event.payload.role, name: event.payload.roleName });
  const before = new Set(previousHolders.map(personKey));
  const after = new Set(holders.map(personKey));
  const added = holders.filter((name) => !before.has(personKey(name)));
  const removed = previousHolders.filter((name) => !after.has(personKey(name)));
  if (added.length === 0 && removed.length === 0) {
    return holders.length ? t('roles.timeline.confirmed', { role, names: holders.join(', ') }) : t('roles.timeline.confirmedVacant', { role });
  }
  if (added.length && removed.length) return t('roles.timeline.handedOver', { role, from: removed.join(', '), to: added.join(', ') });
  if (added.length) return t('roles.timeline.assigned', { role, names: added.join(', ') });
  return t('roles.timeline.stoodDown', { role, names: removed.join(', ') });
}
