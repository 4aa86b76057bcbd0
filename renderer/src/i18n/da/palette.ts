/** Danish: see ../en/palette.ts for the English and the meaning of each key. */
import type { paletteEn } from '../en/palette';

export const paletteDa: Partial<Record<keyof typeof paletteEn, string>> = {};
