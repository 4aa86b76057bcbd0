/**
 * What the sync engine is doing, for every window of the console to show.
 * Only one window holds the hub connection; it broadcasts its status to the
 * others. Runtime state, not data: nothing here survives a restart.
 */
import { create } from 'zustand';

import type { SyncErrorCode } from '@shared/sync/protocol';

export type SyncStatus =
  | { state: 'off' }
  | { state: 'connecting' }
  | { state: 'syncing'; toSend: number; toReceive: number }
  | { state: 'synced'; at: number }
  /** No connection; `since` is when the last one ended (or when this console started trying). */
  | { state: 'offline'; since: number }
  | { state: 'refused'; code: SyncErrorCode; message: string };

export const useSyncStatus = create<{ status: SyncStatus }>()(() => ({ status: { state: 'off' } }));

const CHANNEL = 'warroom-sync-status';
let channel: BroadcastChannel | null = null;

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<SyncStatus>) => useSyncStatus.setState({ status: event.data });
  return channel;
}

/** Listens for the syncing window's status (call once per window). */
export function listenForSyncStatus(): void {
  open();
}

export function publishSyncStatus(status: SyncStatus): void {
  useSyncStatus.setState({ status });
  open()?.postMessage(status);
}
