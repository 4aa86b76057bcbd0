/** English: languages. */
export const languagesEn = {} as const;
