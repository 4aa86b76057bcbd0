/** Danish: see ../en/commsSettings.ts for the English and the meaning of each key. */
import type { commsSettingsEn } from '../en/commsSettings';

export const commsSettingsDa: Partial<Record<keyof typeof commsSettingsEn, string>> = {};
