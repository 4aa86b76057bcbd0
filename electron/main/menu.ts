/**
 * The application menu as a template: the usual roles, so each OS keeps its
 * own habits (Cmd+Q and the app menu on macOS, Alt access keys and Ctrl on
 * Windows and Linux), plus the console's commands, which are sent to it.
 */
import type { MenuItemConstructorOptions } from 'electron';

import type { DisplayInfo, ShellCommand } from '@shared/platform/bridge';

import { displayLabel } from './displays';
import type { ShellStrings } from './strings';

export type MenuContext = {
  platform: string;
  strings: ShellStrings;
  displays: readonly DisplayInfo[];
  /** Developer tools only in unpackaged builds. */
  developer: boolean;
  send(command: ShellCommand): void;
  closeWalls(): void;
};

export const ACCELERATORS = {
  declare: 'CmdOrCtrl+N',
  import: 'CmdOrCtrl+O',
  export: 'CmdOrCtrl+E',
  chooseWall: 'CmdOrCtrl+Shift+D',
  closeWalls: 'CmdOrCtrl+Shift+Alt+D',
  profileMac: 'Cmd+,',
} as const;

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { strings: s, send } = context;
  const mac = context.platform === 'darwin';
  const anyWall = context.displays.some((display) => display.hasWall);
  const wallTargets = context.displays.filter((display) => !display.hostsConsole);

  const file: MenuItemConstructorOptions = {
    label: s('menu.file'),
    submenu: [
      { label: s('menu.declare'), accelerator: ACCELERATORS.declare, click: () => send({ type: 'declareIncident' }) },
      { label: s('menu.import'), accelerator: ACCELERATORS.import, click: () => send({ type: 'importIncident' }) },
      { label: s('menu.export'), accelerator: ACCELERATORS.export, click: () => send({ type: 'exportIncident' }) },
      { type: 'separator' },
      // On macOS the app menu holds settings-like items; elsewhere they live in File.
      ...(mac ? [] : [{ label: s('menu.profile'), click: () => send({ type: 'editProfile' }) }, { type: 'separator' as const }]),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: s('menu.view'),
    submenu: [
      { role: 'reload' },
      ...(context.developer ? [{ role: 'toggleDevTools' as const }] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const wall: MenuItemConstructorOptions = {
    label: s('menu.wall'),
    submenu: [
      { label: s('menu.wallChoose'), accelerator: ACCELERATORS.chooseWall, click: () => send({ type: 'chooseWallDisplay' }) },
      { type: 'separator' },
      ...(wallTargets.length
        ? wallTargets.map((display): MenuItemConstructorOptions => ({
            label: s('menu.wallOn', { display: displayLabel(display, context.displays.indexOf(display), { unnamed: s('display.unnamed') }) }),
            type: 'checkbox',
            checked: display.hasWall,
            click: () => send({ type: 'showWallOn', displayId: display.id }),
          }))
        : [{ label: s('menu.wallNoDisplays'), enabled: false }]),
      { type: 'separator' },
      { label: s('menu.wallCloseAll'), accelerator: ACCELERATORS.closeWalls, enabled: anyWall, click: () => context.closeWalls() },
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { label: s('menu.profile'), accelerator: ACCELERATORS.profileMac, click: () => send({ type: 'editProfile' }) },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: s('menu.help'),
    submenu: mac ? [] : [{ role: 'about', label: s('menu.about') }],
  };

  return [...appMenu, file, { role: 'editMenu', label: s('menu.edit') }, view, wall, { role: 'windowMenu', label: s('menu.window') }, help];
}
