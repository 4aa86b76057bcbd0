import { useId } from 'react';

import type { DraftField, DraftProblem, HypothesisDraft } from '@shared/domain/hypothesis';

import { t } from '../../i18n/i18n';
import { Field, errorProps } from '../../ui/Field';
import { draftProblemText } from './labels';

type Props = {
  draft: HypothesisDraft;
  problems: Partial<Record<DraftField, DraftProblem>>;
  onChange: (draft: HypothesisDraft) => void;
  /** Whether the dialog should start in the statement field. */
  autoFocus?: boolean;
};

/** The hypothesis and its probe, as typed: shared by proposing and editing. */
export function HypothesisFields({ draft, problems, onChange, autoFocus = true }: Props) {
  const base = useId();
  const id = (field: DraftField) => `${base}-${field}`;
  const error = (field: DraftField) => {
    const problem = problems[field];
    return problem ? draftProblemText(field, problem) : undefined;
  };
  const set = (field: DraftField) => (event: { target: { value: string } }) => onChange({ ...draft, [field]: event.target.value });

  return (
    <>
      <Field id={id('statement')} label={t('hypotheses.form.statement')} error={error('statement')}>
        <input
          id={id('statement')}
          value={draft.statement}
          onChange={set('statement')}
          placeholder={t('hypotheses.form.statementHint')}
          autoComplete="off"
          data-autofocus={autoFocus ? true : undefined}
          {...errorProps(id('statement'), error('statement'))}
        />
      </Field>
      <Field id={id('owner')} label={t('hypotheses.form.owner')} error={error('owner')}>
        <input id={id('owner')} value={draft.owner} onChange={set('owner')} autoComplete="off" {...errorProps(id('owner'), error('owner'))} />
      </Field>
      <Field id={id('action')} label={t('hypotheses.form.action')} error={error('action')}>
        <textarea id={id('action')} rows={2} value={draft.action} onChange={set('action')} {...errorProps(id('action'), error('action'))} />
      </Field>
      <Field id={id('expectation')} label={t('hypotheses.form.expectation')} error={error('expectation')}>
        <textarea
          id={id('expectation')}
          rows={2}
          value={draft.expectation}
          onChange={set('expectation')}
          {...errorProps(id('expectation'), error('expectation'))}
        />
      </Field>
      <Field id={id('timeBox')} label={t('hypotheses.form.timeBox')} error={error('timeBox')}>
        <input
          id={id('timeBox')}
          className="timebox-input"
          inputMode="numeric"
          value={draft.timeBox}
          onChange={set('timeBox')}
          aria-describedby={error('timeBox') ? `${id('timeBox')}-error ${id('timeBox')}-hint` : `${id('timeBox')}-hint`}
          aria-invalid={error('timeBox') ? true : undefined}
        />
        <span id={`${id('timeBox')}-hint`} className="field-hint">
          {t('hypotheses.form.timeBoxHint')}
        </span>
      </Field>
    </>
  );
}

/** Moves focus to the first field with a problem, so a keyboard user lands on what to fix. */
export function focusFirstProblem(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
