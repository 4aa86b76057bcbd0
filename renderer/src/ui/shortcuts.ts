/**
 * The incident page's shortcuts, per platform. On macOS, Option with a letter
 * or digit types a character (Option+3 is "#" on many layouts), so views use
 * Cmd+1…4 there; elsewhere Alt+1…4 (Ctrl+digit belongs to browser tabs).
 * Shortcuts with a letter use Ctrl/Cmd+Shift, which types nothing anywhere
 * and stays clear of Alt, which opens the desktop app's menus on Windows and Linux.
 */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const DIGITS = ['Digit1', 'Digit2', 'Digit3', 'Digit4'];

/** Which incident view (0-based) a key press asks for, or -1. */
export function viewShortcutIndex(event: KeyboardEvent): number {
  const modifier = isMac ? event.metaKey && !event.altKey && !event.ctrlKey : event.altKey && !event.ctrlKey && !event.metaKey;
  return modifier && !event.shiftKey ? DIGITS.indexOf(event.code) : -1;
}

/** Ctrl/Cmd+Shift+E: record a tier decision (escalate or de-escalate). */
export function isTierShortcut(event: KeyboardEvent): boolean {
  return (isMac ? event.metaKey : event.ctrlKey) && event.shiftKey && !event.altKey && event.code === 'KeyE';
}

/** For aria-keyshortcuts and the labels people read. */
export function viewShortcut(index: number): { aria: string; label: string } {
  return isMac ? { aria: `Meta+${index + 1}`, label: `⌘${index + 1}` } : { aria: `Alt+${index + 1}`, label: `Alt+${index + 1}` };
}

export const TIER_SHORTCUT = isMac ? { aria: 'Meta+Shift+E', label: '⇧⌘E' } : { aria: 'Control+Shift+E', label: 'Ctrl+Shift+E' };
