import { useState, type FormEvent } from 'react';

import { allHolders, handOverProblem, type RoleView } from '@shared/domain/roster';
import { cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { assignRole } from '../../db/rosterCommands';
import { roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { PersonField } from './PersonField';
import { failureMessage, problemMessage } from './problemMessage';

type Props = { incidentId: string; actor: string; role: RoleView; peopleListId: string; onClose: () => void };

/** Assigns a role, or hands a one-seat role over: either way the timeline records who had it and who has it now. */
export function AssignRoleDialog({ incidentId, actor, role, peopleListId, onClose }: Props) {
  const db = useDatabase();
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = allHolders(role);
  const handOver = role.seats === 'one' && current.length > 0;
  const fieldId = `assign-${role.id}-person`;
  const shownRole = roleName(role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = cleanLine(person);
    const problem = handOverProblem(role, name);
    if (problem) return setError(problemMessage(problem, { name, role: shownRole }));
    setBusy(true);
    try {
      await assignRole(db, { incidentId, role: role.id, person: name, actor });
      onClose();
    } catch (failure) {
      setError(failureMessage(failure, { name, role: shownRole }));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(handOver ? 'roles.dialog.handOverTitle' : 'roles.dialog.assignTitle', { role: shownRole })}
      description={t('roles.dialog.hint')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        {current.length > 0 && <p className="roles-current">{t('roles.dialog.current', { names: current.join(', ') })}</p>}
        <PersonField id={fieldId} value={person} onChange={setPerson} peopleListId={peopleListId} error={error} />
        <DialogActions
          cancelLabel={t('roles.dialog.cancel')}
          onCancel={onClose}
          submitLabel={t(handOver ? 'roles.dialog.handOverSubmit' : 'roles.dialog.assignSubmit')}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
