/** Placeholder: how role and engagement events read on the timeline. */
import type { EventOf } from '@shared/domain/events';

export type RosterEvent = EventOf<'role.assigned' | 'participant.engaged'>;

export function describeRosterEvent(event: RosterEvent): string {
  return event.type === 'role.assigned' ? `${event.payload.roleName}: ${event.payload.holders.join(', ')}` : event.payload.person;
}
