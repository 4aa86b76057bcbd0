/**
 * Pages of a space's log, read once for all the consoles that ask for the
 * same one. After a push every console in the room is poked and asks for the
 * page after the same place: the hub reads it from its store, and checks and
 * encodes it, once.
 *
 * A page is shared only until the space's log grows (`advanced`): a read
 * begun before then is never handed to a request made after it, so no
 * console is told the log ends where it no longer does.
 */
import type { HubMessage, SequencedEvent } from './protocol';

export type Page = { events: SequencedEvent[]; head: number };

/**
 * Pages kept per space between two pushes. Consoles at the head all ask for
 * the same one; consoles catching up each ask for their own, which are seldom
 * asked for twice. A page can be 4 MB, so this also bounds what is held.
 */
const PAGES_PER_SPACE = 8;

export class SharedPages {
  private readonly spaces = new Map<string, Map<string, Promise<Page>>>();

  /** The page after `after`, from `load` unless a request since the log last grew has read it. */
  read(spaceId: string, after: number, limit: number, load: () => Promise<Page>): Promise<Page> {
    let pages = this.spaces.get(spaceId);
    if (!pages) this.spaces.set(spaceId, (pages = new Map()));
    const key = `${after}:${limit}`;
    const held = pages.get(key);
    if (held) return held;
    const page = load();
    if (pages.size >= PAGES_PER_SPACE) pages.delete(pages.keys().next().value!);
    pages.set(key, page);
    // A failed read is not shared: the next request reads again.
    page.catch(() => {
      if (this.spaces.get(spaceId)?.get(key) === page) this.spaces.get(spaceId)!.delete(key);
    });
    return page;
  }

  /** The space's log grew: pages read so far end too early for requests from now on. */
  advanced(spaceId: string): void {
    this.spaces.delete(spaceId);
  }
}

const encodedEvents = new WeakMap<readonly SequencedEvent[], string>();

function eventsJson(events: readonly SequencedEvent[]): string {
  let json = encodedEvents.get(events);
  if (json === undefined) {
    json = JSON.stringify(events);
    encodedEvents.set(events, json);
  }
  return json;
}

/**
 * A frame's text, exactly `JSON.stringify(message)`, with the events of a
 * shared page (in a page or a feed) encoded once for every console they go to.
 */
export function encodeHubFrame(message: HubMessage): string {
  const q = JSON.stringify;
  if (message.t === 'page') return `{"t":"page","id":${q(message.id)},"epoch":${q(message.epoch)},"events":${eventsJson(message.events)},"head":${q(message.head)}}`;
  if (message.t === 'feed') return `{"t":"feed","epoch":${q(message.epoch)},"after":${q(message.after)},"events":${eventsJson(message.events)},"head":${q(message.head)}}`;
  return q(message);
}
