/**
 * The communications catalogue: who hears about an incident (audiences, each
 * with its update cadence per priority), what they are told (a template per
 * audience, phase and language) and how it reaches them (channels, bridges).
 * Each is an organisation setting with a schema and a default.
 */
import { z } from 'zod';

import { PRIORITIES, type Priority } from './priority';
import { emailSchema, joinLinkSchema, webhookUrlSchema } from './links';
import { hasForbiddenControlChars, nameKey } from './text';

export const COMMS_LIMITS = {
  audienceName: 60,
  audiences: 30,
  templates: 400,
  subject: 200,
  body: 8_000,
  webhooks: 50,
  webhookName: 60,
  recipients: 100,
  statusPageTitle: 100,
  eta: 200,
} as const;

/** Initial notice, regular updates, the all-clear, and what happens next (the review, the fix). */
export const PHASES = ['initial', 'update', 'resolved', 'followUp'] as const;
export type Phase = (typeof PHASES)[number];

/** Local channels hand the text to the person or their computer; webhooks go over the network and can wait in a queue. */
export const LOCAL_CHANNELS = ['clipboard', 'email', 'statusPage'] as const;
export type LocalChannel = (typeof LOCAL_CHANNELS)[number];
export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * What a template may say in `{{…}}`. The console fills each from the incident;
 * one it cannot fill stays in the draft, visibly, and the draft cannot be sent.
 */
export const PLACEHOLDERS = [
  'title',
  'priority',
  'impact',
  'services',
  'status',
  'currentWork',
  'eta',
  'nextUpdate',
  'commander',
  'technicalBridge',
  'businessBridge',
  'declaredAt',
  'duration',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Placeholders a text names that the console does not know, in order of first appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

export const ID_REGEX = /^[a-z][a-z0-9-]{0,39}$/;
const idSchema = z.string().regex(ID_REGEX, 'must be an id (lower-case letters, digits, -)');

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const line = (max: number) => text(max).refine((s) => s.trim().length > 0 && !/[\n\t]/.test(s), 'must be one non-empty line');
const templateText = (max: number) =>
  text(max).superRefine((s, ctx) => {
    const unknown = unknownPlaceholders(s);
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `names unknown placeholders: ${unknown.map((p) => `{{${p}}}`).join(', ')}` });
    }
  });

// ---- Audiences --------------------------------------------------------------

export const MAX_CADENCE_MINUTES = 24 * 60;
const cadenceMinutes = z
  .number()
  .int('must be whole minutes')
  .min(1, 'must be at least 1 minute')
  .max(MAX_CADENCE_MINUTES, `must be at most ${MAX_CADENCE_MINUTES} minutes`)
  .nullable();

export const audienceSchema = z.strictObject({
  id: idSchema,
  name: line(COMMS_LIMITS.audienceName),
  /** Minutes between updates while an incident of each priority is open; null: updates are sent as needed. */
  cadence: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, cadenceMinutes])) as Record<Priority, typeof cadenceMinutes>),
  /** During a drill, only audiences marked safe for exercises are sent anything. Absent: not safe. */
  exerciseSafe: z.boolean().optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

export const audiencesSchema = z
  .array(audienceSchema)
  .min(1, 'must list at least one audience')
  .max(COMMS_LIMITS.audiences, `must list at most ${COMMS_LIMITS.audiences} audiences`)
  .refine((list) => new Set(list.map((a) => a.id)).size === list.length, 'audience ids must be unique')
  .refine((list) => new Set(list.map((a) => nameKey(a.name))).size === list.length, 'audience names must be unique');

const every = (minutes: number | null, p3: number | null = minutes, p4: number | null = null, p5: number | null = null) =>
  ({ P1: minutes, P2: minutes, P3: p3, P4: p4, P5: p5 }) satisfies Record<Priority, number | null>;

/** The audiences DOMAIN.md names. Customers hear every 15 minutes and executives every 30 while it matters. */
export const DEFAULT_AUDIENCES: Audience[] = [
  { id: 'technical', name: 'Technical bridge', cadence: every(30, 60), exerciseSafe: true },
  { id: 'business', name: 'Business bridge', cadence: every(30, 60), exerciseSafe: true },
  { id: 'executives', name: 'Executives', cadence: every(30, 60) },
  { id: 'customers', name: 'Key customers', cadence: every(15, 30, 60) },
  { id: 'users', name: 'Impacted users (status page)', cadence: every(15, 30, 60) },
  { id: 'social', name: 'Social channels', cadence: every(60, null) },
];

// ---- Templates --------------------------------------------------------------

/** The languages a template may be written in: the console's languages. */
export const TEMPLATE_LANGUAGES = ['en', 'da'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
/**
 * The language a template without one is read in. Templates written before
 * they could carry a language were filled with English values, and the default
 * library's untagged templates are English.
 */
export const UNTAGGED_TEMPLATE_LANGUAGE: TemplateLanguage = 'en';

export const templateSchema = z.strictObject({
  audience: idSchema,
  phase: z.enum(PHASES),
  /** Absent: the organisation's template for this audience and phase whatever the language, used where none is written in the message's. */
  language: z.enum(TEMPLATE_LANGUAGES).optional(),
  subject: templateText(COMMS_LIMITS.subject).refine((s) => !/[\n\t]/.test(s), 'must be one line'),
  body: templateText(COMMS_LIMITS.body).refine((s) => s.trim().length > 0, 'must not be empty'),
  /** Counts the template's edits; a sent message names the version it was written from. */
  version: z.number().int().min(1).max(1_000_000),
});
export type Template = z.infer<typeof templateSchema>;

/** Which audience, phase and language a template is for: two templates never share one. */
export const templateSlot = (t: Pick<Template, 'audience' | 'phase' | 'language'>) => `${t.audience}/${t.phase}/${t.language ?? ''}`;

/** At most one template per audience, phase and language (and one without a language): the pad never has to guess which one is meant. */
export const templatesSchema = z
  .array(templateSchema)
  .max(COMMS_LIMITS.templates, `must list at most ${COMMS_LIMITS.templates} templates`)
  .refine((list) => new Set(list.map(templateSlot)).size === list.length, 'must hold one template per audience, phase and language');

// ---- Channels and bridges -----------------------------------------------------

export const webhookSchema = z.strictObject({
  id: idSchema,
  name: line(COMMS_LIMITS.webhookName),
  format: z.enum(WEBHOOK_FORMATS),
  url: webhookUrlSchema,
  /** Audiences the pad offers this webhook for. */
  audiences: z.array(idSchema).max(COMMS_LIMITS.audiences),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const channelsSchema = z.strictObject({
  webhooks: z
    .array(webhookSchema)
    .max(COMMS_LIMITS.webhooks)
    .refine((list) => new Set(list.map((w) => w.id)).size === list.length, 'webhook ids must be unique')
    .refine((list) => new Set(list.map((w) => nameKey(w.name))).size === list.length, 'webhook names must be unique'),
  /** Who an e-mail draft for each audience is addressed to. */
  email: z
    .array(z.strictObject({ audience: idSchema, to: z.array(emailSchema).min(1).max(COMMS_LIMITS.recipients) }))
    .max(COMMS_LIMITS.audiences)
    .refine((list) => new Set(list.map((e) => e.audience)).size === list.length, 'one recipient list per audience'),
  statusPageTitle: line(COMMS_LIMITS.statusPageTitle),
});
export type Channels = z.infer<typeof channelsSchema>;
export const DEFAULT_CHANNELS: Channels = { webhooks: [], email: [], statusPageTitle: 'Service status' };

export const BRIDGES = ['technical', 'business'] as const;
export type Bridge = (typeof BRIDGES)[number];
/** The standing bridges: where the two calls are held when an incident does not name its own. */
export const bridgesSchema = z.strictObject({ technical: joinLinkSchema.nullable(), business: joinLinkSchema.nullable() });
export type Bridges = z.infer<typeof bridgesSchema>;
export const DEFAULT_BRIDGES: Bridges = { technical: null, business: null };
