/**
 * The organisation's settings of each space as the hub's log holds them,
 * folded from the settings' own events only and caught up on each read: what
 * the hub needs to answer a request about a setting (a roster's calendar
 * feed) without reading anything else of the log.
 */
import { ORGANISATION_STREAM, parseEvent } from '../domain/events';
import { applyOrganisationEvent, emptyOrganisation, viewOrganisation, type OrganisationState, type OrganisationView } from '../domain/organisation';
import type { HubStore } from './hubStore';

const PAGE = 1000;

export class SpaceSettings {
  private readonly spaces = new Map<string, { cursor: number; state: OrganisationState; reading: Promise<OrganisationView> | null }>();

  constructor(private readonly store: Pick<HubStore, 'page' | 'listSpaces'>) {}

  /** The space's settings as its log holds them now; requests that come together share one read of the log. */
  of(spaceId: string): Promise<OrganisationView> {
    let space = this.spaces.get(spaceId);
    if (!space) this.spaces.set(spaceId, (space = { cursor: 0, state: emptyOrganisation(), reading: null }));
    const held = space;
    return (held.reading ??= this.catchUp(spaceId, held).finally(() => (held.reading = null)));
  }

  private async catchUp(spaceId: string, space: { cursor: number; state: OrganisationState }): Promise<OrganisationView> {
    for (;;) {
      const { events } = await this.store.page(spaceId, space.cursor, PAGE);
      for (const { seq, event } of events) {
        space.cursor = seq;
        const raw = event as { type?: unknown; incidentId?: unknown };
        // Only the settings' own events are read: the rest of a long log costs a type check each.
        if ((raw.type !== 'organisation.settingChanged' && raw.type !== 'organisation.calendarFetched') || raw.incidentId !== ORGANISATION_STREAM) continue;
        const parsed = parseEvent(event);
        if (parsed.status === 'valid') space.state = applyOrganisationEvent(space.state, parsed.event);
      }
      if (events.length < PAGE) return viewOrganisation(space.state);
    }
  }

  /** Every space's settings, for a request that names no space (a key that belongs to one). */
  async all(): Promise<{ spaceId: string; view: OrganisationView }[]> {
    const spaces = await this.store.listSpaces();
    return Promise.all(spaces.map(async ({ id }) => ({ spaceId: id, view: await this.of(id) })));
  }
}
