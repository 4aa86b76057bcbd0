import { afterEach, describe, expect, it } from 'vitest';

import { listenForSyncStatus, publishSyncStatus, useSyncStatus, type SyncStatus } from './syncStatus';

/** Another window of the console: its own end of the channel. */
const others: BroadcastChannel[] = [];
function otherWindow(): BroadcastChannel {
  const channel = new BroadcastChannel('warroom-sync-status');
  others.push(channel);
  return channel;
}
afterEach(() => {
  for (const channel of others.splice(0)) channel.close();
  publishSyncStatus({ state: 'off' });
});

/** Everything the channel hears. Other consoles' windows in the process (earlier test files') may answer too. */
function heard(channel: BroadcastChannel): unknown[] {
  const messages: unknown[] = [];
  channel.addEventListener('message', (event) => messages.push(event.data));
  return messages;
}

describe('the sync status across windows', () => {
  it('a window opened while sync runs is told the current status at once, not when it next changes', async () => {
    const syncing = otherWindow();
    const live: SyncStatus = { state: 'synced', at: Date.UTC(2026, 11, 6, 9) };
    syncing.addEventListener('message', (event: MessageEvent<{ kind?: string }>) => {
      if (event.data?.kind === 'ask') syncing.postMessage({ kind: 'status', status: live });
    });
    useSyncStatus.setState({ status: { state: 'off' } });
    listenForSyncStatus();
    await expect.poll(() => useSyncStatus.getState().status).toEqual(live);
  });

  it('the syncing window answers a new window with what it last published', async () => {
    publishSyncStatus({ state: 'syncing', toSend: 3, toReceive: 0 });
    const fresh = otherWindow();
    const answers = heard(fresh);
    fresh.postMessage({ kind: 'ask' });
    await expect.poll(() => answers).toContainEqual({ kind: 'status', status: { state: 'syncing', toSend: 3, toReceive: 0 } });
  });

  it('ignores what is not a status', async () => {
    publishSyncStatus({ state: 'offline', since: 5 });
    const stranger = otherWindow();
    for (const junk of [null, 'synced', { kind: 'status', status: { state: 'hacked' } }, { kind: 'status' }, { state: 'synced', at: 1 }]) stranger.postMessage(junk);
    // A real status after the junk arrives, so everything before it has been handled.
    stranger.postMessage({ kind: 'status', status: { state: 'connecting' } });
    await expect.poll(() => useSyncStatus.getState().status).toEqual({ state: 'connecting' });
  });
});
