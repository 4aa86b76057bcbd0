import type { OrganisationView } from '@shared/domain/organisation';
import { IMPACTS, PRIORITIES, URGENCIES, type Impact, type Priority, type Urgency } from '@shared/domain/priority';

import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';
import { MatrixSummary } from './settingSummaries';
import { SettingSection } from './SettingSection';
import { matrixCellKey, matrixToForm, validateMatrix } from './settingsForms';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** Impact × urgency → priority, as a table of selects; a cell may be left empty, and saving then says which. */
export function PriorityMatrixEditor({ organisation, actor }: Props) {
  const section = t('settings.matrix.heading');
  const editor = useSettingEditor({
    setting: 'priorityMatrix',
    section,
    saved: organisation.settings.priorityMatrix,
    heads: organisation.heads.priorityMatrix,
    actor,
    toForm: matrixToForm,
    validate: validateMatrix,
  });
  const setCell = (impact: Impact, urgency: Urgency, value: Priority | '') =>
    editor.update((form) => ({ ...form, [impact]: { ...form[impact], [urgency]: value } }));

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.matrix.inSentence')}
      intro={t('settings.matrix.intro')}
      saveLabel={t('settings.matrix.save')}
      conflicts={organisation.conflicts.priorityMatrix}
      describe={(value) => <MatrixSummary value={value} />}
    >
      <table className="settings-table settings-matrix">
        <thead>
          <tr>
            <td className="settings-matrix-corner">{t('settings.matrix.corner')}</td>
            {URGENCIES.map((urgency) => (
              <th key={urgency} scope="col">
                {t(`urgency.${urgency}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {IMPACTS.map((impact) => (
            <tr key={impact}>
              <th scope="row">{t(`impact.${impact}`)}</th>
              {URGENCIES.map((urgency) => {
                const key = matrixCellKey(impact, urgency);
                const id = editor.id(key);
                const value = editor.form[impact][urgency];
                const error = editor.error(key);
                return (
                  <td key={urgency}>
                    <select
                      id={id}
                      className={value ? `settings-priority-select settings-priority-${value}` : 'settings-priority-select'}
                      aria-label={t('settings.matrix.cellLabel', { impact: t(`impact.${impact}`), urgency: t(`urgency.${urgency}`) })}
                      value={value}
                      onChange={(e) => setCell(impact, urgency, e.target.value as Priority | '')}
                      {...errorProps(id, error)}
                    >
                      <option value="">{t('settings.matrix.empty')}</option>
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {t(`priority.${p}`)}
                        </option>
                      ))}
                    </select>
                    <FieldError id={id} error={error} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </SettingSection>
  );
}
