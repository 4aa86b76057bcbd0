/**
 * Per-window UI state. Nothing here is a source of truth for incident data:
 * that lives in Dexie. Unsent composer drafts are kept in local storage so
 * text typed but not yet logged survives a closed tab.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type AmendMode = 'correct' | 'strike';

type UiState = {
  drafts: Record<string, string>;
  declareOpen: boolean;
  profileOpen: boolean;
  amending: { entryId: string; mode: AmendMode } | null;
};

const initialState: UiState = { drafts: {}, declareOpen: false, profileOpen: false, amending: null };

export const useUiStore = create<UiState>()(
  persist(() => initialState, {
    name: 'warroom.ui',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ drafts: state.drafts }),
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

export const openDeclare = () => useUiStore.setState({ declareOpen: true });
export const closeDeclare = () => useUiStore.setState({ declareOpen: false });
export const openProfile = () => useUiStore.setState({ profileOpen: true });
export const closeProfile = () => useUiStore.setState({ profileOpen: false });
export const startAmend = (entryId: string, mode: AmendMode) => useUiStore.setState({ amending: { entryId, mode } });
export const stopAmend = () => useUiStore.setState({ amending: null });

export function resetUiStore(): void {
  useUiStore.setState(initialState, false);
}
