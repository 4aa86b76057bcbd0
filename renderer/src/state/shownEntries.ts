/**
 * Entries on their way into the log: shown on the timeline the moment Enter
 * is pressed, marked as saving, while the durable write completes. Each is
 * settled with its event's id once written (the timeline then shows the row
 * it reads instead, and the entry is forgotten soon after) or dropped if the
 * write failed (the composer gives the text back). Held in this window's
 * memory only: the composer's pending text is what survives a closed window.
 */
import { create } from 'zustand';

import type { EntryKind } from '@shared/domain/events';

export type ShownEntry = {
  key: string;
  incidentId: string;
  kind: EntryKind;
  text: string;
  actor: string;
  occurredAt: string;
};

/** Once written: its event's id, and when the write was known to be done (performance.now()). */
export type Committed = { id: string; at: number };

/** A settled entry is forgotten after this long: by then the timeline has long read the row that replaces it. */
const FORGET_SETTLED_MS = 5_000;

const useShownStore = create<{ byIncident: Record<string, readonly ShownEntry[]> }>(() => ({ byIncident: {} }));

const NONE: readonly ShownEntry[] = [];

let counter = 0;

function update(incidentId: string, change: (entries: readonly ShownEntry[]) => readonly ShownEntry[]): void {
  useShownStore.setState((s) => {
    const next = change(s.byIncident[incidentId] ?? NONE);
    const byIncident = { ...s.byIncident };
    if (next.length) byIncident[incidentId] = next;
    else delete byIncident[incidentId];
    return { byIncident };
  });
}

/** Shows an entry being written; returns its key. */
export function showEntry(entry: Omit<ShownEntry, 'key'>): string {
  counter += 1;
  const key = `shown-${counter}`;
  update(entry.incidentId, (entries) => [...entries, { ...entry, key }]);
  return key;
}

/**
 * Written entries, by key. Kept apart from the store on purpose: settling changes nothing on screen by
 * itself (the entry stays until a read holds its row), and the read that follows re-renders the list anyway.
 */
const committed = new Map<string, Committed>();

export function settleEntry(incidentId: string, key: string, eventId: string): void {
  committed.set(key, { id: eventId, at: performance.now() });
  setTimeout(() => dropEntry(incidentId, key), FORGET_SETTLED_MS);
}

export function committedOf(entry: ShownEntry): Committed | undefined {
  return committed.get(entry.key);
}

export function dropEntry(incidentId: string, key: string): void {
  committed.delete(key);
  update(incidentId, (entries) => (entries.some((entry) => entry.key === key) ? entries.filter((entry) => entry.key !== key) : entries));
}

export function useShownEntries(incidentId: string): readonly ShownEntry[] {
  return useShownStore((s) => s.byIncident[incidentId] ?? NONE);
}
