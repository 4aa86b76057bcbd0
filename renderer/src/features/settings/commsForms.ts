/**
 * The communications settings forms (audiences, templates, channels, bridges)
 * and their validation into catalogue messages. Pure, like settingsForms; the
 * schemas in shared/domain/comms still have the last word on write.
 */
import type { OrganisationSettings } from '@shared/domain/catalogues';
import {
  BRIDGES,
  COMMS_LIMITS,
  MAX_CADENCE_MINUTES,
  templateSlot,
  unknownPlaceholders,
  type Audience,
  type Bridge,
  type Bridges,
  type Channels,
  type Phase,
  type Template,
  type TemplateLanguage,
  type Webhook,
  type WebhookFormat,
} from '@shared/domain/comms';
import { JOIN_LINK_SCHEMES, MAX_LINK_LENGTH, emailSchema, isJoinLink, isWebhookUrl } from '@shared/domain/links';
import { DEFAULT_SETTINGS } from '@shared/domain/organisation';
import { PRIORITIES, type Priority } from '@shared/domain/priority';
import { hasForbiddenControlChars, nameKey } from '@shared/domain/text';

import { templateFor, templateLanguage } from '@shared/comms/templateChoice';

import { audienceName } from '../../i18n/defaultNames';
import { formatNumber, t } from '../../i18n/i18n';
import { FORM_ERROR, checkLine, done, formatMinutes, idFromName, newRowKey, type FieldErrors, type Validated } from './settingsForms';

const tooLong = (max: number, length: number) => t('settings.error.tooLong', { max: formatNumber(max), length: formatNumber(length) });

// ---- Audiences --------------------------------------------------------------

/** id is null for an audience added in the form; cadence minutes as typed, '' for "as needed". */
export type AudienceRow = { key: string; id: string | null; name: string; cadence: Record<Priority, string>; exerciseSafe: boolean };

export const audiencesToForm = (audiences: readonly Audience[]): AudienceRow[] =>
  audiences.map((a) => ({
    key: `audience-${a.id}`,
    id: a.id,
    name: a.name,
    cadence: Object.fromEntries(PRIORITIES.map((p) => [p, a.cadence[p] === null ? '' : String(a.cadence[p])])) as Record<Priority, string>,
    exerciseSafe: a.exerciseSafe === true,
  }));

export const newAudienceRow = (): AudienceRow => ({
  key: newRowKey('audience'),
  id: null,
  name: '',
  cadence: Object.fromEntries(PRIORITIES.map((p) => [p, ''])) as Record<Priority, string>,
  exerciseSafe: false,
});

export const cadenceKey = (rowKey: string, priority: Priority) => `${rowKey}-${priority}`;

export function parseCadence(raw: string): { minutes: number | null; error?: string } {
  const text = raw.trim();
  if (!text) return { minutes: null };
  if (!/^\d+$/.test(text)) return { minutes: null, error: t('settings.audiences.error.whole') };
  const minutes = Number(text);
  if (minutes < 1) return { minutes: null, error: t('settings.audiences.error.min') };
  if (minutes > MAX_CADENCE_MINUTES) {
    return { minutes: null, error: t('settings.error.maxMinutes', { max: formatNumber(MAX_CADENCE_MINUTES), duration: formatMinutes(MAX_CADENCE_MINUTES) }) };
  }
  return { minutes };
}

/**
 * Audience ids a new audience must not take: templates and recipient lists
 * name audiences by id, so a reused id would hand a new audience a removed
 * one's messages and addresses.
 */
export function reservedAudienceIds(settings: Pick<OrganisationSettings, 'audiences' | 'templates' | 'channels'>): string[] {
  const ids = new Set(settings.audiences.map((a) => a.id));
  for (const template of settings.templates) ids.add(template.audience);
  for (const webhook of settings.channels.webhooks) for (const id of webhook.audiences) ids.add(id);
  for (const entry of settings.channels.email) ids.add(entry.audience);
  return [...ids];
}

export function validateAudiences(rows: readonly AudienceRow[], reservedIds: readonly string[]): Validated<Audience[]> {
  const errors: FieldErrors = {};
  const names = new Map<string, string>();
  const taken = new Set<string>([...reservedIds, ...rows.flatMap((r) => (r.id ? [r.id] : []))]);
  const audiences: Audience[] = [];
  for (const row of rows) {
    const { text, error } = checkLine(row.name, COMMS_LIMITS.audienceName, 'settings.audiences.error.nameRequired');
    const key = `${row.key}-name`;
    if (error) errors[key] = error;
    else if (names.has(nameKey(text))) errors[key] = t('settings.audiences.error.duplicate', { name: names.get(nameKey(text))! });
    else names.set(nameKey(text), text);
    const cadence = {} as Record<Priority, number | null>;
    for (const p of PRIORITIES) {
      const parsed = parseCadence(row.cadence[p]);
      if (parsed.error) errors[cadenceKey(row.key, p)] = parsed.error;
      cadence[p] = parsed.minutes;
    }
    const id = row.id ?? idFromName(text, taken, 'audience');
    taken.add(id);
    audiences.push({ id, name: text, cadence, ...(row.exerciseSafe ? { exerciseSafe: true } : {}) });
  }
  if (rows.length === 0) errors[FORM_ERROR] = t('settings.audiences.error.none');
  else if (rows.length > COMMS_LIMITS.audiences) errors[FORM_ERROR] = t('settings.audiences.error.tooMany', { max: COMMS_LIMITS.audiences });
  return done(audiences, errors);
}

// ---- Templates --------------------------------------------------------------

/** A template as edited; version 0 marks one created in the form. Its language is chosen when it is added and stays. */
export type TemplateRow = Template;

export const templatesToForm = (templates: readonly Template[]): TemplateRow[] => templates.map((tpl) => ({ ...tpl }));

/** A template field's error key; the one without a language keeps the key it had before templates had languages. */
export const templateKey = (audience: string, phase: Phase, field: 'subject' | 'body', language?: TemplateLanguage) =>
  `tpl-${audience}-${phase}${language ? `-${language}` : ''}-${field}`;

/** The template for exactly this audience, phase and language; no language: the one for any language. */
export const findTemplate = <T extends Pick<Template, 'audience' | 'phase' | 'language'>>(list: readonly T[], audience: string, phase: Phase, language?: TemplateLanguage) =>
  list.find((tpl) => tpl.audience === audience && tpl.phase === phase && tpl.language === language);

/** The text a new organisation starts with for this audience, phase and language, if it has any (the fallback's for its own language). */
export const defaultTemplate = (audience: string, phase: Phase, language?: TemplateLanguage): Template | undefined => {
  if (!language) return findTemplate(DEFAULT_SETTINGS.templates, audience, phase);
  const shipped = templateFor(DEFAULT_SETTINGS.templates, audience, phase, language);
  return shipped && templateLanguage(shipped) === language ? shipped : undefined;
};

/** A template for a slot that has none: the default text where there is one, else empty for the person to write. */
export const newTemplateRow = (audience: string, phase: Phase, language?: TemplateLanguage): TemplateRow => {
  const base = defaultTemplate(audience, phase, language);
  return { audience, phase, ...(language ? { language } : {}), subject: base?.subject ?? '', body: base?.body ?? '', version: 0 };
};

const unknownMessage = (text: string): string | undefined => {
  const unknown = unknownPlaceholders(text);
  return unknown.length ? t('settings.templates.error.unknown', { names: unknown.map((p) => `{{${p}}}`).join(', ') }) : undefined;
};

function duplicateMessage(row: Pick<Template, 'audience' | 'phase' | 'language'>, audiences: readonly Audience[]): string {
  const audience = audiences.find((a) => a.id === row.audience);
  return t('settings.templates.error.duplicate', {
    audience: audience ? audienceName(audience) : row.audience,
    phase: t(`settings.templates.phase.${row.phase}`),
    language: row.language ? t(`language.${row.language}`) : t('settings.templates.language.any'),
  });
}

function checkSubject(subject: string): string | undefined {
  if (hasForbiddenControlChars(subject)) return t('settings.error.controlChars');
  if (/[\n\t]/.test(subject)) return t('settings.templates.error.oneLine');
  if (subject.length > COMMS_LIMITS.subject) return tooLong(COMMS_LIMITS.subject, subject.length);
  return unknownMessage(subject);
}

function checkBody(body: string): string | undefined {
  if (hasForbiddenControlChars(body)) return t('settings.error.controlChars');
  if (!body.trim()) return t('settings.templates.error.bodyRequired');
  if (body.length > COMMS_LIMITS.body) return tooLong(COMMS_LIMITS.body, body.length);
  return unknownMessage(body);
}

/**
 * `saved`: the templates as saved now; `audiences`: to name them in errors. A
 * template whose text differs from its saved one gets the next version; one
 * left alone keeps its own, so a sent message's version still names the text
 * it was written from.
 */
export function validateTemplates(rows: readonly TemplateRow[], saved: readonly Template[], audiences: readonly Audience[] = []): Validated<Template[]> {
  const errors: FieldErrors = {};
  const templates: Template[] = [];
  const slots = new Set<string>();
  for (const row of rows) {
    const { audience, phase, language } = row;
    const subject = row.subject.trim();
    const subjectError = checkSubject(subject);
    const bodyError = checkBody(row.body);
    if (subjectError) errors[templateKey(audience, phase, 'subject', language)] = subjectError;
    if (bodyError) errors[templateKey(audience, phase, 'body', language)] = bodyError;
    // The form adds one template per slot; a second (from a merged or hand-made value) is named, not silently dropped.
    if (slots.has(templateSlot(row)) && !errors[FORM_ERROR]) errors[FORM_ERROR] = duplicateMessage(row, audiences);
    slots.add(templateSlot(row));
    const before = findTemplate(saved, audience, phase, language);
    const changed = !before || before.subject !== subject || before.body !== row.body;
    const version = changed ? Math.max(row.version, before?.version ?? 0) + 1 : before.version;
    templates.push({ audience, phase, ...(language ? { language } : {}), subject, body: row.body, version });
  }
  if (rows.length > COMMS_LIMITS.templates) errors[FORM_ERROR] = t('settings.templates.error.tooMany', { max: formatNumber(COMMS_LIMITS.templates) });
  return done(templates, errors);
}

// ---- Channels ---------------------------------------------------------------

/**
 * secretKept: a saved webhook whose address the form keeps without showing
 * it; replacing the address clears it and shows an empty field.
 */
export type WebhookRow = { key: string; id: string | null; name: string; format: WebhookFormat; url: string; audiences: string[]; secretKept: boolean };
/** email: recipients per audience id, as typed. */
export type ChannelsForm = { webhooks: WebhookRow[]; email: Record<string, string>; statusPageTitle: string };

export const channelsToForm = (channels: Channels): ChannelsForm => ({
  webhooks: channels.webhooks.map((w) => ({ key: `webhook-${w.id}`, ...w, audiences: [...w.audiences], secretKept: true })),
  email: Object.fromEntries(channels.email.map((e) => [e.audience, e.to.join('\n')])),
  statusPageTitle: channels.statusPageTitle,
});

export const newWebhookRow = (): WebhookRow => ({ key: newRowKey('webhook'), id: null, name: '', format: 'slack', url: '', audiences: [], secretKept: false });

export const emailKey = (audience: string) => `email-${audience}`;
export const STATUS_TITLE_KEY = 'statusPageTitle';

/** Addresses separated by commas, semicolons or new lines; blanks and repeats dropped. */
export function parseRecipients(text: string): { to: string[]; error?: string } {
  const seen = new Set<string>();
  const to: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const address = raw.trim();
    if (address && !seen.has(address.toLowerCase())) {
      seen.add(address.toLowerCase());
      to.push(address);
    }
  }
  if (hasForbiddenControlChars(text)) return { to, error: t('settings.error.controlChars') };
  const bad = to.filter((address) => !emailSchema.safeParse(address).success);
  if (bad.length) return { to, error: t('settings.channels.error.email', { addresses: bad.map((a) => `“${a}”`).join(', ') }) };
  if (to.length > COMMS_LIMITS.recipients) return { to, error: t('settings.channels.error.tooManyRecipients', { max: COMMS_LIMITS.recipients }) };
  return { to };
}

function checkWebhookUrl(raw: string): { url: string; error?: string } {
  const url = raw.trim();
  if (!url) return { url, error: t('settings.channels.error.urlRequired') };
  if (url.length > MAX_LINK_LENGTH) return { url, error: tooLong(MAX_LINK_LENGTH, url.length) };
  if (!isWebhookUrl(url)) return { url, error: t('settings.channels.error.url') };
  return { url };
}

/** `savedIds`: the webhook ids saved now, which a new webhook must not take even once its owner is removed. */
export function validateChannels(form: ChannelsForm, savedIds: readonly string[]): Validated<Channels> {
  const errors: FieldErrors = {};
  const names = new Map<string, string>();
  const taken = new Set<string>([...savedIds, ...form.webhooks.flatMap((w) => (w.id ? [w.id] : []))]);
  const webhooks: Webhook[] = [];
  for (const row of form.webhooks) {
    const name = checkLine(row.name, COMMS_LIMITS.webhookName, 'settings.channels.error.nameRequired');
    const nameField = `${row.key}-name`;
    if (name.error) errors[nameField] = name.error;
    else if (names.has(nameKey(name.text))) errors[nameField] = t('settings.channels.error.duplicate', { name: names.get(nameKey(name.text))! });
    else names.set(nameKey(name.text), name.text);
    const url = checkWebhookUrl(row.url);
    if (url.error) errors[`${row.key}-url`] = url.error;
    const id = row.id ?? idFromName(name.text, taken, 'webhook');
    taken.add(id);
    webhooks.push({ id, name: name.text, format: row.format, url: url.url, audiences: [...new Set(row.audiences)] });
  }
  if (form.webhooks.length > COMMS_LIMITS.webhooks) errors[FORM_ERROR] = t('settings.channels.error.tooManyWebhooks', { max: COMMS_LIMITS.webhooks });

  const email: Channels['email'] = [];
  for (const [audience, text] of Object.entries(form.email)) {
    const parsed = parseRecipients(text);
    if (parsed.error) errors[emailKey(audience)] = parsed.error;
    if (parsed.to.length) email.push({ audience, to: parsed.to });
  }

  const title = checkLine(form.statusPageTitle, COMMS_LIMITS.statusPageTitle, 'settings.channels.error.titleRequired');
  if (title.error) errors[STATUS_TITLE_KEY] = title.error;
  return done({ webhooks, email, statusPageTitle: title.text }, errors);
}

// ---- Bridges ----------------------------------------------------------------

/** '' is no standing bridge. */
export type BridgesForm = Record<Bridge, string>;

export const bridgesToForm = (bridges: Bridges): BridgesForm => ({ technical: bridges.technical ?? '', business: bridges.business ?? '' });

export const bridgeKey = (bridge: Bridge) => `bridge-${bridge}`;

export function validateBridges(form: BridgesForm): Validated<Bridges> {
  const errors: FieldErrors = {};
  const bridges: Bridges = { technical: null, business: null };
  for (const bridge of BRIDGES) {
    const link = form[bridge].trim();
    if (!link) continue;
    if (hasForbiddenControlChars(link)) errors[bridgeKey(bridge)] = t('settings.error.controlChars');
    else if (link.length > MAX_LINK_LENGTH) errors[bridgeKey(bridge)] = tooLong(MAX_LINK_LENGTH, link.length);
    else if (!isJoinLink(link)) errors[bridgeKey(bridge)] = t('settings.bridges.error.link', { schemes: JOIN_LINK_SCHEMES.map((s) => s.slice(0, -1)).join(', ') });
    else bridges[bridge] = link;
  }
  return done(bridges, errors);
}
