/**
 * The console's commands, in one list: the palette, the single-key shortcuts
 * and the shortcut help all read it, so they cannot drift apart. Each part of
 * the screen contributes the commands that belong to it while it is mounted.
 */
import { useEffect, useId } from 'react';
import { create } from 'zustand';

import type { MessageKey } from '../i18n/en';
import { t, translate, type MessageValues } from '../i18n/i18n';
import type { Locale } from '../i18n/locale';
import { bindingMayAct, matchesBinding, type KeyBinding } from './keys';

/** Groups, in the order the palette and the help show them. */
export const COMMAND_GROUPS = ['incident', 'views', 'status', 'hypotheses', 'people', 'assignRole', 'comms', 'incidents', 'console'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export type CommandLabel = {
  key: MessageKey;
  values?: MessageValues;
  /** Said in this language whatever the screen's (a language's own name must stay readable to its speakers). */
  locale?: Locale;
};

export type Command = {
  /** Unique among the commands on screen. */
  id: string;
  label: CommandLabel;
  group: CommandGroup;
  /** The first is the one shown where there is room for one. */
  keys?: readonly KeyBinding[];
  /** Absent: always available while registered. */
  when?: () => boolean;
  /** False: reached by its keys only (the palette does not offer to open itself). */
  listed?: false;
  /** May return a promise: its failure is reported like a thrown error. */
  run: () => unknown;
};

type Registry = {
  contributions: Record<string, readonly Command[]>;
  /** A command asked for before the part of the screen that owns it was mounted (see `requestCommand`). */
  requested: string | null;
};

export const useCommandRegistry = create<Registry>()(() => ({ contributions: {}, requested: null }));

/**
 * Runs the command `id` as soon as a part of the screen that owns it can: at
 * once if one is mounted, else when one registers it (a view the caller has
 * just switched to). The way one part of the console asks another for
 * something, instead of reaching into its elements.
 */
export function requestCommand(id: string): void {
  useCommandRegistry.setState({ requested: null });
  if (!runIfOnScreen(id)) useCommandRegistry.setState({ requested: id });
}

/** Runs the command `id` if a part of the screen that owns it is mounted and it can run now; false otherwise. */
export function runIfOnScreen(id: string): boolean {
  const command = availableCommands().find((c) => c.id === id);
  if (command) runCommand(command);
  return command !== undefined;
}

/** The command asked for is now on screen: run it, once. */
function runRequested(commands: readonly Command[]): void {
  const { requested } = useCommandRegistry.getState();
  const command = requested === null ? undefined : commands.find((c) => c.id === requested && (c.when?.() ?? true));
  if (!command) return;
  useCommandRegistry.setState({ requested: null });
  runCommand(command);
}

/** Registers `commands` while the calling component is mounted. Pass a memoised list: a new list re-registers. */
export function useCommands(commands: readonly Command[]): void {
  const owner = useId();
  useEffect(() => {
    useCommandRegistry.setState((s) => ({ contributions: { ...s.contributions, [owner]: commands } }));
    runRequested(commands);
  }, [owner, commands]);
  useEffect(
    () => () =>
      useCommandRegistry.setState((s) => {
        const contributions = { ...s.contributions };
        delete contributions[owner];
        return { contributions };
      }),
    [owner],
  );
}

export function commandLabel(command: Command): string {
  const { key, values, locale } = command.label;
  return locale ? translate(locale, key, values) : t(key, values);
}

export function groupLabel(group: CommandGroup): string {
  return t(`palette.group.${group}`);
}

/** Every command that can run now, by group, then in the order they were contributed. */
export function availableCommands(contributions: Registry['contributions'] = useCommandRegistry.getState().contributions): Command[] {
  const all = Object.values(contributions).flat();
  const available = all.filter((command) => command.when?.() ?? true);
  return available
    .map((command, index) => ({ command, index }))
    .sort((a, b) => COMMAND_GROUPS.indexOf(a.command.group) - COMMAND_GROUPS.indexOf(b.command.group) || a.index - b.index)
    .map(({ command }) => command);
}

/** The command a key press runs here and now, if any. */
export function commandForKey(event: KeyboardEvent): Command | undefined {
  return availableCommands().find((command) =>
    command.keys?.some((binding) => matchesBinding(binding, event) && bindingMayAct(binding, event)),
  );
}

/** Runs at once (a command that moves focus must do so within the key press), reporting failures rather than throwing them. */
export function runCommand(command: Command): void {
  const failed = (error: unknown) => console.error(`Command ${command.id} failed`, error);
  try {
    const result = command.run();
    if (result instanceof Promise) result.catch(failed);
  } catch (error) {
    failed(error);
  }
}
