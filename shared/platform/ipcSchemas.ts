/**
 * Schemas for what crosses between the shell and the console. The main process
 * checks every request with them; the console checks every command it is sent.
 */
import { z } from 'zod';

import { EVENT_ID_REGEX } from '../domain/ids';
import { isExternalLink, webhookUrlSchema } from '../domain/links';
import { hasForbiddenControlChars } from '../domain/text';
import { INCIDENT_FILE_EXTENSION, MAX_INCIDENT_FILE_BYTES } from '../exchange/incidentFile';
import { BUNDLE_EXTENSION, MAX_BUNDLE_BYTES } from '../sync/bundleFile';
import {
  SHELL_LANGUAGES,
  WALL_MODES,
  type AppInfo,
  type DesktopNotice,
  type OpenFileResult,
  type OpenWallRequest,
  type PrintPdfRequest,
  type SaveFileRequest,
  type ShellCommand,
  type ShellLanguage,
  type WebhookRequest,
} from './bridge';
import { ROUTE_REGEX } from './routes';
import { wallOptionsSchema } from './wallRoute';

export const appInfoSchema = z.strictObject({
  name: z.string().max(100),
  version: z.string().max(50),
  shell: z.enum(['electron', 'browser']),
  platform: z.string().max(50),
}) satisfies z.ZodType<AppInfo>;

// Path separators and the characters Windows refuses have no place in a suggested file name.
const fileNameSchema = (extension: string) =>
  z
    .string()
    .regex(new RegExp(`^[^/\\\\:*?"<>|]{1,120}\\.${extension}$`), `must be a plain file name ending in .${extension}`)
    .refine((name) => !hasForbiddenControlChars(name) && !/[\t\n]/.test(name), 'must not contain control characters');

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileNameSchema(INCIDENT_FILE_EXTENSION),
  contents: z.string().min(1).max(MAX_INCIDENT_FILE_BYTES),
}) satisfies z.ZodType<SaveFileRequest>;

/** The IPC size limit for the save channel: the file itself, plus room for the envelope. */
export const SAVE_FILE_MAX_PAYLOAD_BYTES = MAX_INCIDENT_FILE_BYTES + 1024;

/** The bytes text takes as UTF-8 (what goes over the wire or onto the clipboard), without needing TextEncoder. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const MiB = 1024 * 1024;
// A UTF-16 unit takes 1 to 3 bytes as UTF-8 (a surrogate pair 4 for 2): only text in between needs counting.
const atMostBytes = (max: number, label: string) =>
  z.string().refine((text) => text.length <= max && (text.length * 3 <= max || utf8Bytes(text) <= max), `must be at most ${label} as UTF-8`);

/**
 * The IPC size limit for a channel carrying up to `textBytes` of text: JSON escaping can grow
 * text six-fold (\u0000), and this cap only stops a flood before parsing; the schema holds the real limit.
 */
const escapedPayloadLimit = (textBytes: number) => 6 * textBytes + 1024;

export const STATUS_PAGE_EXTENSION = 'html';
export const MAX_STATUS_PAGE_BYTES = 4 * MiB;
export const saveStatusPageRequestSchema = z.strictObject({
  suggestedName: fileNameSchema(STATUS_PAGE_EXTENSION),
  contents: atMostBytes(MAX_STATUS_PAGE_BYTES, '4 MiB').min(1),
}) satisfies z.ZodType<SaveFileRequest>;
export const SAVE_STATUS_PAGE_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_STATUS_PAGE_BYTES);

/** A drill scenario, exported to share or edit: JSON, as Settings imports it. */
export const SCENARIO_EXTENSION = 'json';
export const MAX_SCENARIO_BYTES = 1 * MiB;
export const saveScenarioRequestSchema = z.strictObject({
  suggestedName: fileNameSchema(SCENARIO_EXTENSION),
  contents: atMostBytes(MAX_SCENARIO_BYTES, '1 MiB').min(1),
}) satisfies z.ZodType<SaveFileRequest>;
export const SAVE_SCENARIO_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_SCENARIO_BYTES);

/** A post-mortem: Markdown, a web page, the timeline as CSV, or the page printed to PDF. */
export const POSTMORTEM_EXTENSIONS = ['md', 'html', 'csv'] as const;
export const MAX_POSTMORTEM_BYTES = 16 * MiB;
export const savePostmortemRequestSchema = z.strictObject({
  suggestedName: z.union(POSTMORTEM_EXTENSIONS.map(fileNameSchema)),
  contents: atMostBytes(MAX_POSTMORTEM_BYTES, '16 MiB').min(1),
}) satisfies z.ZodType<SaveFileRequest>;
export const printPdfRequestSchema = z.strictObject({
  html: atMostBytes(MAX_POSTMORTEM_BYTES, '16 MiB').min(1),
  suggestedName: fileNameSchema('pdf'),
}) satisfies z.ZodType<PrintPdfRequest>;
export const POSTMORTEM_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_POSTMORTEM_BYTES);

/** A sync bundle: held to the bytes openSyncBundle accepts back, so no console writes a file it could not open. */
export const saveSyncBundleRequestSchema = z.strictObject({
  suggestedName: fileNameSchema(BUNDLE_EXTENSION),
  contents: atMostBytes(MAX_BUNDLE_BYTES, `${MAX_BUNDLE_BYTES / MiB} MiB`).min(1),
}) satisfies z.ZodType<SaveFileRequest>;
export const SAVE_SYNC_BUNDLE_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_BUNDLE_BYTES);

/** Only what a receiver needs: the body's type, and a key that lets it drop a retried duplicate. */
export const WEBHOOK_HEADER_NAMES = ['content-type', 'idempotency-key'] as const;
export const MAX_WEBHOOK_BODY_BYTES = 1 * MiB;
const MAX_HEADER_VALUE_LENGTH = 256;

const webhookHeadersSchema = z
  .record(
    z.string(),
    z
      .string()
      .max(MAX_HEADER_VALUE_LENGTH)
      // Printable ASCII without edge spaces: fetch would trim or refuse anything else, so the receiver would not see it.
      .regex(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/, 'must be printable ASCII, not empty'),
  )
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    for (const name of Object.keys(headers)) {
      const key = name.toLowerCase();
      const shown = JSON.stringify(name.slice(0, 40));
      if (!(WEBHOOK_HEADER_NAMES as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `header ${shown} is not allowed (only ${WEBHOOK_HEADER_NAMES.join(', ')})` });
      } else if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `header ${shown} is given twice` });
      }
      seen.add(key);
    }
  });

export const webhookRequestSchema = z.strictObject({
  url: webhookUrlSchema,
  headers: webhookHeadersSchema,
  body: atMostBytes(MAX_WEBHOOK_BODY_BYTES, '1 MiB'),
}) satisfies z.ZodType<WebhookRequest>;
export const WEBHOOK_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_WEBHOOK_BODY_BYTES);

export const externalLinkSchema = z.string().refine(isExternalLink, 'must be a meeting, phone or mail link (https, http, tel, sip, sips, msteams, zoommtg, mailto)');

export const MAX_COPY_TEXT_BYTES = 1 * MiB;
export const copyTextSchema = atMostBytes(MAX_COPY_TEXT_BYTES, '1 MiB');
export const COPY_TEXT_MAX_PAYLOAD_BYTES = escapedPayloadLimit(MAX_COPY_TEXT_BYTES);

const plainText = (min: number, max: number) =>
  z.string().min(min).max(max).refine((text) => !hasForbiddenControlChars(text), 'must be plain text, without control characters');

export const desktopNoticeSchema = z.strictObject({
  title: plainText(1, 200).refine((text) => !/[\t\n]/.test(text), 'must be one line'),
  body: plainText(0, 1000),
  route: z.string().regex(ROUTE_REGEX).optional(),
}) satisfies z.ZodType<DesktopNotice>;

export const shellLanguageSchema = z.enum(SHELL_LANGUAGES) satisfies z.ZodType<ShellLanguage>;

export const openWallRequestSchema = z.strictObject({
  incidentId: z.string().regex(EVENT_ID_REGEX, 'must be an incident id').nullable(),
  displayId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mode: z.enum(WALL_MODES),
  options: wallOptionsSchema,
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
