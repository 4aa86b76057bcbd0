import { COMMANDER_ROLE, ROLE_SEATS, type RoleSeats } from '@shared/domain/catalogues';
import type { OrganisationView } from '@shared/domain/organisation';
import { LIMITS } from '@shared/domain/text';

import { t } from '../../i18n/i18n';
import { listOperations, MoveButtons, RemoveButton, RowsHead, TextCell } from './editorRows';
import { RolesSummary } from './settingSummaries';
import { SettingSection } from './SettingSection';
import { newRoleRow, rolesToForm, validateRoles, type RoleRow } from './settingsForms';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The role catalogue: rename, reorder, add and remove roles; the commander stays, held by one person. */
export function RoleCatalogueEditor({ organisation, actor }: Props) {
  const section = t('settings.roles.heading');
  const editor = useSettingEditor({
    setting: 'roles',
    section,
    saved: organisation.settings.roles,
    heads: organisation.heads.roles,
    actor,
    toForm: rolesToForm,
    validate: (rows: RoleRow[]) => validateRoles(rows, organisation.usedRoleIds),
  });
  const { rows, setRow, add, remove, move } = listOperations(editor, { newRow: newRoleRow, firstField: 'name' });
  const atLimit = rows.length >= LIMITS.roles;

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.roles.inSentence')}
      intro={t('settings.roles.intro')}
      saveLabel={t('settings.roles.save')}
      conflicts={organisation.conflicts.roles}
      describe={(value) => <RolesSummary value={value} />}
    >
      <table className="settings-table settings-rows">
        <RowsHead
          columns={[t('settings.roles.col.order'), t('settings.roles.col.name'), t('settings.roles.col.seats'), t('settings.roles.col.requiredToEngage')]}
          actions={t('settings.roles.col.actions')}
        />
        <tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            const commander = row.id === COMMANDER_ROLE;
            return (
              <tr key={row.key}>
                <MoveButtons
                  editor={editor}
                  rowKey={row.key}
                  index={index}
                  count={rows.length}
                  labels={{ up: t('settings.roles.moveUp', { n }), down: t('settings.roles.moveDown', { n }) }}
                  onMove={move}
                />
                <TextCell
                  editor={editor}
                  fieldKey={`${row.key}-name`}
                  className="settings-role-name"
                  label={t('settings.roles.nameLabel', { n })}
                  value={row.name}
                  onChange={(name) => setRow(row.key, { name })}
                />
                <td>
                  {commander ? (
                    <span className="settings-fixed">{t('settings.roles.commanderSeats')}</span>
                  ) : (
                    <select
                      id={editor.id(`${row.key}-seats`)}
                      aria-label={t('settings.roles.seatsLabel', { n })}
                      value={row.seats}
                      onChange={(e) => setRow(row.key, { seats: e.target.value as RoleSeats })}
                    >
                      {ROLE_SEATS.map((seats) => (
                        <option key={seats} value={seats}>
                          {t(`settings.seats.${seats}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>
                  {commander ? (
                    <span className="settings-fixed">{t('settings.roles.alwaysRequired')}</span>
                  ) : (
                    <input
                      type="checkbox"
                      id={editor.id(`${row.key}-required`)}
                      aria-label={t('settings.roles.requiredLabel', { n })}
                      checked={row.required}
                      onChange={(e) => setRow(row.key, { required: e.target.checked })}
                    />
                  )}
                </td>
                <td className="settings-row-actions">
                  {commander ? (
                    <span className="badge">{t('settings.roles.required')}</span>
                  ) : (
                    <RemoveButton label={t('settings.roles.remove', { n })} onRemove={() => remove(index)} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={atLimit}>
          {t('settings.roles.add')}
        </button>
        <span className="settings-dim">{t('settings.roles.count', { count: rows.length, max: LIMITS.roles })}</span>
      </div>
    </SettingSection>
  );
}
