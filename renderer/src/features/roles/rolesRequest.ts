/**
 * Which of the people view's dialogs is open, per window. Kept outside the
 * panel so the header's "Assign a commander…" can open the view with its
 * dialog already up. Dialogs hold ids, not rows: they read the live roster,
 * so a change from another console shows while they are open.
 */
import { create } from 'zustand';

export type RolesDialog = { kind: 'assign'; role: string } | { kind: 'page' } | { kind: 'release'; person: string };

type RolesUi = { open: { incidentId: string; dialog: RolesDialog } | null };

export const useRolesUi = create<RolesUi>()(() => ({ open: null }));

export function openRolesDialog(incidentId: string, dialog: RolesDialog): void {
  useRolesUi.setState({ open: { incidentId, dialog } });
}

export function closeRolesDialog(): void {
  useRolesUi.setState({ open: null });
}

export function useRolesDialog(incidentId: string): RolesDialog | null {
  return useRolesUi((s) => (s.open?.incidentId === incidentId ? s.open.dialog : null));
}
