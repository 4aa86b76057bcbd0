/**
 * What the shell itself says: menus, dialog titles. The console's catalogue
 * lives in the renderer; these are the words the operating system shows
 * around it. `&` marks the access key on Windows and Linux.
 */
const en = {
  'menu.file': '&File',
  'menu.declare': '&Declare incident…',
  'menu.import': '&Import incident…',
  'menu.export': '&Export incident…',
  'menu.profile': 'Who is at this console…',
  'menu.edit': '&Edit',
  'menu.view': '&View',
  'menu.wall': 'W&all',
  'menu.wallChoose': 'Show on a display…',
  'menu.wallOn': 'Show current incident on {display}',
  'menu.wallNoDisplays': 'No other display attached',
  'menu.wallCloseAll': 'Close wall windows',
  'menu.window': '&Window',
  'menu.help': '&Help',
  'menu.about': 'About Warroom',
  'display.unnamed': 'Display',
  'dialog.exportTitle': 'Export incident',
  'dialog.importTitle': 'Import incident',
  'dialog.filterName': 'Warroom incident',
  'dialog.statusPageTitle': 'Save status page',
  'dialog.statusPageFilterName': 'Web page',
  'dialog.bundleSaveTitle': 'Save sync bundle',
  'dialog.bundleOpenTitle': 'Import sync bundle',
  'dialog.bundleFilterName': 'Warroom sync bundle',
  /** The room's space, when the computer has no name to give it. */
  'hub.defaultSpaceName': 'Room',
  'hub.failed': 'The room hub could not start: {reason}',
  'hub.portInUse': 'port {port} is in use by another program.',
  'hub.portDenied': 'this computer does not allow programs to listen on port {port}.',
  'hub.addressUnavailable': '{host} is not an address of this computer.',
  'hub.databaseFailed': 'its data file {file} could not be opened ({message}).',
  'wall.title': 'Warroom wall',
} as const;

export type ShellStringKey = keyof typeof en;
export type ShellStrings = (key: ShellStringKey, values?: Record<string, string>) => string;

const catalogues: Record<string, Partial<Record<ShellStringKey, string>>> = { en };

/** The shell's words for a locale ("da-DK" falls back to "da", then English). */
export function shellStrings(locale: string): ShellStrings {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const catalogue = catalogues[locale.toLowerCase()] ?? catalogues[language] ?? en;
  return (key, values = {}) =>
    (catalogue[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
