import { afterEach, describe, expect, it, vi } from 'vitest';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

async function load(platform: string) {
  vi.resetModules();
  vi.spyOn(navigator, 'platform', 'get').mockReturnValue(platform);
  return import('./shortcuts');
}

afterEach(() => vi.restoreAllMocks());

describe('incident shortcuts', () => {
  it('on Windows and Linux: Alt+1…6 switch views; Ctrl+Shift+E records a tier decision', async () => {
    const s = await load('Linux x86_64');
    expect(s.viewShortcutIndex(key({ code: 'Digit2', altKey: true }))).toBe(1);
    expect(s.viewShortcutIndex(key({ code: 'Digit2', ctrlKey: true }))).toBe(-1); // the browser's tab 2
    expect(s.viewShortcutIndex(key({ code: 'Digit4', altKey: true }))).toBe(3);
    expect(s.viewShortcutIndex(key({ code: 'Digit5', altKey: true }))).toBe(4);
    expect(s.viewShortcutIndex(key({ code: 'Digit6', altKey: true }))).toBe(5);
    expect(s.viewShortcutIndex(key({ code: 'Digit7', altKey: true }))).toBe(-1);
    expect(s.isTierShortcut(key({ code: 'KeyE', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(s.isTierShortcut(key({ code: 'KeyE', ctrlKey: true }))).toBe(false); // export
    expect(s.isTierShortcut(key({ code: 'KeyE', altKey: true }))).toBe(false); // the Edit menu
    expect(s.viewShortcut(0)).toEqual({ aria: 'Alt+1', label: 'Alt+1' });
  });

  it('on macOS: Option+digit types a character, so views are Cmd+1…6', async () => {
    const s = await load('MacIntel');
    expect(s.viewShortcutIndex(key({ code: 'Digit3', altKey: true }))).toBe(-1);
    expect(s.viewShortcutIndex(key({ code: 'Digit3', metaKey: true }))).toBe(2);
    expect(s.isTierShortcut(key({ code: 'KeyE', metaKey: true, shiftKey: true }))).toBe(true);
    expect(s.TIER_SHORTCUT.aria).toBe('Meta+Shift+E');
  });
});
