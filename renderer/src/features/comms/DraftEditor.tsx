import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { renderTemplate } from '@shared/comms/render';
import { audienceLanguages, templateFor, templateInAnyLanguage, templateLanguage } from '@shared/comms/templateChoice';
import { suggestedPhase } from '@shared/domain/cadence';
import { PHASES, type Audience, type Phase, type TemplateLanguage } from '@shared/domain/comms';
import type { IncidentSummary } from '@shared/domain/incident';
import type { OrganisationSettings } from '@shared/domain/catalogues';

import { useDatabase } from '../../app/DatabaseContext';
import { changeField } from '../../db/commands';
import type { CommsContext } from '../../db/messageQueries';
import { useCatalogues } from '../../i18n/catalogueStore';
import { audienceName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/locale';
import { usePlatform } from '../../platform/PlatformContext';
import { clearDraft, draftKey, updateDraft, useCommsDrafts } from '../../state/commsDrafts';
import { SUBMIT_SHORTCUT, isMac, isSubmitShortcut } from '../../ui/shortcuts';
import { useCommands, type Command } from '../../commands/registry';
import { writeDraftCommandId } from '../../commands/viewCommands';
import { placeholderValues } from './placeholderValues';
import { channelId, missingIn, placeholderNames, sendMessage, type ChannelChoice } from './sendMessage';

type Props = {
  incident: IncidentSummary;
  audience: Audience;
  settings: OrganisationSettings;
  context: CommsContext;
  actor: string;
  /** Rounded to the minute: the draft's facts (duration, next update) do not need seconds. */
  minute: number;
};

/**
 * The draft for one audience: filled from its template, edited by hand if need
 * be, sent with one keystroke. It is written in one language, the screen's
 * unless someone picks another: the template in that language, else the one
 * for any language in its own, and the incident's facts in the same.
 */
export function DraftEditor({ incident, audience, settings, context, actor, minute }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const key = draftKey(incident.id, audience.id);
  const draft = useCommsDrafts((s) => s.drafts[key]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** What the last send did, said beside the Send button (the record shows it too). */
  const [done, setDone] = useState<string | null>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // A command (M, or "Draft message to…") asks to write, perhaps before the pad is on screen: into the draft shown.
  const draftCommands = useMemo(
    (): Command[] => [
      { id: writeDraftCommandId(incident.id), label: { key: 'palette.cmd.draft' }, group: 'comms', listed: false, run: () => textRef.current?.focus() },
    ],
    [incident.id],
  );
  useCommands(draftCommands);
  useEffect(() => {
    problemRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [problem]);

  const screenLanguage = useLocale();
  const shownAudience = audienceName(audience);
  const phase = draft?.phase ?? suggestedPhase(audience.id, incident.status, context.messages);
  const chosenLanguage = draft?.language ?? screenLanguage;
  // Unless someone chose the language, a template in another one beats a blank draft.
  const template =
    templateFor(settings.templates, audience.id, phase, chosenLanguage) ?? (draft?.language ? undefined : templateInAnyLanguage(settings.templates, audience.id, phase));
  // A template written in another language is filled in its own, so no message mixes two.
  const language = template ? templateLanguage(template) : chosenLanguage;
  // A message in a language the screen does not speak waits for that language's words: none goes out half in each.
  const words = useCatalogues([language]);
  const wordsReady = words.state === 'ready';
  const templateLanguages = audienceLanguages(settings.templates, audience.id);
  const languages = [...new Set([...templateLanguages, chosenLanguage])];
  const values = placeholderValues({
    incident,
    audience,
    testing: context.testing,
    commanders: context.commander.holders,
    standingBridges: settings.bridges,
    now: minute,
    language,
  });
  const rendered = template ? renderTemplate(template, values) : { subject: '', body: '', missing: [] };
  const subject = draft?.edited?.subject ?? rendered.subject;
  const text = draft?.edited?.text ?? rendered.body;
  const unresolved = missingIn({ subject, text, ...(draft?.edited ? {} : { missing: rendered.missing }) });
  const [etaDraft, setEtaDraft] = useState<string | null>(null);

  const channels = channelChoices(audience, settings);
  const channel = channels.find((c) => channelId(c) === draft?.channel) ?? channels[0]!;

  const edit = (change: { subject?: string; text?: string }) => {
    setProblem(null);
    setDone(null);
    updateDraft(key, { edited: { subject, text, ...change } });
  };

  const send = async () => {
    if (busy || !wordsReady) return;
    if (!actor) {
      setProblem(t('comms.needName'));
      return;
    }
    // What the field shows is what the message must say: an ETA typed but not saved would not be in it.
    if (etaDraft !== null && etaDraft.trim() !== incident.eta) {
      setProblem(t('comms.etaUnsaved'));
      return;
    }
    setBusy(true);
    try {
      const result = await sendMessage(
        db,
        platform,
        {
          incident,
          audience,
          phase,
          language,
          subject,
          text,
          ...(template && !draft?.edited ? { templateVersion: template.version, missing: rendered.missing } : {}),
          actor,
        },
        channel,
        context.messages,
      );
      if (result.status === 'refused') {
        setProblem(result.message);
        return;
      }
      if (result.status === 'cancelled') return;
      setProblem(null);
      clearDraft(key);
      setDone(sentNotice(channel, shownAudience));
    } catch (error) {
      setProblem(t('comms.sendFailed', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isSubmitShortcut(event.nativeEvent)) {
      event.preventDefault();
      void send();
    }
  };

  const id = `draft-${audience.id}`;
  return (
    <section className="comms-draft" aria-labelledby={`${id}-heading`} onKeyDown={onKeyDown}>
      <h2 id={`${id}-heading`} className="comms-column-heading">
        {t('comms.draftHeading', { audience: shownAudience })}
      </h2>
      {incident.drill && (
        <p className={audience.exerciseSafe ? 'comms-exercise' : 'comms-exercise unsafe'} role="note">
          <span aria-hidden="true">⚑ </span>
          {audience.exerciseSafe ? t('comms.exercise.notice') : t('comms.exercise.unsafe', { audience: shownAudience })}
        </p>
      )}
      <div className="comms-draft-facts">
        <EtaField
          incident={incident}
          actor={actor}
          value={etaDraft}
          onChange={setEtaDraft}
          onSave={(eta) => changeField(db, incident.id, 'eta', eta, actor)}
        />
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t('comms.phase.label')}</label>
          <select id={`${id}-phase`} value={phase} onChange={(e) => updateDraft(key, { phase: e.target.value as Phase })}>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`comms.phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        {templateLanguages.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('comms.language.label')}</label>
            <select
              id={`${id}-language`}
              value={chosenLanguage}
              onChange={(e) => updateDraft(key, { language: e.target.value as TemplateLanguage })}
              aria-describedby={`${id}-language-hint`}
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`language.${l}`)}
                </option>
              ))}
            </select>
            {/* Said with the field; on screen the choice speaks for itself and the draft keeps the room. */}
            <p id={`${id}-language-hint`} className="visually-hidden">
              {t('comms.language.hint')}
            </p>
          </div>
        )}
      </div>
      {!template && !draft?.edited && <p className="comms-note">{t('comms.noTemplate', { audience: shownAudience, phase: t(`comms.phase.${phase}`) })}</p>}
      {template && language !== chosenLanguage && (
        <p className="comms-note" role="note">
          {t('comms.language.fallback', { language: t(`language.inSentence.${chosenLanguage}`), fallback: t(`language.inSentence.${language}`) })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('comms.subject')}</label>
        <input id={`${id}-subject`} lang={language} value={subject} readOnly={!wordsReady} onChange={(e) => edit({ subject: e.target.value })} autoComplete="off" />
      </div>
      <div className="field comms-text-field">
        <label htmlFor={`${id}-text`}>{t('comms.text')}</label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          className="comms-text"
          lang={language}
          value={text}
          readOnly={!wordsReady}
          rows={6}
          onChange={(e) => edit({ text: e.target.value })}
          aria-describedby={`${id}-state${unresolved.length ? ` ${id}-missing` : ''}`}
        />
      </div>
      <p id={`${id}-state`} className="comms-note">
        {wordsReady
          ? draft?.edited
            ? t('comms.edited')
            : t('comms.live')
          : t(words.state === 'failed' ? 'comms.language.loadFailed' : 'comms.language.loading', { language: t(`language.inSentence.${language}`) })}{' '}
        {words.state === 'failed' && (
          <button type="button" className="button small ghost" onClick={words.retry}>
            {t('app.retry')}
          </button>
        )}
        {draft?.edited && template && (
          <button type="button" className="button small ghost" onClick={() => updateDraft(key, { edited: undefined })}>
            {t('comms.refill')}
          </button>
        )}
      </p>
      {unresolved.length > 0 && (
        <p id={`${id}-missing`} className="comms-missing">
          <span aria-hidden="true">⚠ </span>
          {t('comms.missing', { names: placeholderNames(unresolved) })}
        </p>
      )}
      {problem && (
        <p ref={problemRef} className="comms-problem" role="alert">
          {problem}
        </p>
      )}
      {/* Where it goes and Send on one line under the message. */}
      <div className="comms-send-bar">
        <fieldset className="comms-channels">
          <legend>{t('comms.channel')}</legend>
          {channels.map((choice) => (
            <label key={channelId(choice)} className="comms-channel">
              <input
                type="radio"
                name={`${id}-channel`}
                value={channelId(choice)}
                checked={channelId(choice) === channelId(channel)}
                onChange={() => updateDraft(key, { channel: channelId(choice) })}
              />
              {channelLabel(choice)}
            </label>
          ))}
        </fieldset>
        <div className="comms-send-row">
          <button type="button" className="button primary" onClick={() => void send()} disabled={busy || !wordsReady} aria-keyshortcuts={SUBMIT_SHORTCUT.aria}>
            {t('comms.send')}
            {/* The key is said through aria-keyshortcuts; shown here, it stays out of the button's name. */}
            <span className="view-key" aria-hidden="true">
              {t(isMac ? 'comms.sendKeyMac' : 'comms.sendKey')}
            </span>
          </button>
        </div>
      </div>
      <p className="comms-done" role="status">
        {done}
      </p>
    </section>
  );
}

type EtaProps = {
  incident: IncidentSummary;
  actor: string;
  /** What is typed and not yet saved; null: the field shows the incident's ETA. */
  value: string | null;
  onChange: (value: string | null) => void;
  onSave: (eta: string) => Promise<void>;
};

function EtaField({ incident, actor, value, onChange: setValue, onSave }: EtaProps) {
  const [error, setError] = useState<string | null>(null);
  const shown = value ?? incident.eta;
  const save = async () => {
    if (value === null || value.trim() === incident.eta) {
      setValue(null);
      return;
    }
    try {
      await onSave(value.trim());
      setValue(null);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  // The hint and any error run under all the draft's facts, so the facts keep to one line.
  return (
    <>
      <div className="field comms-eta">
        <label htmlFor={`eta-${incident.id}`}>{t('comms.eta')}</label>
        <div className="comms-eta-input">
          <input
            id={`eta-${incident.id}`}
            value={shown}
            maxLength={200}
            disabled={!actor}
            onChange={(e) => setValue(e.target.value)}
            onBlur={() => void save()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                e.preventDefault();
                void save();
              }
            }}
            placeholder={t('comms.etaPlaceholder')}
            aria-describedby={`eta-${incident.id}-hint`}
          />
          {!incident.eta && actor && (
            <button type="button" className="button small ghost" onClick={() => void onSave(t('comms.etaUnknown'))}>
              {t('comms.etaSetUnknown')}
            </button>
          )}
        </div>
      </div>
      {/* The example is the field's placeholder; the whole hint is said with the field. */}
      <p id={`eta-${incident.id}-hint`} className="visually-hidden">
        {t('comms.etaHint')}
      </p>
      {error && (
        <p className="field-error comms-eta-hint" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Copy, mail and status page always; the webhooks the organisation offers for this audience, first. */
export function channelChoices(audience: Audience, settings: OrganisationSettings): ChannelChoice[] {
  const webhooks: ChannelChoice[] = settings.channels.webhooks
    .filter((w) => w.audiences.includes(audience.id))
    .map((webhook) => ({ kind: 'webhook', webhook }));
  const to = settings.channels.email.find((e) => e.audience === audience.id)?.to ?? [];
  return [...webhooks, { kind: 'clipboard' }, { kind: 'email', to }, { kind: 'statusPage', pageTitle: settings.channels.statusPageTitle }];
}

export function channelLabel(choice: ChannelChoice): string {
  switch (choice.kind) {
    case 'clipboard':
      return t('comms.channel.clipboard');
    case 'email':
      return choice.to.length ? t('comms.channel.emailTo', { to: choice.to.join(', ') }) : t('comms.channel.email');
    case 'statusPage':
      return t('comms.channel.statusPage');
    case 'webhook':
      return t('comms.channel.webhook', { format: t(`comms.format.${choice.webhook.format}`), name: choice.webhook.name });
  }
}

function sentNotice(channel: ChannelChoice, audience: string): string {
  switch (channel.kind) {
    case 'clipboard':
      return t('comms.sent.clipboard', { audience });
    case 'email':
      return t('comms.sent.email', { audience });
    case 'statusPage':
      return t('comms.sent.statusPage', { audience });
    case 'webhook':
      return t('comms.queued', { name: channel.webhook.name });
  }
}
