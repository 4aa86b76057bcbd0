import { useRef, useState, type FormEvent } from 'react';

import { checkHypothesisDraft, type DraftField, type DraftProblem, type HypothesisDraft } from '@shared/domain/hypothesis';

import { useDatabase } from '../../app/DatabaseContext';
import { proposeHypothesis } from '../../db/hypothesisCommands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { HypothesisFields, focusFirstProblem } from './HypothesisFields';
import { failureText } from './labels';

const DEFAULT_TIME_BOX = '20';

type Props = {
  incidentId: string;
  actor: string;
  onClose: () => void;
  onProposed: (id: string, statement: string) => void;
};

export function ProposeDialog({ incidentId, actor, onClose, onProposed }: Props) {
  const db = useDatabase();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<HypothesisDraft>({ statement: '', owner: actor, action: '', expectation: '', timeBox: DEFAULT_TIME_BOX });
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkHypothesisDraft(draft);
    if (!checked.ok) {
      setProblems(checked.problems);
      // After React has marked the fields invalid.
      requestAnimationFrame(() => focusFirstProblem(form.current));
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const id = await proposeHypothesis(db, { incidentId, actor, draft });
      onProposed(id, checked.value.statement);
    } catch (error) {
      setFailure(failureText(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('hypotheses.form.proposeTitle')} description={t('hypotheses.form.proposeHint')} onClose={onClose}>
      <form ref={form} onSubmit={submit} noValidate className="hypothesis-form">
        <HypothesisFields draft={draft} problems={problems} onChange={setDraft} />
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <DialogActions
          cancelLabel={t('hypotheses.form.cancel')}
          onCancel={onClose}
          submitLabel={t('hypotheses.form.submitPropose')}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
