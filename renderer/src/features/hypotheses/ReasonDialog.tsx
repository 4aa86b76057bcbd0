import { useId, useState, type FormEvent } from 'react';

import type { HypothesisStatus } from '@shared/domain/events';
import { moveProblem, type HypothesisSummary } from '@shared/domain/hypothesis';
import { cleanLine } from '@shared/domain/text';

import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { moveProblemText, statusLabel } from './labels';

type Props = {
  summary: HypothesisSummary;
  to: HypothesisStatus;
  onCancel: () => void;
  onMove: (reason: string) => Promise<string | null>;
};

/** Asked when a move overturns a verdict: nothing is written until a reason is given. */
export function ReasonDialog({ summary, to, onCancel, onMove }: Props) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanLine(reason);
    const problem = moveProblem(summary, to, clean);
    if (problem) {
      setError(moveProblemText(problem, summary.statement, summary.status));
      document.getElementById(id)?.focus();
      return;
    }
    const failure = await onMove(clean);
    if (failure) setError(failure);
  };

  return (
    <Dialog
      title={t('hypotheses.reason.title', { statement: summary.statement })}
      description={t('hypotheses.reason.hint', { from: statusLabel(summary.status), to: statusLabel(to) })}
      onClose={onCancel}
    >
      <form onSubmit={submit} noValidate>
        <Field id={id} label={t('hypotheses.reason.label')} error={error}>
          <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" data-autofocus {...errorProps(id, error)} />
        </Field>
        <DialogActions
          cancelLabel={t('hypotheses.reason.cancel')}
          onCancel={onCancel}
          submitLabel={t('hypotheses.reason.submit', { status: statusLabel(to) })}
        />
      </form>
    </Dialog>
  );
}
