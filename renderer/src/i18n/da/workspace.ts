/** Danish: see ../en/workspace.ts for the English and the meaning of each key. */
import type { workspaceEn } from '../en/workspace';

export const workspaceDa: Partial<Record<keyof typeof workspaceEn, string>> = {};
