/**
 * When a console tries its hub again after losing it. The wait never grows
 * beyond RETRY_MAX_MS however long the outage: a console is back within 2 s
 * of the hub answering again, every time. Nothing longer is worth having: a
 * refused connection costs the hub almost nothing, and a room waiting for its
 * hub wants it back at once.
 */
export const RETRY_MAX_MS = 1_500;
const RETRY_FIRST_MS = 200;

/** The wait before the next attempt after `failures` failed ones in a row. */
export function retryDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures, 10));
  // Jitter over the upper half: a room of consoles does not reconnect in lock-step when the hub returns.
  return ceiling * (0.5 + random() / 2);
}
