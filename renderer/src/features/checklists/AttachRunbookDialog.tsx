import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';

import { runbooksIn } from '@shared/domain/runbooks';

import { useDatabase } from '../../app/DatabaseContext';
import { attachRunbook } from '../../db/checklistCommands';
import { attachedRunbooks } from '../../db/checklistQueries';
import { t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/locale';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field } from '../../ui/Field';
import { useOrganisation } from '../../ui/useOrganisation';
import { checklistProblemText } from './checklistProblems';

type Props = { incidentId: string; actor: string; onClose: () => void };

/** Attaches a runbook by hand, whatever its conditions: those the incident holds already are not offered. */
export function AttachRunbookDialog({ incidentId, actor, onClose }: Props) {
  const db = useDatabase();
  const id = useId();
  const language = useLocale();
  const organisation = useOrganisation();
  const held = useLiveQuery(async () => (await attachedRunbooks(db, [incidentId])).get(incidentId) ?? new Set<string>(), [db, incidentId]);
  const offered = organisation && held ? runbooksIn(organisation.settings.runbooks, language).filter((r) => !held.has(r.id)) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What the list shows is what gets attached: a choice that was attached elsewhere meanwhile is refused, not swapped.
  const shown = chosen ?? offered[0]?.id ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!shown) return onClose();
    setBusy(true);
    try {
      await attachRunbook(db, { incidentId, runbook: shown, language, actor });
      onClose();
    } catch (error) {
      setFailure(checklistProblemText(error));
    } finally {
      setBusy(false);
    }
  };

  // The dialog opens once it knows what to offer, so focus lands on the list, not on a blank.
  if (!organisation || !held) return null;
  return (
    <Dialog title={t('checklists.attachTitle')} description={t('checklists.attachHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {offered.length === 0 ? (
          <p>{t('checklists.attachNone')}</p>
        ) : (
          <Field id={id} label={t('checklists.attachLabel')}>
            <select id={id} value={shown} onChange={(e) => setChosen(e.target.value)} data-autofocus>
              {!offered.some((r) => r.id === shown) && <option value={shown}>{shown}</option>}
              {offered.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.auto ? t('checklists.attachAuto', { title: r.title }) : r.title}
                </option>
              ))}
            </select>
          </Field>
        )}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <DialogActions cancelLabel={t('checklists.cancel')} onCancel={onClose} submitLabel={t('checklists.attachSubmit')} busy={busy || offered.length === 0} />
      </form>
    </Dialog>
  );
}
