/**
 * Per-window UI state. Nothing here is a source of truth for incident data:
 * that lives in Dexie. Unsent composer drafts, and entries submitted but not
 * yet confirmed written, are kept in local storage (written synchronously) so
 * text survives a tab closed at any moment.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import type { Tier } from '@shared/domain/events';

import type { CommandGroup } from '../commands/registry';

export type AmendMode = 'correct' | 'strike';
/** Dialogs the incident header opens; a tier decision may start from a value (keeping one of two concurrent decisions). */
export type IncidentDialog = { kind: 'tier'; preset?: Tier } | { kind: 'priority' } | { kind: 'bridges' };

/** The command palette, showing every command or only one group's (choosing which role to assign). */
export type PaletteState = { scope?: CommandGroup };

/**
 * Asks a view of the incident page for one of its own dialogs or fields. A
 * command may have to switch views first: the view takes the request once it
 * is on screen.
 */
export type ViewRequest = { incidentId: string; kind: 'proposeHypothesis' | 'draftMessage' };

/** An entry submitted from the composer whose write has not been confirmed yet. */
export type PendingEntry = { key: string; raw: string };

type UiState = {
  drafts: Record<string, string>;
  pending: Record<string, PendingEntry[]>;
  declareOpen: boolean;
  profileOpen: boolean;
  wallOpen: boolean;
  incidentDialog: IncidentDialog | null;
  amending: { entryId: string; mode: AmendMode } | null;
  palette: PaletteState | null;
  shortcutHelpOpen: boolean;
  viewRequest: ViewRequest | null;
};

const initialState: UiState = {
  drafts: {},
  pending: {},
  declareOpen: false,
  profileOpen: false,
  wallOpen: false,
  incidentDialog: null,
  amending: null,
  palette: null,
  shortcutHelpOpen: false,
  viewRequest: null,
};

export const useUiStore = create<UiState>()(
  persist(() => initialState, {
    name: 'warroom.ui',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ drafts: state.drafts, pending: state.pending }),
  }),
);

export function setDraft(incidentId: string, text: string): void {
  useUiStore.setState((s) => {
    const drafts = { ...s.drafts };
    if (text) drafts[incidentId] = text;
    else delete drafts[incidentId];
    return { drafts };
  });
}

let pendingCounter = 0;

export function addPending(incidentId: string, raw: string): string {
  const key = `${Date.now()}-${++pendingCounter}`;
  useUiStore.setState((s) => ({ pending: { ...s.pending, [incidentId]: [...(s.pending[incidentId] ?? []), { key, raw }] } }));
  return key;
}

export function removePending(incidentId: string, key: string): void {
  useUiStore.setState((s) => {
    const left = (s.pending[incidentId] ?? []).filter((p) => p.key !== key);
    const pending = { ...s.pending };
    if (left.length) pending[incidentId] = left;
    else delete pending[incidentId];
    return { pending };
  });
}

/** Removes and returns what an earlier session left pending for an incident. */
export function takePending(incidentId: string): PendingEntry[] {
  const taken = useUiStore.getState().pending[incidentId] ?? [];
  for (const p of taken) removePending(incidentId, p.key);
  return taken;
}

export const openDeclare = () => useUiStore.setState({ declareOpen: true });
export const closeDeclare = () => useUiStore.setState({ declareOpen: false });
export const openProfile = () => useUiStore.setState({ profileOpen: true });
export const closeProfile = () => useUiStore.setState({ profileOpen: false });
export const openWallDialog = () => useUiStore.setState({ wallOpen: true });
export const closeWallDialog = () => useUiStore.setState({ wallOpen: false });
export const openIncidentDialog = (dialog: IncidentDialog) => useUiStore.setState({ incidentDialog: dialog });
export const closeIncidentDialog = () => useUiStore.setState({ incidentDialog: null });
export const startAmend = (entryId: string, mode: AmendMode) => useUiStore.setState({ amending: { entryId, mode } });
export const stopAmend = () => useUiStore.setState({ amending: null });
export const openPalette = (state: PaletteState = {}) => useUiStore.setState({ palette: state });
export const closePalette = () => useUiStore.setState({ palette: null });
export const openShortcutHelp = () => useUiStore.setState({ shortcutHelpOpen: true });
export const closeShortcutHelp = () => useUiStore.setState({ shortcutHelpOpen: false });
export const requestView = (request: ViewRequest) => useUiStore.setState({ viewRequest: request });
export const clearViewRequest = () => useUiStore.setState({ viewRequest: null });

/** Whether the incident's view has been asked for `kind` (see ViewRequest). */
export function useViewRequested(incidentId: string, kind: ViewRequest['kind']): boolean {
  return useUiStore((s) => s.viewRequest?.incidentId === incidentId && s.viewRequest.kind === kind);
}

export function resetUiStore(): void {
  useUiStore.setState(initialState, false);
}
