/**
 * What a hub works out about each pushed event on its own, before it reads
 * the authors' chains: whether every console could store it, whether it is a
 * well-formed event, and its content hash. It depends on the event alone, so
 * a hub may do it on another thread (electron/hub/examiner.ts).
 */
import { parseEvent } from '../domain/events';
import { measureStorable } from '../domain/storable';
import { safeContentHash } from './chain';
import { SYNC_LIMITS } from './protocol';

export type Examined =
  /** Refused, and why. */
  | { problem: string }
  /** Its length as JSON (what the device's stored-bytes quota counts) and its content hash (null: too deeply nested to hash). */
  | { chars: number; hash: string | null };

/** Examines one push's events, in order; `frame` is the push's text, `events` the same text's events, parsed. */
export type Examine = (push: { frame: string; events: readonly unknown[] }) => Promise<readonly Examined[]>;

export function examineEvent(raw: unknown): Examined {
  // Before anything else reads it: what every console could not store would stop every console's sync.
  const measured = measureStorable(raw);
  if ('problem' in measured) return { problem: measured.problem };
  const parsed = parseEvent(raw);
  if (parsed.status === 'invalid') return { problem: `invalid event: ${parsed.error}`.slice(0, SYNC_LIMITS.reasonChars) };
  return { chars: measured.chars, hash: safeContentHash(raw as object) };
}

/** On the hub's own thread: the LAN hub, the simulation, and a headless hub without its worker. */
export const examineInThread: Examine = async ({ events }) => events.map(examineEvent);
