import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import type { DisplayInfo, ShellCommand } from '@shared/platform/bridge';

import { buildMenuTemplate, type MenuContext } from './menu';
import { shellStrings } from './strings';

const laptop: DisplayInfo = { id: 1, name: 'Built-in', width: 2880, height: 1800, primary: true, hostsConsole: true, hasWall: false };
const screen: DisplayInfo = { id: 7, name: 'LG 65UN', width: 3840, height: 2160, primary: false, hostsConsole: false, hasWall: true };

function build(patch: Partial<MenuContext> = {}) {
  const sent: ShellCommand[] = [];
  let closed = 0;
  const template = buildMenuTemplate({
    platform: 'linux',
    strings: shellStrings('en-GB'),
    displays: [laptop, screen],
    developer: false,
    send: (command) => sent.push(command),
    closeWalls: () => closed++,
    ...patch,
  });
  return { template, sent, closed: () => closed };
}

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

/** Finds an item by the words shown, access-key marks left out. */
const byLabel = (menu: MenuItemConstructorOptions[], pattern: RegExp) =>
  items(menu).find((item) => pattern.test((item.label ?? '').replace(/&(.)/g, '$1')));
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item!.click as unknown as () => void)();

describe('application menu', () => {
  it('has the usual menus in the usual order, with the app menu first only on macOS', () => {
    const names = (menu: MenuItemConstructorOptions[]) => menu.map((item) => item.role ?? item.label);
    expect(names(build().template)).toEqual(['&File', 'editMenu', '&View', 'W&all', 'windowMenu', 'help']);
    expect(names(build({ platform: 'darwin' }).template)).toEqual(['appMenu', '&File', 'editMenu', '&View', 'W&all', 'windowMenu', 'help']);
  });

  it('follows each OS: Quit in File elsewhere, in the app menu on macOS; settings under Cmd+, on macOS', () => {
    const roles = (menu: MenuItemConstructorOptions[]) => items(menu).map((item) => item.role).filter(Boolean);
    const linux = build().template;
    expect(roles([linux[0]!])).toContain('quit');
    const mac = build({ platform: 'darwin' }).template;
    expect(roles([mac[0]!])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(roles([mac[1]!])).toEqual(['close']);
    expect(byLabel(mac, /Who is at this console/)?.accelerator).toBe('Cmd+,');
    expect(byLabel(linux, /Who is at this console/)?.accelerator).toBeUndefined();
  });

  it('sends the console its commands', () => {
    const { template, sent } = build();
    for (const label of [/Declare/, /Import/, /Export/, /Show on a display/, /Who is at/]) click(byLabel(template, label));
    expect(sent).toEqual([
      { type: 'declareIncident' },
      { type: 'importIncident' },
      { type: 'exportIncident' },
      { type: 'chooseWallDisplay' },
      { type: 'editProfile' },
    ]);
  });

  it('lists the displays a wall can go on, marking the one that has a wall', () => {
    const { template, sent } = build();
    const target = byLabel(template, /LG 65UN/);
    expect(target).toMatchObject({ label: 'Show current incident on 2: LG 65UN (3840 × 2160)', type: 'checkbox', checked: true });
    expect(byLabel(template, /Built-in/)).toBeUndefined();
    click(target);
    expect(sent).toEqual([{ type: 'showWallOn', displayId: 7 }]);
  });

  it('says so when there is no other display, and only offers to close walls that exist', () => {
    const { template, closed } = build({ displays: [laptop] });
    expect(byLabel(template, /No other display/)?.enabled).toBe(false);
    expect(byLabel(template, /Close wall/)?.enabled).toBe(false);
    const withWall = build();
    expect(byLabel(withWall.template, /Close wall/)?.enabled).toBe(true);
    click(byLabel(withWall.template, /Close wall/));
    expect(withWall.closed()).toBe(1);
    expect(closed()).toBe(0);
  });

  it('gives no two items the same accelerator', () => {
    for (const platform of ['darwin', 'linux', 'win32']) {
      const accelerators = items(build({ platform }).template).map((item) => item.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('speaks Danish when the console does, sending the same commands', () => {
    const { template, sent } = build({ strings: shellStrings('da') });
    expect(template.map((item) => item.label)).toEqual(['&Filer', '&Rediger', '&Vis', 'Væg&skærm', 'V&indue', '&Hjælp']);
    expect(byLabel(template, /LG 65UN/)?.label).toBe('Vis den aktuelle hændelse på 2: LG 65UN (3840 × 2160)');
    expect(byLabel(template, /Luk vægskærmsvinduer/)?.enabled).toBe(true);
    expect(byLabel(template, /About|Show on|Declare/)).toBeUndefined();
    for (const label of [/Erklær/, /Importér/, /Eksportér/, /Vis på en skærm/, /Hvem sidder/]) click(byLabel(template, label));
    expect(sent).toEqual([
      { type: 'declareIncident' },
      { type: 'importIncident' },
      { type: 'exportIncident' },
      { type: 'chooseWallDisplay' },
      { type: 'editProfile' },
    ]);
  });

  it('offers developer tools only in development builds', () => {
    expect(items(build().template).some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(items(build({ developer: true }).template).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});

describe('shell strings', () => {
  it('fills values and falls back to English for languages it does not have', () => {
    expect(shellStrings('fr-FR')('menu.wallOn', { display: 'X' })).toBe('Show current incident on X');
    expect(shellStrings('en')('menu.wallOn')).toBe('Show current incident on {display}');
  });
});
