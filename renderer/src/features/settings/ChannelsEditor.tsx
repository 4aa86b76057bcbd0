import { COMMS_LIMITS, WEBHOOK_FORMATS, type WebhookFormat } from '@shared/domain/comms';
import { maskedWebhook } from '@shared/domain/links';
import type { OrganisationView } from '@shared/domain/organisation';

import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';
import { CommsSection } from './CommsSection';
import { RemoveButton, rowOperations } from './editorRows';
import { STATUS_TITLE_KEY, channelsToForm, emailKey, newWebhookRow, validateChannels, type ChannelsForm, type WebhookRow } from './commsForms';
import { ChannelsSummary, audienceLabel } from './settingSummaries';
import { useSettingEditor, type SettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };
type Editor = SettingEditor<'channels', ChannelsForm>;

type WebhookProps = {
  editor: Editor;
  row: WebhookRow;
  n: number;
  audiences: OrganisationView['settings']['audiences'];
  onChange: (change: Partial<WebhookRow>) => void;
  onRemove: () => void;
};

/** One webhook; a saved address stays hidden (scheme and host only) unless it is replaced. */
function WebhookFields({ editor, row, n, audiences, onChange, onRemove }: WebhookProps) {
  const nameId = editor.id(`${row.key}-name`);
  const urlId = editor.id(`${row.key}-url`);
  const nameError = editor.error(`${row.key}-name`);
  const urlError = editor.error(`${row.key}-url`);
  const toggle = (id: string, on: boolean) =>
    onChange({ audiences: on ? [...row.audiences, id] : row.audiences.filter((a) => a !== id) });

  return (
    <fieldset className="settings-webhook">
      <legend>{t('settings.channels.webhookLegend', { n })}</legend>
      <div className="settings-webhook-line">
        <div className="field">
          <label htmlFor={nameId}>{t('settings.channels.nameLabel', { n })}</label>
          <input id={nameId} value={row.name} autoComplete="off" onChange={(e) => onChange({ name: e.target.value })} {...errorProps(nameId, nameError)} />
          <FieldError id={nameId} error={nameError} />
        </div>
        <div className="field">
          <label htmlFor={editor.id(`${row.key}-format`)}>{t('settings.channels.formatLabel', { n })}</label>
          <select id={editor.id(`${row.key}-format`)} value={row.format} onChange={(e) => onChange({ format: e.target.value as WebhookFormat })}>
            {WEBHOOK_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`settings.channels.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {row.secretKept ? (
        <div className="settings-webhook-line">
          <p className="settings-secret">{t('settings.channels.urlKept', { n, masked: maskedWebhook(row.url) })}</p>
          <button
            type="button"
            id={urlId}
            className="button small"
            aria-label={t('settings.channels.replaceUrlLabel', { n })}
            onClick={() => {
              onChange({ url: '', secretKept: false });
              editor.focusSoon(`${row.key}-url`);
            }}
          >
            {t('settings.channels.replaceUrl')}
          </button>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={urlId}>{t('settings.channels.urlLabel', { n })}</label>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            value={row.url}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ url: e.target.value })}
            {...errorProps(urlId, urlError)}
          />
          <FieldError id={urlId} error={urlError} />
        </div>
      )}
      {audiences.length > 0 && (
        <fieldset className="settings-checks">
          <legend>{t('settings.channels.audiencesLegend', { n })}</legend>
          {audiences.map((a) => (
            <label key={a.id}>
              <input type="checkbox" checked={row.audiences.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
              {audienceLabel(a.id, audiences)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="settings-list-footer">
        <RemoveButton label={t('settings.channels.remove', { n })} onRemove={onRemove} />
      </div>
    </fieldset>
  );
}

/** Chat webhooks, e-mail recipients per audience and the status page's title. */
export function ChannelsEditor({ organisation, actor }: Props) {
  const section = t('settings.channels.heading');
  const { settings } = organisation;
  const editor: Editor = useSettingEditor({
    setting: 'channels',
    section,
    saved: settings.channels,
    heads: organisation.heads.channels,
    actor,
    toForm: channelsToForm,
    validate: (form: ChannelsForm) => validateChannels(form, settings.channels.webhooks.map((w) => w.id)),
  });
  const form = editor.form;
  // Audiences in their order, then any a recipient list still names after its audience was removed.
  const emailAudiences = [...new Set([...settings.audiences.map((a) => a.id), ...Object.keys(form.email)])];

  const {
    setRow: setWebhook,
    add,
    remove,
  } = rowOperations(editor, {
    read: (f: ChannelsForm) => f.webhooks,
    write: (f: ChannelsForm, webhooks: WebhookRow[]) => ({ ...f, webhooks }),
    newRow: newWebhookRow,
    firstField: 'name',
  });

  const titleId = editor.id(STATUS_TITLE_KEY);
  const titleError = editor.error(STATUS_TITLE_KEY);

  return (
    <CommsSection
      editor={editor}
      heads={organisation.heads.channels}
      heading={section}
      inSentence={t('settings.channels.inSentence')}
      intro={t('settings.channels.intro')}
      editLabel={t('settings.channels.edit')}
      saveLabel={t('settings.channels.save')}
      firstField={form.webhooks[0] ? `${form.webhooks[0].key}-name` : 'add'}
      conflicts={organisation.conflicts.channels}
      describe={(value) => <ChannelsSummary value={value} audiences={settings.audiences} />}
      view={<ChannelsSummary value={settings.channels} audiences={settings.audiences} />}
    >
      <h3 className="settings-subheading">{t('settings.channels.webhooksHeading')}</h3>
      {form.webhooks.length === 0 && <p className="settings-empty">{t('settings.channels.noWebhooks')}</p>}
      {form.webhooks.map((row, index) => (
        <WebhookFields
          key={row.key}
          editor={editor}
          row={row}
          n={index + 1}
          audiences={settings.audiences}
          onChange={(change) => setWebhook(row.key, change)}
          onRemove={() => remove(index)}
        />
      ))}
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={form.webhooks.length >= COMMS_LIMITS.webhooks}>
          {t('settings.channels.add')}
        </button>
      </div>

      <h3 className="settings-subheading">{t('settings.channels.emailHeading')}</h3>
      <p className="hint settings-dim">{t('settings.channels.emailHint')}</p>
      {emailAudiences.map((audience) => {
        const key = emailKey(audience);
        const id = editor.id(key);
        const error = editor.error(key);
        return (
          <div key={audience} className="field">
            <label htmlFor={id}>{t('settings.channels.emailLabel', { audience: audienceLabel(audience, settings.audiences) })}</label>
            <textarea
              id={id}
              rows={2}
              spellCheck={false}
              value={form.email[audience] ?? ''}
              onChange={(e) => editor.update((f) => ({ ...f, email: { ...f.email, [audience]: e.target.value } }))}
              {...errorProps(id, error)}
            />
            <FieldError id={id} error={error} />
          </div>
        );
      })}

      <div className="field">
        <label htmlFor={titleId}>{t('settings.channels.statusTitleLabel')}</label>
        <input
          id={titleId}
          value={form.statusPageTitle}
          autoComplete="off"
          onChange={(e) => editor.update((f) => ({ ...f, statusPageTitle: e.target.value }))}
          {...errorProps(titleId, titleError)}
        />
        <FieldError id={titleId} error={titleError} />
      </div>
    </CommsSection>
  );
}
