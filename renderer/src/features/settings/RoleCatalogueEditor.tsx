import { COMMANDER_ROLE, ROLE_SEATS, type RoleSeats } from '@shared/domain/catalogues';
import type { OrganisationView } from '@shared/domain/organisation';
import { LIMITS } from '@shared/domain/text';

import { t } from '../../i18n/i18n';
import { errorProps } from '../../ui/Field';
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
  const rows = editor.form;
  const atLimit = rows.length >= LIMITS.roles;

  const setRow = (key: string, change: Partial<RoleRow>) =>
    editor.update((form) => form.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const add = () => {
    const row = newRoleRow();
    editor.update((form) => [...form, row]);
    editor.focusSoon(`${row.key}-name`);
  };

  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    editor.update((form) => form.filter((_, i) => i !== index));
    editor.focusSoon(next ? `${next.key}-name` : 'add');
  };

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    const key = rows[index]!.key;
    editor.update((form) => {
      const copy = [...form];
      [copy[index], copy[to]] = [copy[to]!, copy[index]!];
      return copy;
    });
    // Keep focus on the button pressed, or its partner once the row reaches an end.
    const atEnd = by === -1 ? to === 0 : to === rows.length - 1;
    editor.focusSoon(`${key}-${(by === -1) !== atEnd ? 'up' : 'down'}`);
  };

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
        <thead>
          <tr>
            <th scope="col">{t('settings.roles.col.order')}</th>
            <th scope="col">{t('settings.roles.col.name')}</th>
            <th scope="col">{t('settings.roles.col.seats')}</th>
            <th scope="col">{t('settings.roles.col.requiredToEngage')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.roles.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            const nameKey = `${row.key}-name`;
            const nameId = editor.id(nameKey);
            const error = editor.error(nameKey);
            const commander = row.id === COMMANDER_ROLE;
            return (
              <tr key={row.key}>
                <td className="settings-order">
                  <button
                    type="button"
                    id={editor.id(`${row.key}-up`)}
                    className="button small"
                    aria-label={t('settings.roles.moveUp', { n })}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={editor.id(`${row.key}-down`)}
                    className="button small"
                    aria-label={t('settings.roles.moveDown', { n })}
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                </td>
                <td className="settings-role-name">
                  <input
                    id={nameId}
                    aria-label={t('settings.roles.nameLabel', { n })}
                    value={row.name}
                    autoComplete="off"
                    onChange={(e) => setRow(row.key, { name: e.target.value })}
                    {...errorProps(nameId, error)}
                  />
                  {error && (
                    <p id={`${nameId}-error`} className="field-error">
                      {error}
                    </p>
                  )}
                </td>
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
                    <button type="button" className="button small" aria-label={t('settings.roles.remove', { n })} onClick={() => remove(index)}>
                      {t('settings.remove')}
                    </button>
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
