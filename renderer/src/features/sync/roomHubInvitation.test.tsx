/** The room hub's invitation through the sync page: shown with its certificate's fingerprint, pinned on joining, refused where it cannot be pinned. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { LanHubState, WarroomBridge } from '@shared/platform/bridge';

import { openDatabase } from '../../db/eventStore';
import { getMembership } from '../../db/syncStore';
import { browserBridge } from '../../platform/browserBridge';
import { fakeShell } from '../../testing/fakeShell';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const FP = 'HxxbL613hDQCTxU3mGNGknkX9HVabn0_2R8iZTt8MTI';

async function openSync(platform: WarroomBridge) {
  const db = freshDatabase();
  await openDatabase(db);
  window.location.hash = '#/sync';
  const view = renderConsole(db, platform);
  await screen.findByRole('heading', { name: 'Sync', level: 1 }, { timeout: 10_000 });
  return view;
}

// Rendering the whole console takes seconds on a loaded machine; the waits inside are at most 10 s.
describe('room hub invitations', { timeout: 30_000 }, () => {
  it('shows the room hub’s address with its certificate’s fingerprint, and the host syncs through it', async () => {
    const shell = fakeShell();
    const hosted: LanHubState = {
      status: 'running',
      addresses: ['wss://192.168.1.20:4848/sync'],
      localAddress: 'wss://127.0.0.1:4848/sync',
      joinCode: 'ABCD-EFGH-JKLM',
      spaceName: 'Room',
      fingerprint: FP,
    };
    shell.startLanHub = async () => (shell.lanHub = hosted);
    const { db, user } = await openSync(shell);
    await user.click(await screen.findByRole('button', { name: 'Start hosting' }));
    const panel = screen.getByRole('region', { name: 'Host a hub for this room' });
    expect(await within(panel).findByText(`wss://192.168.1.20:4848/sync#fp=${FP}`)).toBeInTheDocument();
    expect(within(panel).getByText(/fingerprint of this hub’s certificate/)).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: /certificate fingerprint and join code/ })).toBeInTheDocument();
    await waitFor(async () => expect((await getMembership(db))?.hubUrl).toBe('wss://127.0.0.1:4848/sync'));
  });

  it('pins the certificate for the hub it joins, taking the join code from a scanned invitation', async () => {
    const shell = fakeShell();
    const { db, user } = await openSync(shell);
    await user.type(screen.getByLabelText('Hub address'), `wss://192.168.1.20:4848/sync#fp=${FP}&code=abcd-efgh-jkmn`);
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(async () => expect(await getMembership(db)).toMatchObject({ hubUrl: 'wss://192.168.1.20:4848/sync', joinCode: 'ABCD-EFGH-JKMN' }));
    expect(shell.pins).toEqual([{ url: 'wss://192.168.1.20:4848/sync', fingerprint: FP }]);
  });

  it('refuses a fingerprint cut short, saving nothing', async () => {
    const shell = fakeShell();
    const { db, user } = await openSync(shell);
    await user.type(screen.getByLabelText('Hub address'), `192.168.1.20:4848#fp=${FP.slice(0, 30)}`);
    await user.type(screen.getByLabelText('Join code'), 'ABCD-EFGH-JKMN');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(/fingerprint .* cut short or mistyped/)).toBeInTheDocument();
    expect(screen.getByLabelText('Hub address')).toHaveFocus();
    expect(shell.pins).toEqual([]);
    expect(await getMembership(db)).toBeNull();
  });

  it('says a browser cannot pin a room hub’s certificate, and joins nothing', async () => {
    const { db, user } = await openSync(browserBridge);
    await user.type(screen.getByLabelText('Hub address'), `wss://192.168.1.20:4848/sync#fp=${FP}`);
    await user.type(screen.getByLabelText('Join code'), 'ABCD-EFGH-JKMN');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(/This browser cannot check a room hub’s own certificate/)).toBeInTheDocument();
    expect(await getMembership(db)).toBeNull();
  });
});
