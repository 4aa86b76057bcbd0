import { t } from '../../i18n/i18n';
import { Field, errorProps } from '../../ui/Field';

type Props = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The datalist of people already engaged, offered as the person types. */
  peopleListId: string;
  error: string | null;
};

/** The "Person" field of the roles dialogs: focused first, offering everyone engaged. */
export function PersonField({ id, value, onChange, peopleListId, error }: Props) {
  return (
    <Field id={id} label={t('roles.dialog.personLabel')} error={error ?? undefined}>
      <input
        id={id}
        data-autofocus
        list={peopleListId}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...errorProps(id, error ?? undefined)}
      />
    </Field>
  );
}
