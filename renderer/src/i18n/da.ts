/** Danish catalogue: the same keys as the English one, with the same `{name}` placeholders. */
import type { Catalogue } from './en';
import { commsSettingsDa } from './da/commsSettings';
import { commsDa } from './da/comms';
import { hypothesesDa } from './da/hypotheses';
import { languagesDa } from './da/languages';
import { paletteDa } from './da/palette';
import { rolesDa } from './da/roles';
import { settingsDa } from './da/settings';
import { syncDa } from './da/sync';
import { wallDa } from './da/wall';
import { workspaceDa } from './da/workspace';

export const da: Partial<Catalogue> = {
  ...commsSettingsDa,
  ...commsDa,
  ...hypothesesDa,
  ...languagesDa,
  ...paletteDa,
  ...rolesDa,
  ...settingsDa,
  ...syncDa,
  ...wallDa,
  ...workspaceDa,
};
