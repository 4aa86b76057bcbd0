/** Schemas for what crosses IPC, checked by the main process on every call. */
import { z } from 'zod';

import type { AppInfo } from './bridge';

export const appInfoSchema = z.strictObject({
  name: z.string().max(100),
  version: z.string().max(50),
  shell: z.enum(['electron', 'browser']),
  platform: z.string().max(50),
}) satisfies z.ZodType<AppInfo>;
