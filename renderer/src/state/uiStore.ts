/**
 * Per-window UI state. Nothing here is a source of truth for incident data:
 * that lives in Dexie. Unsent composer drafts, and entries submitted but not
 * yet confirmed written, are kept in this window's own record in local storage
 * (see windowDrafts) so text survives a tab closed at any moment, and no other
 * window's copy ever replaces them.
 */
import { create } from 'zustand';

import type { FinalStatus, Tier } from '@shared/domain/events';

import { parseRoute } from '../app/router';
import type { CommandGroup } from '../commands/registry';
import { takeOverClosed } from './closedWindows';
import { claimWindow, newWindowId, sessionWindowId } from './windowIdentity';
import {
  changedSince,
  EMPTY_RECORD,
  moveSharedDrafts,
  readRecord,
  recordOf,
  stateOf,
  writeRecord,
  type DraftState,
  type PendingEntry,
} from './windowDrafts';

export type { PendingEntry } from './windowDrafts';

export type AmendMode = 'correct' | 'strike';
/** Dialogs the incident header opens; a tier decision may start from a value (keeping one of two concurrent decisions). */
/** `returnFocus`: the id of the control that opened the dialog, which gets the focus back when it closes (else the entry box). */
export type IncidentDialog = ({ kind: 'tier'; preset?: Tier } | { kind: 'priority' } | { kind: 'bridges' } | { kind: 'status'; status: FinalStatus } | { kind: 'attachRunbook' }) & {
  returnFocus?: string;
};

/** The command palette, showing every command or only one group's (choosing which role to assign). */
export type PaletteState = { scope?: CommandGroup };

type UiState = {
  drafts: Record<string, string>;
  pending: Record<string, PendingEntry[]>;
  declareOpen: boolean;
  drillOpen: boolean;
  profileOpen: boolean;
  wallOpen: boolean;
  incidentDialog: IncidentDialog | null;
  amending: { entryId: string; mode: AmendMode } | null;
  palette: PaletteState | null;
  shortcutHelpOpen: boolean;
};

const initialState: UiState = {
  drafts: {},
  pending: {},
  declareOpen: false,
  drillOpen: false,
  profileOpen: false,
  wallOpen: false,
  incidentDialog: null,
  amending: null,
  palette: null,
  shortcutHelpOpen: false,
};

// Taken when the window opens: each window of a test is a fresh instance of this module.
const locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks;
let windowId = sessionWindowId(sessionStorage);
moveSharedDrafts(localStorage);
/** This window's record as last written. */
let saved = readRecord(localStorage, windowId) ?? EMPTY_RECORD;
const restored = stateOf(saved);
/** A window writes its record only once it holds its lock: until then, the id may be another open window's. */
let owned = locks === undefined;

export const useUiStore = create<UiState>()(() => ({ ...initialState, ...restored }));

/** A wall window (opened on a wall's address) shows incidents and never writes drafts. */
const wallWindow = parseRoute(window.location.hash).name === 'wall';

function save(state: DraftState): void {
  if (!owned || wallWindow) return;
  const record = recordOf(state, saved, Date.now());
  writeRecord(localStorage, windowId, record);
  saved = record;
}

useUiStore.subscribe((state, before) => {
  if (state.drafts !== before.drafts || state.pending !== before.pending) save(state);
});

/**
 * Settles once this window holds its own id; only then does it write or take anything over. A wall holds
 * none: were it a console tab before, what it left there goes to the next console window.
 */
export const windowReady: Promise<void> = locks && !wallWindow ? claim(locks) : Promise.resolve();

async function claim(lockManager: LockManager): Promise<void> {
  if (!(await claimWindow(lockManager, windowId))) {
    // Another open window has this id: this tab is a copy of it. The drafts it opened with are that window's;
    // only what was typed here since stays.
    windowId = newWindowId(sessionStorage);
    saved = EMPTY_RECORD;
    const { drafts, pending } = useUiStore.getState();
    useUiStore.setState(changedSince({ drafts, pending }, restored));
    await claimWindow(lockManager, windowId);
  }
  owned = true;
  save(useUiStore.getState());
}

/**
 * Takes over what closed windows left for an incident: their pending entries
 * (see takePending), and the draft written last if this window has none.
 */
export async function adoptDrafts(incidentId: string): Promise<void> {
  await windowReady;
  if (!locks || wallWindow) return;
  try {
    await takeOverClosed({
      storage: localStorage,
      locks,
      ownId: windowId,
      incidentId,
      hasDraft: () => Boolean(useUiStore.getState().drafts[incidentId]),
      take: ({ draft, pending }) =>
        useUiStore.setState((s) => ({
          drafts: draft === undefined ? s.drafts : { ...s.drafts, [incidentId]: draft },
          pending: pending.length ? { ...s.pending, [incidentId]: [...(s.pending[incidentId] ?? []), ...pending] } : s.pending,
        })),
    });
  } catch (error) {
    // Nothing moved that was not kept first: what is left stays in the closed window's record for next time.
    console.warn('Drafts of closed windows not taken over', error);
  }
}

export function setDraft(incidentId: string, text: string): void {
  useUiStore.setState((s) => {
    const drafts = { ...s.drafts };
    if (text) drafts[incidentId] = text;
    else delete drafts[incidentId];
    return { drafts };
  });
}

export function addPending(incidentId: string, raw: string): string {
  // Unique across windows: a closed window's pending entries join another's.
  const key = crypto.randomUUID();
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
export const openDrill = () => useUiStore.setState({ drillOpen: true });
export const closeDrill = () => useUiStore.setState({ drillOpen: false });
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

export function resetUiStore(): void {
  useUiStore.setState(initialState, false);
}
