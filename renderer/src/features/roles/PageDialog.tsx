import { useState, type FormEvent } from 'react';

import { engagementProblem, personKey, type PersonView } from '@shared/domain/roster';
import { cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { recordStep } from '../../db/rosterCommands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { OnCallForServices } from '../oncall/OnCallForServices';
import { PersonField } from './PersonField';
import { failureMessage, problemMessage } from './problemMessage';

type Props = { incidentId: string; actor: string; people: readonly PersonView[]; peopleListId: string; onClose: () => void };

/** Records a page: the first step of someone's engagement (again, after a release). */
export function PageDialog({ incidentId, actor, people, peopleListId, onClose }: Props) {
  const db = useDatabase();
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = 'page-person';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void page(cleanLine(person));
  };

  const page = async (name: string) => {
    if (busy) return;
    const current = people.find((p) => p.key === personKey(name));
    const problem = engagementProblem(current, name, 'paged');
    const context = { name: current?.name ?? name, ...(current ? { step: current.step } : {}) };
    if (problem) return setError(problemMessage(problem, context));
    setBusy(true);
    try {
      await recordStep(db, { incidentId, person: name, step: 'paged', actor });
      onClose();
    } catch (failure) {
      setError(failureMessage(failure, context));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('roles.pageTitle')} description={t('roles.pageHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <OnCallForServices
          incidentId={incidentId}
          onPick={(name) => {
            setPerson(name);
            void page(name);
          }}
        />
        <PersonField id={fieldId} value={person} onChange={setPerson} peopleListId={peopleListId} error={error} />
        <DialogActions
          cancelLabel={t('roles.dialog.cancel')}
          onCancel={onClose}
          submitLabel={t('roles.pageSubmit')}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
