/**
 * Schemas for what crosses between the shell and the console. The main process
 * checks every request with them; the console checks every command it is sent.
 */
import { z } from 'zod';

import { EVENT_ID_REGEX } from '../domain/ids';
import { hasForbiddenControlChars } from '../domain/text';
import { INCIDENT_FILE_EXTENSION, MAX_INCIDENT_FILE_BYTES } from '../exchange/incidentFile';
import {
  WALL_MODES,
  type AppInfo,
  type DesktopNotice,
  type OpenFileResult,
  type OpenWallRequest,
  type SaveFileRequest,
  type ShellCommand,
} from './bridge';
import { ROUTE_REGEX } from './routes';

export const appInfoSchema = z.strictObject({
  name: z.string().max(100),
  version: z.string().max(50),
  shell: z.enum(['electron', 'browser']),
  platform: z.string().max(50),
}) satisfies z.ZodType<AppInfo>;

// Path separators and the characters Windows refuses have no place in a suggested file name.
const FILE_NAME_REGEX = new RegExp(`^[^/\\\\:*?"<>|]{1,120}\\.${INCIDENT_FILE_EXTENSION}$`);

export const saveFileRequestSchema = z.strictObject({
  suggestedName: z
    .string()
    .regex(FILE_NAME_REGEX, `must be a plain file name ending in .${INCIDENT_FILE_EXTENSION}`)
    .refine((name) => !hasForbiddenControlChars(name) && !/[\t\n]/.test(name), 'must not contain control characters'),
  contents: z.string().min(1).max(MAX_INCIDENT_FILE_BYTES),
}) satisfies z.ZodType<SaveFileRequest>;

/** The IPC size limit for the save channel: the file itself, plus room for the envelope. */
export const SAVE_FILE_MAX_PAYLOAD_BYTES = MAX_INCIDENT_FILE_BYTES + 1024;

const plainText = (min: number, max: number) =>
  z.string().min(min).max(max).refine((text) => !hasForbiddenControlChars(text), 'must be plain text, without control characters');

export const desktopNoticeSchema = z.strictObject({
  title: plainText(1, 200).refine((text) => !/[\t\n]/.test(text), 'must be one line'),
  body: plainText(0, 1000),
  route: z.string().regex(ROUTE_REGEX).optional(),
}) satisfies z.ZodType<DesktopNotice>;

export const openWallRequestSchema = z.strictObject({
  incidentId: z.string().regex(EVENT_ID_REGEX, 'must be an incident id'),
  displayId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mode: z.enum(WALL_MODES),
}) satisfies z.ZodType<OpenWallRequest>;

const openFileResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('opened'), name: z.string().max(1000), contents: z.string().max(MAX_INCIDENT_FILE_BYTES) }),
  z.strictObject({ status: z.literal('cancelled') }),
  z.strictObject({ status: z.literal('tooLarge'), name: z.string().max(1000), bytes: z.number().int().min(0) }),
  z.strictObject({ status: z.literal('failed'), detail: z.string().max(2000) }),
]) satisfies z.ZodType<OpenFileResult>;

export const shellCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('declareIncident') }),
  z.strictObject({ type: z.literal('exportIncident') }),
  z.strictObject({ type: z.literal('importIncident') }),
  z.strictObject({ type: z.literal('chooseWallDisplay') }),
  z.strictObject({ type: z.literal('showWallOn'), displayId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  z.strictObject({ type: z.literal('editProfile') }),
  z.strictObject({ type: z.literal('navigate'), route: z.string().regex(ROUTE_REGEX) }),
  z.strictObject({ type: z.literal('incidentFileOpened'), file: openFileResultSchema }),
]) satisfies z.ZodType<ShellCommand>;
