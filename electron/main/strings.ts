/**
 * What the shell itself says: menus, dialog titles. The console's catalogue
 * lives in the renderer; these are the words the operating system shows
 * around it, in the language the console speaks. `&` marks the access key on
 * Windows and Linux: unique within each menu (see strings.test.ts).
 */
import type { ShellLanguage } from '@shared/platform/bridge';

const en = {
  'menu.file': '&File',
  'menu.declare': '&Declare incident…',
  'menu.import': '&Import incident…',
  'menu.export': '&Export incident…',
  'menu.profile': '&Who is at this console…',
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
  'dialog.scenarioTitle': 'Save drill scenario',
  'dialog.scenarioFilterName': 'Drill scenario (JSON)',
  'dialog.bundleSaveTitle': 'Save sync bundle',
  'dialog.bundleOpenTitle': 'Import sync bundle',
  'dialog.bundleFilterName': 'Warroom sync bundle',
  'dialog.postmortemTitle': 'Save post-mortem',
  'dialog.postmortemPdfTitle': 'Save post-mortem as PDF',
  'dialog.markdownFilterName': 'Markdown document',
  'dialog.htmlFilterName': 'Web page',
  'dialog.csvFilterName': 'CSV spreadsheet',
  'dialog.pdfFilterName': 'PDF document',
  /** The room's space, when the computer has no name to give it. */
  'hub.defaultSpaceName': 'Room',
  'hub.failed': 'The room hub could not start: {reason}',
  'hub.portInUse': 'port {port} is in use by another program.',
  'hub.portDenied': 'this computer does not allow programs to listen on port {port}.',
  'hub.addressUnavailable': '{host} is not an address of this computer.',
  'hub.databaseFailed': 'its data file {file} could not be opened ({message}).',
  'hub.certificateFailed': 'its TLS certificate could not be made or read ({message}).',
  'wall.title': 'Warroom wall',
} as const;

export type ShellStringKey = keyof typeof en;
export type ShellStrings = (key: ShellStringKey, values?: Record<string, string>) => string;

/** The console's Danish words: the wall is a "vægskærm", an incident a "hændelse". */
const da = {
  'menu.file': '&Filer',
  'menu.declare': '&Erklær hændelse…',
  'menu.import': '&Importér hændelse…',
  'menu.export': 'E&ksportér hændelse…',
  'menu.profile': '&Hvem sidder ved denne konsol…',
  'menu.edit': '&Rediger',
  'menu.view': '&Vis',
  // Named as the console's help text names it ("fra menuen Vægskærm"); V is taken by Vis.
  'menu.wall': 'Væg&skærm',
  'menu.wallChoose': 'Vis på en skærm…',
  'menu.wallOn': 'Vis den aktuelle hændelse på {display}',
  'menu.wallNoDisplays': 'Ingen anden skærm tilsluttet',
  'menu.wallCloseAll': 'Luk vægskærmsvinduer',
  'menu.window': 'V&indue',
  'menu.help': '&Hjælp',
  'menu.about': 'Om Warroom',
  'display.unnamed': 'Skærm',
  'dialog.exportTitle': 'Eksportér hændelse',
  'dialog.importTitle': 'Importér hændelse',
  'dialog.filterName': 'Warroom-hændelse',
  'dialog.statusPageTitle': 'Gem statusside',
  'dialog.statusPageFilterName': 'Webside',
  'dialog.scenarioTitle': 'Gem øvelsesscenarie',
  'dialog.scenarioFilterName': 'Øvelsesscenarie (JSON)',
  'dialog.bundleSaveTitle': 'Gem synkroniseringspakke',
  'dialog.bundleOpenTitle': 'Importér synkroniseringspakke',
  'dialog.bundleFilterName': 'Warroom-synkroniseringspakke',
  'dialog.postmortemTitle': 'Gem evaluering',
  'dialog.postmortemPdfTitle': 'Gem evaluering som PDF',
  'dialog.markdownFilterName': 'Markdown-dokument',
  'dialog.htmlFilterName': 'Webside',
  'dialog.csvFilterName': 'CSV-regneark',
  'dialog.pdfFilterName': 'PDF-dokument',
  'hub.defaultSpaceName': 'Rum',
  'hub.failed': 'Rummets hub kunne ikke starte: {reason}',
  'hub.portInUse': 'port {port} bruges af et andet program.',
  'hub.portDenied': 'denne computer tillader ikke programmer at lytte på port {port}.',
  'hub.addressUnavailable': '{host} er ikke en adresse på denne computer.',
  'hub.databaseFailed': 'dens datafil {file} kunne ikke åbnes ({message}).',
  'hub.certificateFailed': 'dens TLS-certifikat kunne ikke laves eller læses ({message}).',
  'wall.title': 'Warroom-vægskærm',
} as const satisfies Record<ShellStringKey, string>;

/** Every language the console speaks, word for word. */
export const SHELL_CATALOGUES: Readonly<Record<ShellLanguage, Readonly<Record<ShellStringKey, string>>>> = { en, da };

function catalogueFor(name: string): Readonly<Record<ShellStringKey, string>> | undefined {
  return Object.hasOwn(SHELL_CATALOGUES, name) ? SHELL_CATALOGUES[name as ShellLanguage] : undefined;
}

/** The shell's words for a locale ("da-DK" falls back to "da", then English). */
export function shellStrings(locale: string): ShellStrings {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const catalogue = catalogueFor(locale.toLowerCase()) ?? catalogueFor(language) ?? en;
  return (key, values = {}) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
