/** Danish: see ../en/wall.ts for the English and the meaning of each key. */
import type { wallEn } from '../en/wall';

export const wallDa: Partial<Record<keyof typeof wallEn, string>> = {};
