/** Danish: see ../en/sync.ts for the English and the meaning of each key. */
import type { syncEn } from '../en/sync';

export const syncDa: Partial<Record<keyof typeof syncEn, string>> = {};
