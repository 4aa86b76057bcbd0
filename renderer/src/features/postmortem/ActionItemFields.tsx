import { useState, type FormEvent, type KeyboardEvent } from 'react';

import { t } from '../../i18n/i18n';
import { errorProps, Field } from '../../ui/Field';
import { checkActionItem, type ActionItemDraft, type ActionItemErrors } from './actionItemForm';

type Props = {
  idPrefix: string;
  initial: ActionItemDraft;
  submitLabel: string;
  onSubmit: (draft: ActionItemDraft) => Promise<void>;
  onCancel?: () => void;
};

/** Title, owner and due day of an action item: adding one, or editing it in place. */
export function ActionItemFields({ idPrefix, initial, submitLabel, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<ActionItemErrors>({});
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const error = (field: keyof ActionItemDraft) => (errors[field] ? t(`actions.error.${errors[field]}`) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkActionItem(draft);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      document.getElementById(`${idPrefix}-${Object.keys(checked.errors)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setFailed(false);
    try {
      await onSubmit(checked.value);
      if (!onCancel) setDraft({ title: '', owner: '', due: '' });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onCancel) {
      event.stopPropagation();
      onCancel();
    }
  };

  const field = (name: keyof ActionItemDraft, type: 'text' | 'date', autoFocus = false) => {
    const id = `${idPrefix}-${name}`;
    return (
      <Field id={id} label={t(`actions.field.${name}`)} error={error(name)}>
        <input
          id={id}
          type={type}
          value={draft[name]}
          autoFocus={autoFocus}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          {...errorProps(id, error(name))}
        />
      </Field>
    );
  };

  return (
    <form className="action-item-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      {field('title', 'text', onCancel !== undefined)}
      {field('owner', 'text')}
      {field('due', 'date')}
      <div className="action-item-buttons">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            {t('actions.cancel')}
          </button>
        )}
      </div>
      {failed && (
        <p className="field-error" role="alert">
          {t('actions.error.saveFailed')}
        </p>
      )}
    </form>
  );
}
