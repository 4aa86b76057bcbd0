/**
 * The console's one way of putting things in time order. ISO-8601 times in
 * UTC, hybrid-logical-clock stamps and event ids all sort by their characters
 * (never by locale), earliest first; ties fall to the next key given.
 */

/** -1, 0 or 1 by code units: the order of ISO times, clocks and ids. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders by each key in turn until one differs. */
export function byKeys<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = byText(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
}
