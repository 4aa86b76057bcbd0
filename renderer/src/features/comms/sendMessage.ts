/**
 * Turns a finished draft into an outgoing message on one channel. A local
 * channel is recorded as sent only once the hand-over worked; a webhook is
 * queued, and the delivery worker takes it from there. Nothing is recorded
 * when the draft is refused or the hand-over fails.
 */
import { mailtoUrl, plainText } from '@shared/comms/formats';
import { unresolvedPlaceholders } from '@shared/comms/render';
import { statusPageHtml } from '@shared/comms/statusPage';
import { isOver } from '@shared/domain/cadence';
import { EXERCISE_PREFIX, exerciseMessage } from '@shared/domain/drills';
import type { Audience, Phase, Placeholder, Webhook } from '@shared/domain/comms';
import type { IncidentSummary } from '@shared/domain/incident';
import type { MessageView } from '@shared/domain/messages';
import { cleanMultiline } from '@shared/domain/text';
import type { WarroomBridge } from '@shared/platform/bridge';
import { fileSlug } from '@shared/platform/fileNames';
import { byText } from '@shared/domain/order';

import type { WarroomDatabase } from '../../db/database';
import { queueMessage, recordSent, type MessageDraft } from '../../db/messageCommands';
import { audienceName, statusPageTitle } from '../../i18n/defaultNames';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime, t, translate } from '../../i18n/i18n';
import type { Locale } from '../../i18n/locale';

export type ChannelChoice =
  | { kind: 'clipboard' }
  | { kind: 'email'; to: string[] }
  | { kind: 'statusPage'; pageTitle: string }
  | { kind: 'webhook'; webhook: Webhook };

export type OutgoingDraft = {
  incident: IncidentSummary;
  audience: Audience;
  phase: Phase;
  /** The language it is written in: a status page made from it is in that language too. */
  language: Locale;
  subject: string;
  text: string;
  templateVersion?: number;
  /** For a draft just filled from its template: the placeholders that had no value. */
  missing?: Placeholder[];
  actor: string;
};

export type SendResult =
  | { status: 'sent' | 'queued'; messageId: string }
  | { status: 'refused'; message: string }
  | { status: 'cancelled' };

export function channelId(choice: ChannelChoice): string {
  return choice.kind === 'webhook' ? `webhook:${choice.webhook.id}` : choice.kind;
}

/**
 * Placeholders a draft still waits for. A draft filled from its template knows
 * exactly which had no value (a value that itself reads "{{eta}}" is not one);
 * a draft edited by hand is read for any left in it.
 */
export function missingIn(draft: Pick<OutgoingDraft, 'subject' | 'text' | 'missing'>): Placeholder[] {
  return draft.missing ?? unresolvedPlaceholders(`${draft.subject}\n${draft.text}`);
}

/** Why a draft cannot go out as it is, or null. In a drill, only an audience marked safe for exercises is sent anything. */
export function draftProblem(draft: Pick<OutgoingDraft, 'subject' | 'text' | 'missing'> & { incident?: Pick<IncidentSummary, 'drill'>; audience?: Audience }): string | null {
  if (draft.incident?.drill && draft.audience && !draft.audience.exerciseSafe) return t('comms.exercise.unsafe', { audience: audienceName(draft.audience) });
  if (cleanMultiline(draft.text) === '') return t('comms.emptyText');
  const unresolved = missingIn(draft);
  return unresolved.length ? t('comms.missingBlocked', { names: placeholderNames(unresolved) }) : null;
}

export function placeholderNames(names: readonly Placeholder[]): string {
  return names.map((name) => t(`comms.placeholder.${name}`)).join(', ');
}

export async function sendMessage(
  db: WarroomDatabase,
  bridge: WarroomBridge,
  draft: OutgoingDraft,
  channel: ChannelChoice,
  /** The incident's earlier messages: a status page lists its earlier updates. */
  earlier: readonly MessageView[],
  now: () => number = Date.now,
): Promise<SendResult> {
  const problem = draftProblem(draft);
  if (problem) return { status: 'refused', message: problem };
  // An exercise says so in every message it sends, whatever the template or the writer did.
  const marked = draft.incident.drill ? exerciseMessage(draft) : draft;
  const record: MessageDraft = {
    incidentId: draft.incident.id,
    audience: { id: draft.audience.id, name: draft.audience.name },
    phase: draft.phase,
    subject: marked.subject,
    text: marked.text,
    ...(draft.templateVersion ? { templateVersion: draft.templateVersion } : {}),
    actor: draft.actor,
  };
  const subject = record.subject.trim();
  const text = cleanMultiline(record.text);

  switch (channel.kind) {
    case 'clipboard': {
      if (!(await bridge.copyText(plainText(subject, text)))) return { status: 'refused', message: t('comms.copyFailed') };
      return { status: 'sent', messageId: await recordSent(db, { ...record, channel: 'clipboard' }, now) };
    }
    case 'email': {
      const mail = mailtoUrl({ to: channel.to, subject, text });
      if (mail.status === 'tooLong') return { status: 'refused', message: t('comms.mailTooLong', { length: mail.length, max: mail.max }) };
      if (!(await bridge.openExternal(mail.url))) return { status: 'refused', message: t('comms.openFailed') };
      return { status: 'sent', messageId: await recordSent(db, { ...record, channel: 'email', recipients: channel.to }, now) };
    }
    case 'statusPage': {
      const contents = statusPage(draft, channel.pageTitle, subject, text, earlier, now());
      const saved = await bridge.saveStatusPage({ suggestedName: `status-${fileSlug(draft.incident.title, 40)}.html`, contents });
      if (saved.status === 'cancelled') return { status: 'cancelled' };
      if (saved.status === 'failed') return { status: 'refused', message: t('comms.saveFailed', { detail: saved.detail }) };
      return { status: 'sent', messageId: await recordSent(db, { ...record, channel: 'statusPage' }, now) };
    }
    case 'webhook': {
      const { id, name, format } = channel.webhook;
      return { status: 'queued', messageId: await queueMessage(db, { ...record, webhook: { id, name, format } }, now) };
    }
  }
}

/** The page speaks the message's language, whatever the screen's: its readers are the message's readers. */
function statusPage(draft: OutgoingDraft, pageTitle: string, subject: string, text: string, earlier: readonly MessageView[], now: number): string {
  const { incident, language } = draft;
  const say = (key: MessageKey) => translate(language, key);
  const at = new Date(now).toISOString();
  const published = earlier
    .filter((m) => m.channel === 'statusPage' && m.state === 'sent')
    .sort((a, b) => byText(b.at, a.at))
    .map((m) => ({ at: m.at, heading: m.subject || say(`comms.phase.${m.phase}`), text: m.text }));
  return statusPageHtml({
    lang: language,
    // A page published from a drill says so in its title, above everything else on it.
    pageTitle: incident.drill ? `${EXERCISE_PREFIX} ${statusPageTitle(pageTitle, language)}` : statusPageTitle(pageTitle, language),
    incident: {
      title: incident.title,
      status: say(`status.${incident.status}`),
      resolved: isOver(incident.status),
      impact: say(`impact.${incident.impact}`),
      services: incident.services,
    },
    updates: [{ at, heading: subject || say(`comms.phase.${draft.phase}`), text }, ...published],
    generatedAt: at,
    labels: {
      currentStatus: say('comms.statusPage.currentStatus'),
      affectedServices: say('comms.statusPage.affectedServices'),
      impact: say('comms.statusPage.impact'),
      updates: say('comms.statusPage.updates'),
      lastUpdated: say('comms.statusPage.lastUpdated'),
      noServices: say('comms.statusPage.noServices'),
    },
    formatTime: (iso) => formatDateTime(new Date(iso), language),
  });
}

