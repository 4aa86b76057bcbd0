/** English: palette. */
export const paletteEn = {} as const;
