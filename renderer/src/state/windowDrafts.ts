/**
 * A console window's unsent drafts and pending entries in local storage: one
 * record per window, written by that window alone while it is open, so no
 * window can put a stale copy over another's. Local storage is written
 * synchronously: text survives a tab closed at any moment.
 */
import { z } from 'zod';

/** An entry submitted from the entry box whose write has not been confirmed yet. */
export type PendingEntry = { key: string; raw: string };

export type DraftState = {
  /** The entry box's text per incident. */
  drafts: Record<string, string>;
  pending: Record<string, PendingEntry[]>;
};

const KEY_PREFIX = 'warroom.drafts.';
/** Where every window's drafts were kept together before each window had its own record. */
const SHARED_KEY = 'warroom.ui';
/** The record that shared copy becomes: no window ever holds its lock, so the first to open each incident takes it over. */
const SHARED_RECORD_ID = 'before-windows';

const pendingSchema = z.array(z.object({ key: z.string(), raw: z.string() }));

const recordSchema = z.object({
  /** `at`: when the window last changed the text, so that after a restart the draft written last is restored first. */
  drafts: z.record(z.string(), z.object({ text: z.string(), at: z.number() })),
  pending: z.record(z.string(), pendingSchema),
});

export type WindowRecord = z.infer<typeof recordSchema>;

const sharedSchema = z.object({
  state: z.object({ drafts: z.record(z.string(), z.string()), pending: z.record(z.string(), pendingSchema) }),
});

export const EMPTY_RECORD: WindowRecord = { drafts: {}, pending: {} };

/** The window's record; null when there is none, or it cannot be read (left in place, never overwritten by a reader). */
export function readRecord(storage: Storage, windowId: string): WindowRecord | null {
  const raw = storage.getItem(KEY_PREFIX + windowId);
  if (raw === null) return null;
  try {
    return recordSchema.parse(JSON.parse(raw));
  } catch (error) {
    console.warn(`Unreadable drafts of window ${windowId}`, error);
    return null;
  }
}

export function writeRecord(storage: Storage, windowId: string, record: WindowRecord): void {
  const empty = Object.keys(record.drafts).length === 0 && Object.keys(record.pending).length === 0;
  if (empty) storage.removeItem(KEY_PREFIX + windowId);
  else storage.setItem(KEY_PREFIX + windowId, JSON.stringify(record));
}

/** Every window with a record, open or closed. */
export function recordedWindowIds(storage: Storage): string[] {
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(KEY_PREFIX)) ids.push(key.slice(KEY_PREFIX.length));
  }
  return ids;
}

export function stateOf(record: WindowRecord): DraftState {
  return {
    drafts: Object.fromEntries(Object.entries(record.drafts).map(([incidentId, draft]) => [incidentId, draft.text])),
    pending: record.pending,
  };
}

/** The record of `state`; a draft whose text is unchanged keeps the time it was written. */
export function recordOf(state: DraftState, previous: WindowRecord, now: number): WindowRecord {
  const drafts: WindowRecord['drafts'] = {};
  for (const [incidentId, text] of Object.entries(state.drafts)) {
    const before = previous.drafts[incidentId];
    drafts[incidentId] = before?.text === text ? before : { text, at: now };
  }
  return { drafts, pending: state.pending };
}

/** What `state` holds that `start` did not: text typed and entries submitted since. */
export function changedSince(state: DraftState, start: DraftState): DraftState {
  const startKeys = new Set(Object.values(start.pending).flatMap((list) => list.map((p) => p.key)));
  const drafts = Object.fromEntries(Object.entries(state.drafts).filter(([id, text]) => start.drafts[id] !== text));
  const pending = Object.fromEntries(
    Object.entries(state.pending)
      .map(([id, list]) => [id, list.filter((p) => !startKeys.has(p.key))] as const)
      .filter(([, list]) => list.length > 0),
  );
  return { drafts, pending };
}

/** Moves the drafts kept together by an older version into a record of their own, so they are taken over like a closed window's. */
export function moveSharedDrafts(storage: Storage): void {
  const raw = storage.getItem(SHARED_KEY);
  if (raw === null) return;
  try {
    const { state } = sharedSchema.parse(JSON.parse(raw));
    const drafts = Object.fromEntries(Object.entries(state.drafts).map(([incidentId, text]) => [incidentId, { text, at: 0 }]));
    writeRecord(storage, SHARED_RECORD_ID, { drafts, pending: state.pending });
    storage.removeItem(SHARED_KEY);
  } catch (error) {
    console.warn('Unreadable drafts of an earlier version, left in place', error);
  }
}
