import { COMMS_LIMITS } from '@shared/domain/comms';
import type { OrganisationView } from '@shared/domain/organisation';
import { PRIORITIES, type Priority } from '@shared/domain/priority';

import { t } from '../../i18n/i18n';
import { errorProps } from '../../ui/Field';
import { CommsSection } from './CommsSection';
import { audiencesToForm, cadenceKey, newAudienceRow, reservedAudienceIds, validateAudiences, type AudienceRow } from './commsForms';
import { AudiencesSummary } from './settingSummaries';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}

/** Who hears about an incident, and the minutes between their updates per priority (empty: as needed). */
export function AudiencesEditor({ organisation, actor }: Props) {
  const section = t('settings.audiences.heading');
  const { settings } = organisation;
  const editor = useSettingEditor({
    setting: 'audiences',
    section,
    saved: settings.audiences,
    heads: organisation.heads.audiences,
    actor,
    toForm: audiencesToForm,
    validate: (rows: AudienceRow[]) => validateAudiences(rows, reservedAudienceIds(settings)),
  });
  const rows = editor.form;

  const setName = (key: string, name: string) => editor.update((form) => form.map((row) => (row.key === key ? { ...row, name } : row)));
  const setCadence = (key: string, priority: Priority, value: string) =>
    editor.update((form) => form.map((row) => (row.key === key ? { ...row, cadence: { ...row.cadence, [priority]: value } } : row)));

  const add = () => {
    const row = newAudienceRow();
    editor.update((form) => [...form, row]);
    editor.focusSoon(`${row.key}-name`);
  };

  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    editor.update((form) => form.filter((_, i) => i !== index));
    editor.focusSoon(next ? `${next.key}-name` : 'add');
  };

  return (
    <CommsSection
      editor={editor}
      heads={organisation.heads.audiences}
      heading={section}
      inSentence={t('settings.audiences.inSentence')}
      intro={t('settings.audiences.intro')}
      editLabel={t('settings.audiences.edit')}
      saveLabel={t('settings.audiences.save')}
      firstField={rows[0] ? `${rows[0].key}-name` : 'add'}
      conflicts={organisation.conflicts.audiences}
      describe={(value) => <AudiencesSummary value={value} />}
      view={<AudiencesSummary value={settings.audiences} />}
    >
      <table className="settings-table settings-rows settings-audiences">
        <thead>
          <tr>
            <th scope="col">{t('settings.audiences.col.name')}</th>
            {PRIORITIES.map((p) => (
              <th key={p} scope="col">
                <abbr title={t('settings.audiences.col.cadence', { priority: t(`priority.${p}`) })}>{p}</abbr>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('settings.audiences.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            const nameKey = `${row.key}-name`;
            const nameId = editor.id(nameKey);
            const nameError = editor.error(nameKey);
            return (
              <tr key={row.key}>
                <td className="settings-grow">
                  <input
                    id={nameId}
                    aria-label={t('settings.audiences.nameLabel', { n })}
                    value={row.name}
                    autoComplete="off"
                    onChange={(e) => setName(row.key, e.target.value)}
                    {...errorProps(nameId, nameError)}
                  />
                  <FieldError id={nameId} error={nameError} />
                </td>
                {PRIORITIES.map((p) => {
                  const key = cadenceKey(row.key, p);
                  const id = editor.id(key);
                  const error = editor.error(key);
                  return (
                    <td key={p} className="settings-cadence">
                      <input
                        id={id}
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={t('settings.audiences.cadenceLabel', { n, priority: t(`priority.${p}`) })}
                        placeholder={t('settings.view.asNeeded')}
                        value={row.cadence[p]}
                        onChange={(e) => setCadence(row.key, p, e.target.value)}
                        {...errorProps(id, error)}
                      />
                      <FieldError id={id} error={error} />
                    </td>
                  );
                })}
                <td className="settings-row-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('settings.audiences.remove', { n })}
                    disabled={rows.length === 1}
                    onClick={() => remove(index)}
                  >
                    {t('settings.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint settings-dim">{t('settings.audiences.emptyMeansAsNeeded')}</p>
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={rows.length >= COMMS_LIMITS.audiences}>
          {t('settings.audiences.add')}
        </button>
        <span className="settings-dim">{t('settings.audiences.count', { count: rows.length, max: COMMS_LIMITS.audiences })}</span>
      </div>
    </CommsSection>
  );
}
