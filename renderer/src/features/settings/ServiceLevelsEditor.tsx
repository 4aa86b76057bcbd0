import type { OrganisationView } from '@shared/domain/organisation';
import { PRIORITIES, type Priority } from '@shared/domain/priority';

import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { LevelsSummary } from './settingSummaries';
import { SettingSection } from './SettingSection';
import { LEVEL_FIELDS, formatMinutes, levelKey, levelsToForm, validateLevels, type LevelField } from './settingsForms';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

const LABELS: Record<LevelField, MessageKey> = {
  toMajor: 'settings.levels.toMajorLabel',
  toContinuity: 'settings.levels.toContinuityLabel',
  warn: 'settings.levels.warnLabel',
};

/** Whole minutes typed, and read back in hours and days so 1440 is seen to be a day. */
function readBack(text: string, field: LevelField): string {
  const trimmed = text.trim();
  if (!trimmed) return field === 'warn' ? '' : t('settings.levels.noClock');
  return /^\d{1,6}$/.test(trimmed) ? formatMinutes(Number(trimmed)) : '';
}

/** Per priority: minutes to major, to continuity, and the warning before each deadline. */
export function ServiceLevelsEditor({ organisation, actor }: Props) {
  const section = t('settings.levels.heading');
  const editor = useSettingEditor({
    setting: 'serviceLevels',
    section,
    saved: organisation.settings.serviceLevels,
    heads: organisation.heads.serviceLevels,
    actor,
    toForm: levelsToForm,
    validate: validateLevels,
  });
  const setField = (priority: Priority, field: LevelField, value: string) =>
    editor.update((form) => ({ ...form, [priority]: { ...form[priority], [field]: value } }));

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.levels.inSentence')}
      intro={t('settings.levels.intro')}
      saveLabel={t('settings.levels.save')}
      conflicts={organisation.conflicts.serviceLevels}
      describe={(value) => <LevelsSummary value={value} />}
    >
      <table className="settings-table settings-levels">
        <thead>
          <tr>
            <th scope="col">{t('settings.levels.col.priority')}</th>
            {LEVEL_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(`settings.levels.col.${field}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((priority) => (
            <tr key={priority}>
              <th scope="row">
                <PriorityBadge priority={priority} />
              </th>
              {LEVEL_FIELDS.map((field) => {
                const key = levelKey(priority, field);
                const id = editor.id(key);
                const value = editor.form[priority][field];
                const error = editor.error(key);
                return (
                  <td key={field}>
                    <div className="settings-minutes">
                      <input
                        id={id}
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={t(LABELS[field], { priority: t(`priority.${priority}`) })}
                        value={value}
                        placeholder={field === 'warn' ? undefined : t('settings.levels.noClock')}
                        onChange={(e) => setField(priority, field, e.target.value)}
                        {...errorProps(id, error)}
                      />
                      <span className="settings-dim" aria-hidden="true">
                        {readBack(value, field)}
                      </span>
                    </div>
                    <FieldError id={id} error={error} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint settings-dim">{t('settings.levels.emptyMeansNoClock')}</p>
    </SettingSection>
  );
}
