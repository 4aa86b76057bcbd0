import { CONTINUITY_STRATEGIES, type ContinuityStrategy } from '@shared/domain/catalogues';
import type { OrganisationView } from '@shared/domain/organisation';
import { URGENCIES, type Urgency } from '@shared/domain/priority';
import { LIMITS } from '@shared/domain/text';

import { t } from '../../i18n/i18n';
import { errorProps } from '../../ui/Field';
import { ServicesSummary } from './settingSummaries';
import { SettingSection } from './SettingSection';
import { newServiceRow, servicesToForm, validateServices, type ServiceRow } from './settingsForms';
import { useSettingEditor, type SettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };
type Editor = SettingEditor<'services', ServiceRow[]>;

function TextCell({ editor, row, field, label }: { editor: Editor; row: ServiceRow; field: 'name' | 'owner'; label: string }) {
  const key = `${row.key}-${field}`;
  const id = editor.id(key);
  const error = editor.error(key);
  return (
    <td className="settings-grow">
      <input
        id={id}
        aria-label={label}
        value={row[field]}
        autoComplete="off"
        onChange={(e) => editor.update((form) => form.map((r) => (r.key === row.key ? { ...r, [field]: e.target.value } : r)))}
        {...errorProps(id, error)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </td>
  );
}

/** The service catalogue: each service's criticality (the urgency it suggests), owner and continuity strategy. */
export function ServiceCatalogueEditor({ organisation, actor }: Props) {
  const section = t('settings.services.heading');
  const editor: Editor = useSettingEditor({
    setting: 'services',
    section,
    saved: organisation.settings.services,
    heads: organisation.heads.services,
    actor,
    toForm: servicesToForm,
    validate: validateServices,
  });
  const rows = editor.form;
  const setRow = (key: string, change: Partial<ServiceRow>) =>
    editor.update((form) => form.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const add = () => {
    const row = newServiceRow();
    editor.update((form) => [...form, row]);
    editor.focusSoon(`${row.key}-name`);
  };

  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    editor.update((form) => form.filter((_, i) => i !== index));
    editor.focusSoon(next ? `${next.key}-name` : 'add');
  };

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.services.inSentence')}
      intro={t('settings.services.intro')}
      saveLabel={t('settings.services.save')}
      conflicts={organisation.conflicts.services}
      describe={(value) => <ServicesSummary value={value} />}
    >
      {rows.length === 0 ? (
        <p className="settings-empty">{t('settings.services.empty')}</p>
      ) : (
        <table className="settings-table settings-rows">
          <thead>
            <tr>
              <th scope="col">{t('settings.services.col.name')}</th>
              <th scope="col">{t('settings.services.col.criticality')}</th>
              <th scope="col">{t('settings.services.col.owner')}</th>
              <th scope="col">{t('settings.services.col.continuity')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.services.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <tr key={row.key}>
                  <TextCell editor={editor} row={row} field="name" label={t('settings.services.nameLabel', { n })} />
                  <td>
                    <select
                      id={editor.id(`${row.key}-criticality`)}
                      aria-label={t('settings.services.criticalityLabel', { n })}
                      value={row.criticality}
                      onChange={(e) => setRow(row.key, { criticality: e.target.value as Urgency })}
                    >
                      {URGENCIES.map((u) => (
                        <option key={u} value={u}>
                          {t(`urgency.${u}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <TextCell editor={editor} row={row} field="owner" label={t('settings.services.ownerLabel', { n })} />
                  <td>
                    <select
                      id={editor.id(`${row.key}-continuity`)}
                      aria-label={t('settings.services.continuityLabel', { n })}
                      value={row.continuity}
                      onChange={(e) => setRow(row.key, { continuity: e.target.value as ContinuityStrategy })}
                    >
                      {CONTINUITY_STRATEGIES.map((c) => (
                        <option key={c} value={c}>
                          {t(`settings.continuity.${c}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="settings-row-actions">
                    <button type="button" className="button small" aria-label={t('settings.services.remove', { n })} onClick={() => remove(index)}>
                      {t('settings.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={rows.length >= LIMITS.catalogueServices}>
          {t('settings.services.add')}
        </button>
        {rows.length > 0 && <span className="settings-dim">{t('settings.services.count', { count: rows.length })}</span>}
      </div>
    </SettingSection>
  );
}
