import { afterEach, describe, expect, it, vi } from 'vitest';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

async function load(platform: string) {
  vi.resetModules();
  vi.spyOn(navigator, 'platform', 'get').mockReturnValue(platform);
  return import('./keys');
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('key bindings', () => {
  it('a single key matches with or without Shift, never with another modifier', async () => {
    const k = await load('Linux x86_64');
    expect(k.matchesBinding({ key: 'h' }, key({ key: 'h' }))).toBe(true);
    expect(k.matchesBinding({ key: 'h' }, key({ key: 'H', shiftKey: true }))).toBe(true);
    expect(k.matchesBinding({ key: 'h' }, key({ key: 'h', ctrlKey: true }))).toBe(false);
    expect(k.matchesBinding({ key: 'h' }, key({ key: 'h', altKey: true }))).toBe(false);
    expect(k.matchesBinding({ key: '?' }, key({ key: '?', shiftKey: true }))).toBe(true);
  });

  it('a chord matches its exact modifiers by physical key: Ctrl elsewhere, Cmd on macOS', async () => {
    const linux = await load('Linux x86_64');
    const palette = { code: 'KeyK', mod: true } as const;
    expect(linux.matchesBinding(palette, key({ code: 'KeyK', key: 'k', ctrlKey: true }))).toBe(true);
    expect(linux.matchesBinding(palette, key({ code: 'KeyK', key: 'k', metaKey: true }))).toBe(false);
    expect(linux.matchesBinding(palette, key({ code: 'KeyK', key: 'K', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(linux.bindingLabel(palette)).toBe('Ctrl+K');
    expect(linux.bindingAria({ code: 'KeyE', mod: true, shift: true })).toBe('Control+Shift+E');
    expect(linux.bindingsAria([{ key: 'e' }, { code: 'KeyE', mod: true, shift: true }])).toBe('E Control+Shift+E');

    const mac = await load('MacIntel');
    expect(mac.matchesBinding(palette, key({ code: 'KeyK', key: 'k', metaKey: true }))).toBe(true);
    expect(mac.matchesBinding(palette, key({ code: 'KeyK', key: 'k', ctrlKey: true }))).toBe(false);
    // Option+S types "ß" on a Mac: the physical key still matches.
    expect(mac.matchesBinding({ code: 'KeyS', alt: true }, key({ code: 'KeyS', key: 'ß', altKey: true }))).toBe(true);
    expect(mac.bindingLabel(palette)).toBe('⌘K');
    expect(mac.bindingLabel({ code: 'KeyS', alt: true })).toBe('⌥S');
    expect(mac.bindingAria(palette)).toBe('Meta+K');
  });

  it('single keys act only outside text fields and dialogs; chords act in text fields but not under a dialog', async () => {
    const k = await load('Linux x86_64');
    const field = document.createElement('textarea');
    const button = document.createElement('button');
    document.body.append(field, button);
    const single = { key: 'h' };
    const chord = { code: 'KeyK', mod: true } as const;
    const on = (target: HTMLElement, init: KeyboardEventInit) => {
      const event = key(init);
      Object.defineProperty(event, 'target', { value: target });
      return event;
    };
    expect(k.bindingMayAct(single, on(button, { key: 'h' }))).toBe(true);
    expect(k.bindingMayAct(single, on(field, { key: 'h' }))).toBe(false);
    expect(k.bindingMayAct(single, on(button, { key: 'h', repeat: true }))).toBe(false);
    expect(k.bindingMayAct(chord, on(field, { code: 'KeyK', ctrlKey: true }))).toBe(true);

    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    document.body.append(dialog);
    expect(k.bindingMayAct(single, on(button, { key: 'h' }))).toBe(false);
    expect(k.bindingMayAct(chord, on(field, { code: 'KeyK', ctrlKey: true }))).toBe(false);
  });
});
