/**
 * Two windows of one console (two tabs, or a console and a wall) share local
 * storage. Each window here is its own instance of the UI store, with its own
 * session storage and its own Web Locks client, over the one local storage of
 * the origin, as in a browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { WebLocks } from '../testing/webLocks';
import type * as UiStore from './uiStore';

type Ui = typeof UiStore;
type Win = { ui: Ui; session: Record<string, string>; close: () => void };

let locks: WebLocks;
let open: Win[] = [];

function sessionContents(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i)!;
    out[key] = sessionStorage.getItem(key)!;
  }
  return out;
}

/** A window opening: a new tab (empty session storage), or a tab reloaded or duplicated (its session storage kept or copied). */
async function openWindow(session: Record<string, string> = {}, hash = '#/'): Promise<Win> {
  sessionStorage.clear();
  for (const [key, value] of Object.entries(session)) sessionStorage.setItem(key, value);
  window.location.hash = hash;
  const client = locks.client();
  Object.defineProperty(navigator, 'locks', { value: client.locks, configurable: true });
  vi.resetModules();
  const ui: Ui = await import('./uiStore');
  await ui.windowReady;
  const win = { ui, session: sessionContents(), close: client.close };
  open.push(win);
  return win;
}

/** The tab's page goes, its locks with it; the tab's session storage stays for the page that replaces it. */
async function reload(win: Win): Promise<Win> {
  win.close();
  return openWindow(win.session);
}

const drafts = (win: Win) => win.ui.useUiStore.getState().drafts;

beforeEach(() => {
  locks = new WebLocks();
});

afterEach(() => {
  for (const win of open) win.close();
  open = [];
  sessionStorage.clear();
  Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
  vi.useRealTimers();
  vi.resetModules();
});

describe('drafts in two windows of one console', () => {
  it('keeps the draft each window wrote for a different incident, across reloads of both', async () => {
    const a = await openWindow();
    const b = await openWindow();
    a.ui.setDraft('inc-1', 'from A');
    b.ui.setDraft('inc-2', 'from B');

    const a2 = await reload(a);
    const b2 = await reload(b);
    expect(drafts(a2)).toEqual({ 'inc-1': 'from A' });
    expect(drafts(b2)).toEqual({ 'inc-2': 'from B' });
  });

  it('keeps a draft per window for the same incident: a change in one never reverts the other', async () => {
    const a = await openWindow();
    const b = await openWindow();
    a.ui.setDraft('inc-1', 'from A');
    b.ui.setDraft('inc-1', 'from B');
    a.ui.setDraft('inc-1', 'from A, more');
    b.ui.setDraft('inc-1', 'from B, more');

    expect(drafts(a)).toEqual({ 'inc-1': 'from A, more' });
    const b2 = await reload(b);
    const a2 = await reload(a);
    expect(drafts(a2)).toEqual({ 'inc-1': 'from A, more' });
    expect(drafts(b2)).toEqual({ 'inc-1': 'from B, more' });
  });

  it("keeps a window's pending entry when another window writes, and gives it to the next window to open the incident once its own closes", async () => {
    const a = await openWindow();
    const b = await openWindow();
    a.ui.addPending('inc-1', 'being written when the tab closed');
    b.ui.setDraft('inc-1', 'typing in B');
    a.close();

    const c = await openWindow();
    await c.ui.adoptDrafts('inc-1');
    expect(c.ui.takePending('inc-1').map((p) => p.raw)).toEqual(['being written when the tab closed']);
    // B is open: what it types stays its own.
    expect(drafts(c)).toEqual({});
    const b2 = await reload(b);
    expect(drafts(b2)).toEqual({ 'inc-1': 'typing in B' });
  });

  it('never takes a pending entry from a window that is still open (its write may still succeed)', async () => {
    const a = await openWindow();
    a.ui.addPending('inc-1', 'still being written');
    const b = await openWindow();
    await b.ui.adoptDrafts('inc-1');
    expect(b.ui.takePending('inc-1')).toEqual([]);
    expect(a.ui.useUiStore.getState().pending['inc-1']?.map((p) => p.raw)).toEqual(['still being written']);
  });

  it('after a restart, restores the draft written last to the first window that opens the incident, and the older one to the next', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const a = await openWindow();
    const b = await openWindow();
    b.ui.setDraft('inc-1', 'older, in B');
    vi.setSystemTime(new Date('2026-03-01T10:01:00Z'));
    a.ui.setDraft('inc-1', 'newer, in A');
    a.close();
    b.close();

    const first = await openWindow();
    await first.ui.adoptDrafts('inc-1');
    expect(drafts(first)).toEqual({ 'inc-1': 'newer, in A' });
    const second = await openWindow();
    await second.ui.adoptDrafts('inc-1');
    expect(drafts(second)).toEqual({ 'inc-1': 'older, in B' });
    // Taken over for good: a reload of the first keeps it, and nobody else gets it again.
    const third = await openWindow();
    await third.ui.adoptDrafts('inc-1');
    expect(drafts(third)).toEqual({});
    expect(drafts(await reload(first))).toEqual({ 'inc-1': 'newer, in A' });
  });

  it("does not take over a closed window's draft for an incident it has a draft of its own for", async () => {
    const a = await openWindow();
    a.ui.setDraft('inc-1', 'closed with this');
    a.close();
    const b = await openWindow();
    b.ui.setDraft('inc-1', 'my own');
    await b.ui.adoptDrafts('inc-1');
    expect(drafts(b)).toEqual({ 'inc-1': 'my own' });
    const c = await openWindow();
    await c.ui.adoptDrafts('inc-1');
    expect(drafts(c)).toEqual({ 'inc-1': 'closed with this' });
  });

  it("gives a duplicated tab (its session storage copied) a window of its own that leaves the original's draft alone", async () => {
    const a = await openWindow();
    a.ui.setDraft('inc-1', 'from A');
    const copy = await openWindow(a.session);
    expect(copy.session).not.toEqual(a.session);
    expect(drafts(copy)).toEqual({});
    copy.ui.setDraft('inc-1', 'from the copy');

    expect(drafts(await reload(a))).toEqual({ 'inc-1': 'from A' });
    expect(drafts(await reload(copy))).toEqual({ 'inc-1': 'from the copy' });
  });

  it('writes nothing from a wall window, whatever its UI does', async () => {
    const a = await openWindow();
    const wall = await openWindow({}, '#/wall');
    a.ui.setDraft('inc-1', 'from A');
    a.ui.addPending('inc-1', 'being written');
    const before = JSON.stringify(localStorage);
    wall.ui.openWallDialog();
    wall.ui.closeWallDialog();
    wall.ui.openPalette();
    wall.ui.closePalette();
    await wall.ui.adoptDrafts('inc-1');
    expect(JSON.stringify(localStorage)).toBe(before);

    const a2 = await reload(a);
    expect(drafts(a2)).toEqual({ 'inc-1': 'from A' });
    expect(a2.ui.useUiStore.getState().pending['inc-1']?.map((p) => p.raw)).toEqual(['being written']);
  });

  it('hands the drafts an earlier version kept for all windows together to the first window that opens each incident', async () => {
    localStorage.setItem(
      'warroom.ui',
      JSON.stringify({ state: { drafts: { 'inc-1': 'kept by the earlier version' }, pending: { 'inc-1': [{ key: '1-1', raw: 'was being written' }] } }, version: 1 }),
    );
    const a = await openWindow();
    const b = await openWindow();
    await a.ui.adoptDrafts('inc-1');
    await b.ui.adoptDrafts('inc-1');
    expect(drafts(a)).toEqual({ 'inc-1': 'kept by the earlier version' });
    expect(a.ui.takePending('inc-1').map((p) => p.raw)).toEqual(['was being written']);
    expect(drafts(b)).toEqual({});
    expect(localStorage.getItem('warroom.ui')).toBeNull();
  });
});
