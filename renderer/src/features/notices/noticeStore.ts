/**
 * Notices: what the console tells the operator outside the flow of a page.
 * Every notice shows in the page; an alert also goes to the desktop, so it is
 * seen when the console is behind another window. Alerts stay until dismissed.
 */
import { create } from 'zustand';

import type { WarroomBridge } from '@shared/platform/bridge';

export type NoticeTone = 'success' | 'info' | 'error' | 'alert';

export type Notice = {
  id: number;
  tone: NoticeTone;
  title: string;
  detail?: string;
  /** Where "Open" takes the operator. */
  route?: string;
  /** Shown by the operating system as well. */
  onDesktop?: boolean;
  /** A notice with the same key replaces this one where it stands, instead of stacking beside it. */
  key?: string;
};

/** More than this and the oldest quiet notices give way. */
const MAX_NOTICES = 5;

type NoticeState = { notices: Notice[] };

export const useNoticeStore = create<NoticeState>()(() => ({ notices: [] }));

let nextId = 0;

export function dismissNotice(id: number): void {
  useNoticeStore.setState((s) => ({ notices: s.notices.filter((notice) => notice.id !== id) }));
}

export function clearNotices(): void {
  useNoticeStore.setState({ notices: [] });
}

/** Shows a notice in the page; an alert also asks the desktop to show it. */
export async function notify(platform: WarroomBridge, notice: Omit<Notice, 'id' | 'onDesktop'>): Promise<Notice> {
  const id = ++nextId;
  let shown: Notice = { ...notice, id };
  useNoticeStore.setState((s) => {
    const same = notice.key === undefined ? -1 : s.notices.findIndex((n) => n.key === notice.key);
    const notices = same === -1 ? [...s.notices, shown] : s.notices.map((n, i) => (i === same ? shown : n));
    // Alerts are never pushed out by quieter notices.
    while (notices.length > MAX_NOTICES) {
      const quiet = notices.findIndex((n) => n.tone !== 'alert');
      notices.splice(quiet === -1 ? 0 : quiet, 1);
    }
    return { notices };
  });
  if (notice.tone === 'alert') {
    const desktopNotice = { title: notice.title, body: notice.detail ?? '', ...(notice.route ? { route: notice.route } : {}) };
    const onDesktop = await platform.notify(desktopNotice).catch(() => false);
    shown = { ...shown, onDesktop };
    useNoticeStore.setState((s) => ({ notices: s.notices.map((n) => (n.id === id ? shown : n)) }));
  }
  return shown;
}
