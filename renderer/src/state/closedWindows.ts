/**
 * What closed windows left behind (a tab closed with a draft, or mid-write; a
 * console restarted), taken over by the next window that opens the incident's
 * entry box.
 */
import { windowLockName } from './windowIdentity';
import { readRecord, recordedWindowIds, writeRecord, type PendingEntry } from './windowDrafts';

export type TakenOver = { draft?: string; pending: PendingEntry[] };

/**
 * Takes over one incident's part of closed windows' records: every pending
 * entry, and the draft written last while this window has none of its own (an
 * older one waits for the next window). A window is closed when its lock can be
 * had; holding it while moving the record keeps two windows from taking the
 * same text, and a reloading window from getting its record back meanwhile.
 * `take` keeps what was found before it leaves the closed window's record: an
 * interruption in between leaves a copy, never a loss.
 */
export async function takeOverClosed(options: {
  storage: Storage;
  locks: LockManager;
  ownId: string;
  incidentId: string;
  hasDraft: () => boolean;
  take: (found: TakenOver) => void;
}): Promise<void> {
  const { storage, locks, ownId, incidentId, hasDraft, take } = options;
  const newestFirst = recordedWindowIds(storage)
    .filter((id) => id !== ownId)
    .flatMap((id) => {
      const record = readRecord(storage, id);
      const relevant = record && (record.drafts[incidentId] || record.pending[incidentId]);
      return relevant ? [{ id, at: record.drafts[incidentId]?.at ?? -1 }] : [];
    })
    .sort((a, b) => b.at - a.at);

  for (const { id } of newestFirst) {
    await locks.request(windowLockName(id), { ifAvailable: true }, (lock) => {
      if (!lock) return; // still open: its text is its own
      const record = readRecord(storage, id);
      if (!record) return;
      const draft = hasDraft() ? undefined : record.drafts[incidentId]?.text;
      const pending = record.pending[incidentId] ?? [];
      if (draft === undefined && pending.length === 0) return;
      take({ ...(draft === undefined ? {} : { draft }), pending });
      const drafts = { ...record.drafts };
      if (draft !== undefined) delete drafts[incidentId];
      const left = { ...record.pending };
      delete left[incidentId];
      writeRecord(storage, id, { drafts, pending: left });
    });
  }
}
