/**
 * Key bindings: what a shortcut is, whether a key press matches it, whether it
 * may act where the key was pressed, and how it is written for people and for
 * aria-keyshortcuts on this platform.
 */
import { isDialogOpen, isTypingTarget } from '../ui/keyboard';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export type KeyBinding =
  /** A printable key on its own ("h", "?", "1"): acts only outside text fields, so a scribe's typing is never taken. */
  | { key: string }
  /**
   * A key with modifiers, by physical key (`code`), so keyboard layouts and macOS Option characters do not matter.
   * `mod` is Cmd on macOS and Ctrl elsewhere.
   */
  | { code: string; mod?: true; alt?: true; shift?: true };

export type Chord = Extract<KeyBinding, { code: string }>;

export function isChord(binding: KeyBinding): binding is Chord {
  return 'code' in binding;
}

export function matchesBinding(binding: KeyBinding, event: KeyboardEvent): boolean {
  if (!isChord(binding)) {
    // Shift is allowed: "?" needs it on most layouts, and "H" is still h.
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    return event.key === binding.key || event.key.toLowerCase() === binding.key;
  }
  const mod = binding.mod === true;
  return (
    event.code === binding.code &&
    event.ctrlKey === (mod && !isMac) &&
    event.metaKey === (mod && isMac) &&
    event.altKey === (binding.alt === true) &&
    event.shiftKey === (binding.shift === true)
  );
}

/** Single keys act only outside text fields and dialogs; chords act anywhere but in a dialog, which keeps its keys. */
export function bindingMayAct(binding: KeyBinding, event: KeyboardEvent): boolean {
  if (isDialogOpen()) return false;
  if (isChord(binding)) return true;
  return !event.repeat && !isTypingTarget(event.target);
}

function keyName(binding: KeyBinding): string {
  if (!isChord(binding)) return binding.key.toUpperCase();
  return binding.code.replace(/^(Key|Digit)/, '');
}

/** As people read it: "H", "Alt+1", "Ctrl+Shift+E"; on macOS "⌘1", "⇧⌘E". */
export function bindingLabel(binding: KeyBinding): string {
  const key = keyName(binding);
  if (!isChord(binding)) return key;
  if (isMac) return `${binding.alt ? '⌥' : ''}${binding.shift ? '⇧' : ''}${binding.mod ? '⌘' : ''}${key}`;
  return [binding.mod && 'Ctrl', binding.alt && 'Alt', binding.shift && 'Shift', key].filter(Boolean).join('+');
}

/** As aria-keyshortcuts wants it: "H", "Alt+1", "Control+Shift+E", "Meta+Shift+E". */
export function bindingAria(binding: KeyBinding): string {
  const key = keyName(binding);
  if (!isChord(binding)) return key;
  return [binding.mod && (isMac ? 'Meta' : 'Control'), binding.alt && 'Alt', binding.shift && 'Shift', key].filter(Boolean).join('+');
}

/** Several bindings for one command, space-separated as aria-keyshortcuts lists alternatives. */
export function bindingsAria(bindings: readonly KeyBinding[]): string {
  return bindings.map(bindingAria).join(' ');
}
