import { useState, type FormEvent } from 'react';

import type { FinalStatus } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';
import { cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { changeStatus, logEntry } from '../../db/commands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { checkEntryText } from '../timeline/entryInput';
import { describeEntryProblem } from '../timeline/entryProblems';

type Props = { incident: IncidentSummary; actor: string; status: FinalStatus; onClose: () => void };

/**
 * Resolving or closing is a decision the post-mortem reads back: the note
 * saying what restored service (or why it can close) goes on the timeline as
 * a decision, then the status changes. Nothing is written on Cancel.
 */
export function StatusDialog({ incident, actor, status, onClose }: Props) {
  const db = useDatabase();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = cleanLine(note);
    const problem = checkEntryText(text);
    if (problem) {
      setError(problem === 'empty' ? t('statusDialog.noteRequired') : describeEntryProblem(problem, text.length));
      return;
    }
    setBusy(true);
    try {
      await logEntry(db, { incidentId: incident.id, kind: 'decision', text: t('statusDialog.entry', { status: t(`status.${status}`), note: text }), actor });
      await changeStatus(db, incident.id, status, actor);
      onClose();
    } catch (failure) {
      setError(t('statusDialog.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(`statusDialog.${status}.title`)} description={t(`statusDialog.${status}.hint`)} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form-grid">
        <Field id="status-note" label={t('statusDialog.noteLabel')} error={error ?? undefined} className="span-2">
          <input id="status-note" data-autofocus value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" {...errorProps('status-note', error ?? undefined)} />
        </Field>
        <DialogActions cancelLabel={t('declare.cancel')} onCancel={onClose} submitLabel={t(`statusDialog.${status}.submit`)} busy={busy} className="span-2" />
      </form>
    </Dialog>
  );
}
