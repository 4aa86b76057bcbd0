/** The hub's readers of a space's log (the deliverer, the pager) tail it the same way. */
import { parseEvent, type DomainEvent } from '../domain/events';
import type { HubStore } from './hubStore';

const PAGE = 1000;

/**
 * Reads the space's log after `cursor` to its end, handing `fold` each event
 * this build can read, and resolves with the new cursor. Alerts name neither
 * an incident nor a message: a storm of them is not parsed here.
 */
export async function foldLogFrom(store: Pick<HubStore, 'page'>, spaceId: string, cursor: number, fold: (event: DomainEvent) => void): Promise<number> {
  let at = cursor;
  for (;;) {
    const { events } = await store.page(spaceId, at, PAGE);
    for (const { seq, event } of events) {
      at = seq;
      if (String((event as { type?: unknown }).type).startsWith('alert.')) continue;
      const parsed = parseEvent(event);
      if (parsed.status === 'valid') fold(parsed.event);
    }
    if (events.length < PAGE) return at;
  }
}
