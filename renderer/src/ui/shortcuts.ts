/**
 * The console's chords, per platform. On macOS, Option with a letter or digit
 * types a character (Option+3 is "#" on many layouts), so views use Cmd+1…6
 * there; elsewhere Alt+1…6 (Ctrl+digit belongs to browser tabs). Shortcuts
 * with a letter use Ctrl/Cmd+Shift, which types nothing anywhere and stays
 * clear of Alt, which opens the desktop app's menus on Windows and Linux.
 * Single keys ("H", "?") are the commands' own; see the command registry.
 */
import { bindingAria, bindingLabel, isMac, matchesBinding, type Chord, type KeyBinding } from '../commands/keys';

export { isMac };

const DIGITS = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6'];

/** Switches to incident view `index` (0-based). */
export function viewChord(index: number): Chord {
  return isMac ? { code: DIGITS[index]!, mod: true } : { code: DIGITS[index]!, alt: true };
}

/** Ctrl/Cmd+Shift+E: record a tier decision (escalate or de-escalate). */
export const TIER_CHORD: Chord = { code: 'KeyE', mod: true, shift: true };
/** Ctrl/Cmd+Shift+D: show the incident on a wall (the Wall menu's shortcut, for consoles without the native menu). */
export const WALL_CHORD: Chord = { code: 'KeyD', mod: true, shift: true };
/** Alt+S (Option+S): to the status field. */
export const STATUS_CHORD: Chord = { code: 'KeyS', alt: true };
/** Ctrl/Cmd+K: the command palette. */
export const PALETTE_CHORD: Chord = { code: 'KeyK', mod: true };
/** Ctrl+Enter (Cmd+Enter): saves or sends the form being written in, where Enter makes a new line. */
export const SUBMIT_CHORD: Chord = { code: 'Enter', mod: true };

/** N: declare an incident; also shown on the incident list's button. */
export const DECLARE_KEY: KeyBinding = { key: 'n' };

/** Which incident view (0-based) a key press asks for, or -1. */
export function viewShortcutIndex(event: KeyboardEvent): number {
  return DIGITS.findIndex((_, i) => matchesBinding(viewChord(i), event));
}

export function isSubmitShortcut(event: KeyboardEvent): boolean {
  return matchesBinding(SUBMIT_CHORD, event) || matchesBinding({ ...SUBMIT_CHORD, code: 'NumpadEnter' }, event);
}

export const SUBMIT_SHORTCUT = { aria: bindingAria(SUBMIT_CHORD), label: bindingLabel(SUBMIT_CHORD) };

export function isTierShortcut(event: KeyboardEvent): boolean {
  return matchesBinding(TIER_CHORD, event);
}

/** For aria-keyshortcuts and the labels people read. */
export function viewShortcut(index: number): { aria: string; label: string } {
  const chord = viewChord(index);
  return { aria: bindingAria(chord), label: bindingLabel(chord) };
}

export const TIER_SHORTCUT = { aria: bindingAria(TIER_CHORD), label: bindingLabel(TIER_CHORD) };
