/** English: the hypothesis board. */
export const hypothesesEn = {
  'hypotheses.tab': 'Hypotheses',
} as const;
