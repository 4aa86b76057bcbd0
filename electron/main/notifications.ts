/** Desktop notifications. Electron's Notification is injected so this runs on Node. */
import type { DesktopNotice } from '@shared/platform/bridge';

export interface NativeNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export type DesktopNotifier = { show(notice: DesktopNotice): boolean };

/** More than this many unanswered notices and the oldest are let go: the console's own list still holds them. */
const MAX_HELD = 50;

export function createDesktopNotifier(deps: {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NativeNotification;
  /** The person clicked a notice: bring the console forward, at the notice's route if it has one. */
  onClick(route: string | undefined): void;
}): DesktopNotifier {
  // Held until answered: a notification that is garbage-collected loses its click handler.
  const held = new Set<NativeNotification>();
  return {
    show(notice) {
      if (!deps.isSupported()) return false;
      const notification = deps.create({ title: notice.title, body: notice.body, silent: false });
      held.add(notification);
      if (held.size > MAX_HELD) held.delete(held.values().next().value!);
      notification.on('click', () => {
        held.delete(notification);
        deps.onClick(notice.route);
      });
      notification.on('close', () => held.delete(notification));
      notification.show();
      return true;
    },
  };
}
