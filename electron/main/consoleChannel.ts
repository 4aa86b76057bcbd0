/**
 * Commands from the shell to the console window. The console may not be
 * listening yet (still loading, or reloading): commands wait until it says it
 * is, so a file opened by double-click before the page is up is not lost.
 */
import type { ShellCommand } from '@shared/platform/bridge';

export type ConsoleChannel = {
  post(command: ShellCommand): void;
  /** The console subscribed: deliver what waited. */
  ready(): void;
  /** The console is loading a new page: hold commands until it subscribes again. */
  reset(): void;
};

const MAX_WAITING = 20;

export function createConsoleChannel(deliver: (command: ShellCommand) => boolean): ConsoleChannel {
  let listening = false;
  let waiting: ShellCommand[] = [];
  return {
    post(command) {
      if (listening && deliver(command)) return;
      waiting = [...waiting, command].slice(-MAX_WAITING);
    },
    ready() {
      listening = true;
      const queued = waiting;
      waiting = [];
      for (const command of queued) if (!deliver(command)) waiting.push(command);
    },
    reset() {
      listening = false;
    },
  };
}

