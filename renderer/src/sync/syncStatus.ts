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
  /** `paging`: whether the hub sends pages to the people consoles page. */
  | { state: 'syncing'; toSend: number; toReceive: number; paging?: boolean }
  | { state: 'synced'; at: number; paging?: boolean }
  /** No connection; `since` is when the last one ended (or when this console started trying). */
  | { state: 'offline'; since: number }
  | { state: 'refused'; code: SyncErrorCode; message: string };

export const useSyncStatus = create<{ status: SyncStatus }>()(() => ({ status: { state: 'off' } }));

const CHANNEL = 'warroom-sync-status';
/** What windows say on the channel: a status, or a new window asking for the current one. */
type ChannelMessage = { kind: 'status'; status: SyncStatus } | { kind: 'ask' };
const STATES: ReadonlySet<string> = new Set<SyncStatus['state']>(['off', 'connecting', 'syncing', 'synced', 'offline', 'refused']);

let channel: BroadcastChannel | null = null;
/** What this window last published, if it is the one syncing: it answers a new window's question with it. */
let published: SyncStatus | null = null;

function isStatus(value: unknown): value is SyncStatus {
  return typeof value === 'object' && value !== null && STATES.has((value as { state?: unknown }).state as string);
}

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  const opened = new BroadcastChannel(CHANNEL);
  opened.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data as Partial<ChannelMessage> | null;
    if (message?.kind === 'ask') {
      if (published) opened.postMessage({ kind: 'status', status: published } satisfies ChannelMessage);
    } else if (message?.kind === 'status' && isStatus(message.status)) {
      useSyncStatus.setState({ status: message.status });
    }
  };
  channel = opened;
  return channel;
}

/**
 * Listens for the syncing window's status (call once per window), and asks
 * for it at once: a window opened while sync runs would otherwise show it off
 * until the status next changes.
 */
export function listenForSyncStatus(): void {
  open()?.postMessage({ kind: 'ask' } satisfies ChannelMessage);
}

export function publishSyncStatus(status: SyncStatus): void {
  published = status;
  useSyncStatus.setState({ status });
  open()?.postMessage({ kind: 'status', status } satisfies ChannelMessage);
}

/** Forgets everything: the status is off, nothing is published, and the channel is closed. For tests, between one and the next. */
export function resetSyncStatus(): void {
  channel?.close();
  channel = null;
  published = null;
  useSyncStatus.setState({ status: { state: 'off' } });
}
