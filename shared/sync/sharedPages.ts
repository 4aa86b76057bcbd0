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
import type { SequencedEvent } from './protocol';

export type Page = { events: SequencedEvent[]; head: number };

/** Pages kept per space between two pushes: consoles catching up each ask for pages of their own. */
const PAGES_PER_SPACE = 32;

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

/**
 * The page frame's text, exactly `JSON.stringify(message)`, with a shared
 * page's events encoded once for every console it goes to.
 */
export function pageFrame(message: { t: 'page'; id: string; epoch: string; events: readonly SequencedEvent[]; head: number }): string {
  let events = encodedEvents.get(message.events);
  if (events === undefined) {
    events = JSON.stringify(message.events);
    encodedEvents.set(message.events, events);
  }
  return `{"t":"page","id":${JSON.stringify(message.id)},"epoch":${JSON.stringify(message.epoch)},"events":${events},"head":${JSON.stringify(message.head)}}`;
}
