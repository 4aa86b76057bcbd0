import type { Contact } from '@shared/domain/oncall';
import { ONCALL_LIMITS, contactMethods } from '@shared/domain/oncall';
import type { OrganisationView } from '@shared/domain/organisation';

import { t } from '../../i18n/i18n';
import { listOperations, RemoveButton, RowsHead, TextCell } from './editorRows';
import { contactsToForm, newContactRow, validateContacts } from './oncallForms';
import { SettingSection } from './SettingSection';
import { useSettingEditor } from './useSettingEditor';
import { reachWords } from '../oncall/reachWords';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The people rosters name, and how each can be paged: a push topic, a phone for SMS, an e-mail address. */
export function ContactsEditor({ organisation, actor }: Props) {
  const section = t('settings.contacts.heading');
  const editor = useSettingEditor({
    setting: 'contacts',
    section,
    saved: organisation.settings.contacts,
    heads: organisation.heads.contacts,
    actor,
    toForm: contactsToForm,
    validate: validateContacts,
  });
  const { rows, setRow, add, remove } = listOperations(editor, { newRow: newContactRow, firstField: 'name' });
  const cell = (row: (typeof rows)[number], field: 'name' | 'email' | 'phone' | 'pushTopic', n: number) => (
    <TextCell
      editor={editor}
      fieldKey={`${row.key}-${field}`}
      label={t(`settings.contacts.${field}Label`, { n })}
      value={row[field]}
      onChange={(value) => setRow(row.key, { [field]: value })}
    />
  );

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.contacts.inSentence')}
      intro={t('settings.contacts.intro')}
      saveLabel={t('settings.contacts.save')}
      conflicts={organisation.conflicts.contacts}
      describe={(value) => <ContactsSummary value={value} />}
    >
      {rows.length === 0 ? (
        <p className="settings-empty">{t('settings.contacts.empty')}</p>
      ) : (
        <table className="settings-table settings-rows">
          <RowsHead
            columns={[t('settings.contacts.col.name'), t('settings.contacts.col.email'), t('settings.contacts.col.phone'), t('settings.contacts.col.pushTopic')]}
            actions={t('settings.contacts.col.actions')}
          />
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <tr key={row.key}>
                  {cell(row, 'name', n)}
                  {cell(row, 'email', n)}
                  {cell(row, 'phone', n)}
                  {cell(row, 'pushTopic', n)}
                  <td className="settings-row-actions">
                    <RemoveButton label={t('settings.contacts.remove', { n })} onRemove={() => remove(index)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={rows.length >= ONCALL_LIMITS.people}>
          {t('settings.contacts.add')}
        </button>
        {rows.length > 0 && <span className="settings-dim">{t('settings.contacts.count', { count: rows.length })}</span>}
      </div>
    </SettingSection>
  );
}

/** A version of the list, as a conflict shows it: each person and the ways to reach them. */
function ContactsSummary({ value }: { value: Contact[] }) {
  if (value.length === 0) return <p className="settings-dim">{t('settings.contacts.none')}</p>;
  return (
    <ul className="settings-summary-list">
      {value.slice(0, 8).map((person) => (
        <li key={person.name}>
          {t('settings.contacts.reachable', { name: person.name, methods: reachWords(contactMethods(person)) || t('oncall.unreachable') })}
        </li>
      ))}
    </ul>
  );
}
