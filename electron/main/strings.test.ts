import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import { SHELL_LANGUAGES, type DisplayInfo } from '@shared/platform/bridge';

import { buildMenuTemplate } from './menu';
import { SHELL_CATALOGUES, shellStrings, type ShellStringKey } from './strings';

const english = SHELL_CATALOGUES.en;
const keys = Object.keys(english).sort() as ShellStringKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** The letter `&` marks ("&&" is a literal ampersand), as Windows and Linux match it: ignoring case. */
function accessKey(label: string): string | undefined {
  return label.replace(/&&/g, '').match(/&(.)/u)?.[1]?.toLocaleLowerCase();
}

const laptop: DisplayInfo = { id: 1, name: 'Built-in', width: 2880, height: 1800, primary: true, hostsConsole: true, hasWall: false };
const screens: DisplayInfo[] = [
  laptop,
  { id: 7, name: 'LG 65UN', width: 3840, height: 2160, primary: false, hostsConsole: false, hasWall: true },
  { id: 9, name: '', width: 1920, height: 1080, primary: false, hostsConsole: false, hasWall: false },
];

/** Every menu the builder makes, the menu bar included: each one's items share one set of access keys. */
function menusOf(template: MenuItemConstructorOptions[], name = 'menu bar'): { name: string; labels: string[] }[] {
  const labels = template.flatMap((item) => (item.label ? [item.label] : []));
  const submenus = template.flatMap((item) => (Array.isArray(item.submenu) ? menusOf(item.submenu, item.label ?? String(item.role)) : []));
  return [{ name, labels }, ...submenus];
}

describe('shell catalogues', () => {
  it.each(SHELL_LANGUAGES)('%s has every key, each translated and none extra', (language) => {
    const catalogue = SHELL_CATALOGUES[language];
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    for (const key of keys) {
      expect(catalogue[key].trim(), key).not.toBe('');
      if (language !== 'en') expect(catalogue[key], `${key} is still English`).not.toBe(english[key]);
    }
  });

  it.each(SHELL_LANGUAGES)('%s fills the same {placeholders} as English', (language) => {
    for (const key of keys) expect(placeholders(SHELL_CATALOGUES[language][key]), key).toEqual(placeholders(english[key]));
  });

  it('names the wall menu as the console tells operators to find it', () => {
    expect(shellStrings('en')('menu.wall').replace('&', '')).toBe('Wall');
    // The console's Danish says a wall is closed "fra menuen Vægskærm".
    expect(shellStrings('da')('menu.wall').replace('&', '')).toBe('Vægskærm');
  });

  it('picks a catalogue by language, region or not, and falls back to English', () => {
    expect(shellStrings('da-DK')('menu.wallOn', { display: '2: LG' })).toBe('Vis den aktuelle hændelse på 2: LG');
    expect(shellStrings('DA')('menu.file')).toBe('&Filer');
    expect(shellStrings('en-GB')('menu.file')).toBe('&File');
    expect(shellStrings('nb-NO')('menu.file')).toBe('&File');
    expect(shellStrings('constructor')('menu.file')).toBe('&File');
    expect(shellStrings('da')('hub.failed')).toBe('Rummets hub kunne ikke starte: {reason}');
  });
});

describe('access keys', () => {
  describe.each(SHELL_LANGUAGES)('in %s', (language) => {
    // macOS shows no access keys; Windows and Linux both do.
    it.each(['win32', 'linux'])('are unique within each menu on %s', (platform) => {
      const template = buildMenuTemplate({
        platform,
        strings: shellStrings(language),
        displays: screens,
        developer: true,
        send: () => undefined,
        closeWalls: () => undefined,
      });
      const menus = menusOf(template);
      expect(menus.map((menu) => menu.name)).toEqual(expect.arrayContaining([shellStrings(language)('menu.file'), shellStrings(language)('menu.wall')]));
      for (const menu of menus) {
        const letters = menu.labels.map(accessKey).filter((letter) => letter !== undefined);
        expect(new Set(letters).size, `${menu.name}: ${menu.labels.join(' | ')}`).toBe(letters.length);
      }
    });

    it('marks one on every menu in the bar and every command in File', () => {
      const s = shellStrings(language);
      const bar: ShellStringKey[] = ['menu.file', 'menu.edit', 'menu.view', 'menu.wall', 'menu.window', 'menu.help'];
      const file: ShellStringKey[] = ['menu.declare', 'menu.import', 'menu.export', 'menu.profile'];
      for (const key of [...bar, ...file]) expect(accessKey(s(key)), `${key}: ${s(key)}`).toMatch(/^\p{L}$/u);
    });
  });
});
