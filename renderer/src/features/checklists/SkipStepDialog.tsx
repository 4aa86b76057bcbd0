import { useId, useState, type FormEvent } from 'react';

import { stepAbout, type ChecklistStepView, type ChecklistView } from '@shared/domain/checklists';

import { useDatabase } from '../../app/DatabaseContext';
import { markStep } from '../../db/checklistCommands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { checklistProblemText } from './checklistProblems';

type Props = { incidentId: string; actor: string; checklist: ChecklistView; step: ChecklistStepView; onClose: () => void };

/** A step is skipped only with a reason: it goes on the timeline with the skip. */
export function SkipStepDialog({ incidentId, actor, checklist, step, onClose }: Props) {
  const db = useDatabase();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await markStep(db, { incidentId, runbook: checklist.runbook, step: step.id, state: 'skipped', reason, actor });
      onClose();
    } catch (failure) {
      setError(checklistProblemText(failure, checklist, step));
      document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('checklists.skipTitle')} description={t('checklists.skipHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field id={id} label={t('checklists.skipReason', { step: stepAbout(step) })} error={error}>
          <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" data-autofocus {...errorProps(id, error)} />
        </Field>
        <DialogActions cancelLabel={t('checklists.cancel')} onCancel={onClose} submitLabel={t('checklists.skipSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
