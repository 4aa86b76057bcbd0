import { useEffect, useRef } from 'react';

import { runCommand, type Command } from '../../commands/registry';
import { useShortcutKeys } from '../../commands/useShortcutKeys';
import { closePalette, useUiStore } from '../../state/uiStore';
import { CommandPalette } from './CommandPalette';
import { ShortcutHelp } from './ShortcutHelp';
import { useConsoleCommands } from './useConsoleCommands';

/** The console's keyboard: its own commands, the keys that run every command, the palette and the shortcut help. */
export function KeyboardLayer() {
  useConsoleCommands();
  useShortcutKeys();
  const palette = useUiStore((s) => s.palette);
  const helpOpen = useUiStore((s) => s.shortcutHelpOpen);
  const chosen = useRef<Command | null>(null);

  // A chosen command runs once the palette is gone and has handed focus back, so what it opens or focuses keeps focus.
  useEffect(() => {
    const command = chosen.current;
    if (palette || !command) return;
    chosen.current = null;
    runCommand(command);
  }, [palette]);

  return (
    <>
      {palette && (
        <CommandPalette
          scope={palette.scope}
          onChoose={(command) => {
            chosen.current = command;
            closePalette();
          }}
        />
      )}
      {helpOpen && <ShortcutHelp />}
    </>
  );
}
