/**
 * The Web Locks API (navigator.locks) for jsdom, which has none: exclusive
 * locks taken with `ifAvailable`, held until the callback's promise settles.
 * Each window of a test is a client of one shared lock table; closing a client
 * releases its locks, as closing a browser tab does.
 */
type Held = { client: number; release: () => void };

export class WebLocks {
  private readonly held = new Map<string, Held>();
  private clients = 0;

  /** A window's `navigator.locks`, and how to close that window. */
  client(): { locks: LockManager; close: () => void } {
    const id = ++this.clients;
    const request = async (name: string, options: LockOptions, callback: LockGrantedCallback<unknown>): Promise<unknown> => {
      if (!options.ifAvailable || (options.mode ?? 'exclusive') !== 'exclusive') throw new Error('only exclusive ifAvailable requests are supported');
      if (this.held.has(name)) return callback(null);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      this.held.set(name, { client: id, release });
      const result = Promise.resolve(callback({ name, mode: 'exclusive' } as Lock));
      void Promise.race([result.then(() => undefined, () => undefined), released]).then(() => {
        if (this.held.get(name)?.client === id) this.held.delete(name);
      });
      return result;
    };
    const locks = { request } as unknown as LockManager;
    const close = () => {
      for (const [name, lock] of this.held) {
        if (lock.client !== id) continue;
        this.held.delete(name);
        lock.release();
      }
    };
    return { locks, close };
  }
}
