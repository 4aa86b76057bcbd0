/**
 * Which console window this is. The id lives in session storage, which a tab
 * keeps across reloads and shares with no other open tab, and the window holds
 * a Web Lock named after it for as long as its page lives. A window whose lock
 * nobody holds has closed; what it left behind may be taken over.
 */
const SESSION_KEY = 'warroom.windowId';

export function windowLockName(windowId: string): string {
  return `warroom.window.${windowId}`;
}

/** The id this tab had before (a reload), or a new one. */
export function sessionWindowId(session: Storage): string {
  return session.getItem(SESSION_KEY) ?? newWindowId(session);
}

export function newWindowId(session: Storage): string {
  const id = crypto.randomUUID();
  session.setItem(SESSION_KEY, id);
  return id;
}

/**
 * Holds the window's lock until its page goes. False when another open window
 * holds it: a tab duplicated from it, or opened by it, copies its session
 * storage and with it the id.
 */
export function claimWindow(locks: LockManager, windowId: string): Promise<boolean> {
  return new Promise((resolve) => {
    locks
      .request(windowLockName(windowId), { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? new Promise<never>(() => {}) : undefined;
      })
      // No lock to be had at all (a browser that refuses them here): keep the id; nothing is taken over then either.
      .catch(() => resolve(true));
  });
}
