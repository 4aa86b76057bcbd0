/** Danish: see ../en/languages.ts for the English and the meaning of each key. */
import type { languagesEn } from '../en/languages';

export const languagesDa: Partial<Record<keyof typeof languagesEn, string>> = {};
