/**
 * Hybrid logical clock. Encoded as a fixed-width string so that plain string
 * comparison (and IndexedDB key order) equals clock order.
 *
 *   <physical ms, base 36, 10 chars>-<counter, base 36, 5 chars>
 */

export type Hlc = string;

const MS_WIDTH = 10;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
const HLC_PATTERN = /^[0-9a-z]{10}-[0-9a-z]{5}$/;

/** How far a received clock may drag ours ahead of our own wall clock. */
export const MAX_FORWARD_DRIFT_MS = 5 * 60 * 1000;

export type HlcParts = { ms: number; counter: number };

export function encodeHlc({ ms, counter }: HlcParts): Hlc {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`Invalid clock time: ${ms}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new RangeError(`Clock counter out of range: ${counter}`);
  }
  return `${ms.toString(36).padStart(MS_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}`;
}

export function isHlc(value: string): boolean {
  return HLC_PATTERN.test(value);
}

export function decodeHlc(hlc: Hlc): HlcParts {
  if (!isHlc(hlc)) throw new RangeError(`Not a clock value: ${hlc}`);
  const [ms, counter] = hlc.split('-') as [string, string];
  return { ms: parseInt(ms, 36), counter: parseInt(counter, 36) };
}

/** Physical time carried by a clock value, in epoch milliseconds. */
export function hlcTime(hlc: Hlc): number {
  return decodeHlc(hlc).ms;
}

/** Next local clock value: never goes backwards, even when the wall clock does. */
export function tickHlc(last: Hlc | null, wallMs: number): Hlc {
  if (last === null) return encodeHlc({ ms: wallMs, counter: 0 });
  const prev = decodeHlc(last);
  if (wallMs > prev.ms) return encodeHlc({ ms: wallMs, counter: 0 });
  return bump(prev);
}

export type ReceiveResult = {
  hlc: Hlc;
  /** The remote clock was further ahead than we allow it to drag ours. */
  suspect: boolean;
};

/**
 * Merge a remote clock value into ours. A remote value far ahead of our wall
 * clock is not followed beyond the drift cap, so one bad clock cannot push the
 * whole room into the future; the caller stores such events anyway, flagged.
 */
export function receiveHlc(
  last: Hlc | null,
  remote: Hlc,
  wallMs: number,
  maxDriftMs: number = MAX_FORWARD_DRIFT_MS,
): ReceiveResult {
  const r = decodeHlc(remote);
  const suspect = r.ms > wallMs + maxDriftMs;
  const local = last === null ? { ms: 0, counter: 0 } : decodeHlc(last);
  const remoteCapped = suspect ? { ms: wallMs + maxDriftMs, counter: 0 } : r;
  const ms = Math.max(local.ms, remoteCapped.ms, wallMs);
  let counter: number;
  if (ms === local.ms && ms === remoteCapped.ms) counter = Math.max(local.counter, remoteCapped.counter) + 1;
  else if (ms === local.ms) counter = local.counter + 1;
  else if (ms === remoteCapped.ms) counter = remoteCapped.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { hlc: encodeHlc({ ms: ms + 1, counter: 0 }), suspect };
  return { hlc: encodeHlc({ ms, counter }), suspect };
}

function bump({ ms, counter }: HlcParts): Hlc {
  // Counter exhaustion borrows a millisecond from the future rather than repeating a value.
  if (counter >= MAX_COUNTER) return encodeHlc({ ms: ms + 1, counter: 0 });
  return encodeHlc({ ms, counter: counter + 1 });
}
