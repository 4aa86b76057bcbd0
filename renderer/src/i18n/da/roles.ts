/** Danish: see ../en/roles.ts for the English and the meaning of each key. */
import type { rolesEn } from '../en/roles';

export const rolesDa: Partial<Record<keyof typeof rolesEn, string>> = {};
