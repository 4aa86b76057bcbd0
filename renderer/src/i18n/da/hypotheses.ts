/** Danish: see ../en/hypotheses.ts for the English and the meaning of each key. */
import type { hypothesesEn } from '../en/hypotheses';

export const hypothesesDa: Partial<Record<keyof typeof hypothesesEn, string>> = {};
