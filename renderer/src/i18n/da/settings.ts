/** Danish: see ../en/settings.ts for the English and the meaning of each key. */
import type { settingsEn } from '../en/settings';

export const settingsDa: Partial<Record<keyof typeof settingsEn, string>> = {};
