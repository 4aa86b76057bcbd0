/** The sync page, driven through the DOM against real Dexie: joining, leaving, hosting, bundles. */
import { hexToBytes } from '@noble/hashes/utils.js';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { declareIncident, logEntry } from '../../db/commands';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { getMembership } from '../../db/syncStore';
import { exportBundle } from '../../sync/bundleFiles';
import { fakeShell } from '../../testing/fakeShell';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

async function openSync() {
  const db = freshDatabase();
  await openDatabase(db);
  const shell = fakeShell();
  window.location.hash = '#/sync';
  const view = renderConsole(db, shell);
  await screen.findByRole('heading', { name: 'Sync', level: 1 }, { timeout: 10_000 });
  return { ...view, shell };
}

describe('sync page', () => {
  it('refuses a bad address and code, saving nothing, then joins with a forgiving code', async () => {
    const { db, user } = await openSync();
    expect(screen.getByRole('link', { name: /Sync: Not syncing/ })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Hub address'), 'ftp://example.org');
    await user.type(screen.getByLabelText('Join code'), 'ABC');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(/This is not a hub address/)).toBeInTheDocument();
    expect(screen.getByText(/A join code has twelve letters/)).toBeInTheDocument();
    expect(screen.getByLabelText('Hub address')).toHaveFocus();
    expect(await getMembership(db)).toBeNull();

    await user.clear(screen.getByLabelText('Hub address'));
    await user.type(screen.getByLabelText('Hub address'), '192.168.1.20');
    await user.clear(screen.getByLabelText('Join code'));
    await user.type(screen.getByLabelText('Join code'), 'abcd efgh jkmn');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(async () => expect(await getMembership(db)).toMatchObject({ hubUrl: 'ws://192.168.1.20:4848/sync', joinCode: 'ABCD-EFGH-JKMN' }));
    expect(await screen.findByText('ws://192.168.1.20:4848/sync')).toBeInTheDocument();

    // Leaving asks first, and keeps the log.
    await user.click(screen.getByRole('button', { name: 'Leave this hub…' }));
    await user.click(screen.getByRole('button', { name: 'Leave hub' }));
    await waitFor(async () => expect(await getMembership(db)).toBeNull());
    expect(await screen.findByRole('heading', { name: 'Join a hub' })).toBeInTheDocument();
  });

  it('hosts a hub for the room, shows its code and QR, and syncs through it', async () => {
    const { db, user, shell } = await openSync();
    await user.click(await screen.findByRole('button', { name: 'Start hosting' }));
    const panel = screen.getByRole('region', { name: 'Host a hub for this room' });
    expect(await within(panel).findByText('ABCD-EFGH-JKLM')).toBeInTheDocument();
    expect(within(panel).getByText('ws://192.168.1.20:4848/sync')).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: /QR code/ })).toBeInTheDocument();
    await waitFor(async () => expect((await getMembership(db))?.hubUrl).toBe('ws://127.0.0.1:4848/sync'));
    await user.click(within(panel).getByRole('button', { name: 'Stop hosting' }));
    expect(shell.lanHub).toEqual({ status: 'stopped' });
  });

  it('lets the host remove a console that joined its hub, after asking, and make a new join code', async () => {
    const { user, shell } = await openSync();
    const at = Date.UTC(2026, 11, 6, 9, 0);
    shell.hubDevices = [
      { deviceId: 'bbbbbbbb02', name: 'bbbbbbbb02', joinedAt: at, lastSeenAt: at + 60_000, removedAt: null, storedBytes: 0 },
      { deviceId: 'cccccccc03', name: 'cccccccc03', joinedAt: at, lastSeenAt: at, removedAt: null, storedBytes: 0 },
    ];
    await user.click(await screen.findByRole('button', { name: 'Start hosting' }));
    const panel = screen.getByRole('region', { name: 'Host a hub for this room' });
    const devices = await within(panel).findByRole('table');
    expect(within(devices).getByRole('rowheader', { name: 'bbbbbbbb02' })).toBeInTheDocument();

    // Asked first; keeping it removes nothing.
    await user.click(within(devices).getByRole('button', { name: 'Remove bbbbbbbb02…' }));
    await user.click(within(devices).getByRole('button', { name: 'Keep it' }));
    expect(shell.hubDevices[0]!.removedAt).toBeNull();
    await user.click(within(devices).getByRole('button', { name: 'Remove bbbbbbbb02…' }));
    expect(within(devices).getByText(/Its connection closes now/)).toBeInTheDocument();
    await user.click(within(devices).getByRole('button', { name: 'Remove console' }));
    await waitFor(() => expect(shell.hubDevices[0]!.removedAt).not.toBeNull());
    expect(await within(devices).findByText(/^Removed /)).toBeInTheDocument();
    expect(within(devices).queryByRole('button', { name: 'Remove bbbbbbbb02…' })).toBeNull();
    expect(shell.hubDevices[1]!.removedAt).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'New join code…' }));
    await user.click(within(panel).getByRole('button', { name: 'Make a new code' }));
    expect(await within(panel).findByText('WXYZ-WXYZ-WXYZ')).toBeInTheDocument();
  }, 30_000);

  it('imports a bundle from another console, and refuses a damaged one saying why', async () => {
    const other = freshDatabase();
    await openDatabase(other);
    const id = await declareIncident(other, declareInput);
    await logEntry(other, { incidentId: id, kind: 'note', text: '<img src=x onerror=alert(1)> from the other room', actor: 'Bo' });
    const { text } = await exportBundle(other);

    const { db, user, shell } = await openSync();
    shell.nextBundleOpen = { status: 'opened', name: 'room-b.warroomsync', contents: text.replace('other room', 'other r00m') };
    await user.click(screen.getByRole('button', { name: 'Import a bundle…' }));
    expect(await screen.findByText('room-b.warroomsync was not imported, and nothing of it was applied.')).toBeInTheDocument();
    expect(screen.getByText(/do not match its checksum/)).toBeInTheDocument();
    expect(await db.events.count()).toBe(0);

    shell.nextBundleOpen = { status: 'opened', name: 'room-b.warroomsync', contents: text };
    await user.click(screen.getByRole('button', { name: 'Import a bundle…' }));
    expect(await screen.findByText('Imported room-b.warroomsync: 2 new events, 0 already here.')).toBeInTheDocument();
    expect(await db.events.count()).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Save a bundle…' }));
    await waitFor(() => expect(shell.bundles).toHaveLength(1));
    expect(shell.bundles[0]!.suggestedName).toMatch(/^warroom-sync-\d{4}-\d{2}-\d{2}-\d{4}\.warroomsync$/);
    // Not in a workspace: a plain bundle, a header line, a contents line and the two events.
    expect(shell.bundles[0]!.contents.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('in a workspace, refuses an unsealed bundle saying why, and saves sealed ones', async () => {
    const bundleKey = 'ab'.repeat(32);
    const other = freshDatabase();
    await openDatabase(other);
    const id = await declareIncident(other, declareInput);
    await logEntry(other, { incidentId: id, kind: 'note', text: 'Paged the DBA on call', actor: 'Bo' });
    const plain = (await exportBundle(other)).text;
    const sealed = (await exportBundle(other, { key: hexToBytes(bundleKey) })).text;

    const { db, user, shell } = await openSync();
    await act(() => db.meta.put({ key: 'sync', hubUrl: 'ws://127.0.0.1:9/sync', joinCode: null, space: 's1', spaceName: 'Blue', token: 't', bundleKey, cursor: null, joinedAt: 0 }));
    shell.nextBundleOpen = { status: 'opened', name: 'stripped.warroomsync', contents: plain };
    await user.click(screen.getByRole('button', { name: 'Import a bundle…' }));
    expect(await screen.findByText('stripped.warroomsync was not imported, and nothing of it was applied.')).toBeInTheDocument();
    expect(screen.getByText(/This bundle is not sealed with this workspace key/)).toBeInTheDocument();
    expect(await db.events.count()).toBe(0);

    shell.nextBundleOpen = { status: 'opened', name: 'sealed.warroomsync', contents: sealed };
    await user.click(screen.getByRole('button', { name: 'Import a bundle…' }));
    expect(await screen.findByText('Imported sealed.warroomsync: 2 new events, 0 already here.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save a bundle…' }));
    await waitFor(() => expect(shell.bundles).toHaveLength(1));
    expect(shell.bundles[0]!.contents).not.toContain('Paged the DBA');
    expect(shell.bundles[0]!.contents.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('lists what this console set aside, with why, where from and when', async () => {
    const { db } = await openSync();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const poison = { id: 'ffffffff09:1', incidentId: 'ffffffff09:1', type: 'x.y', v: 1, payload: deep };
    await act(() => ingestEvents(db, [poison], () => Date.UTC(2026, 10, 21, 14, 5), 'hub'));

    const table = await screen.findByRole('table', { name: 'Set aside' });
    const [header, row] = within(table).getAllByRole('row');
    expect(within(header!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Change', 'Why', 'From', 'When']);
    const cells = within(row!).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells[0]).toBe('ffffffff09:1');
    expect(cells[1]).toMatch(/^Refused by this console: beyond what every console can store: nested more than 32 levels deep$/);
    expect(cells[2]).toBe('Hub');
    expect(cells[3]).toMatch(/21/);
    expect(screen.getByText(/reached this console but could not be kept in its record/)).toBeInTheDocument();
  }, 20_000);
});
