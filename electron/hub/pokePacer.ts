/**
 * Pokes a space's consoles at most once an interval: the first change at once,
 * the changes after it together at the end of the interval. A storm of writes
 * (alerts from monitoring, a room of consoles pushing) then reaches each
 * console as fewer, larger feeds: each costs the hub a read and an encoding,
 * and the console a transaction and a repaint, whatever its size.
 */
export class PokePacer {
  private readonly spaces = new Map<string, { last: number; head: number; timer: ReturnType<typeof setTimeout> | null }>();

  constructor(
    private readonly intervalMs: number,
    private readonly poke: (spaceId: string, head: number) => void,
    /** A clock that only moves forward, whatever the hub's own clock says. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The space's log reached `head`. */
  advanced(spaceId: string, head: number): void {
    let space = this.spaces.get(spaceId);
    if (!space) this.spaces.set(spaceId, (space = { last: -Infinity, head, timer: null }));
    space.head = Math.max(space.head, head);
    if (space.timer) return;
    const wait = space.last + this.intervalMs - this.now();
    if (wait <= 0) return this.fire(spaceId, space);
    const due = space;
    due.timer = setTimeout(() => {
      due.timer = null;
      this.fire(spaceId, due);
    }, wait);
  }

  /** No more pokes: the hub is closing. */
  stop(): void {
    for (const space of this.spaces.values()) if (space.timer) clearTimeout(space.timer);
    this.spaces.clear();
  }

  private fire(spaceId: string, space: { last: number; head: number }): void {
    space.last = this.now();
    this.poke(spaceId, space.head);
  }
}
