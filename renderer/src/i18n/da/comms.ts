/** Danish: see ../en/comms.ts for the English and the meaning of each key. */
import type { commsEn } from '../en/comms';

export const commsDa: Partial<Record<keyof typeof commsEn, string>> = {};
