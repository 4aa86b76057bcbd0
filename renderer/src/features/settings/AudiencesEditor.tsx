import { COMMS_LIMITS } from '@shared/domain/comms';
import type { OrganisationView } from '@shared/domain/organisation';
import { PRIORITIES, type Priority } from '@shared/domain/priority';

import { t } from '../../i18n/i18n';
import { CommsSection } from './CommsSection';
import { audiencesToForm, cadenceKey, newAudienceRow, reservedAudienceIds, validateAudiences, type AudienceRow } from './commsForms';
import { listOperations, RemoveButton, RowsHead, TextCell } from './editorRows';
import { AudiencesSummary } from './settingSummaries';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

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
  const { rows, setRow, add, remove } = listOperations(editor, { newRow: newAudienceRow, firstField: 'name' });
  const setCadence = (row: AudienceRow, priority: Priority, value: string) => setRow(row.key, { cadence: { ...row.cadence, [priority]: value } });

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
        <RowsHead
          columns={[
            t('settings.audiences.col.name'),
            ...PRIORITIES.map((p) => (
              <abbr key={p} title={t('settings.audiences.col.cadence', { priority: t(`priority.${p}`) })}>
                {p}
              </abbr>
            )),
            t('settings.audiences.col.exerciseSafe'),
          ]}
          actions={t('settings.audiences.col.actions')}
        />
        <tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <tr key={row.key}>
                <TextCell
                  editor={editor}
                  fieldKey={`${row.key}-name`}
                  label={t('settings.audiences.nameLabel', { n })}
                  value={row.name}
                  onChange={(name) => setRow(row.key, { name })}
                />
                {PRIORITIES.map((p) => (
                  <TextCell
                    key={p}
                    editor={editor}
                    fieldKey={cadenceKey(row.key, p)}
                    className="settings-cadence"
                    inputMode="numeric"
                    label={t('settings.audiences.cadenceLabel', { n, priority: t(`priority.${p}`) })}
                    placeholder={t('settings.view.asNeeded')}
                    value={row.cadence[p]}
                    onChange={(value) => setCadence(row, p, value)}
                  />
                ))}
                <td className="settings-exercise-safe">
                  <input
                    type="checkbox"
                    id={editor.id(`${row.key}-exerciseSafe`)}
                    aria-label={t('settings.audiences.exerciseSafeLabel', { n })}
                    checked={row.exerciseSafe}
                    onChange={(e) => setRow(row.key, { exerciseSafe: e.target.checked })}
                  />
                </td>
                <td className="settings-row-actions">
                  <RemoveButton label={t('settings.audiences.remove', { n })} disabled={rows.length === 1} onRemove={() => remove(index)} />
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
