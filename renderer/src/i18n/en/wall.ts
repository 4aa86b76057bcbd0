/** English: wall. */
export const wallEn = {} as const;
