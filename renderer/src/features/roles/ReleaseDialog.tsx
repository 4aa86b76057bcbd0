import { useState, type FormEvent } from 'react';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { releaseProblem, type PersonView } from '@shared/domain/roster';
import { cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { releasePerson } from '../../db/rosterCommands';
import { roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { failureMessage, problemMessage } from './problemMessage';

type Props = {
  incidentId: string;
  actor: string;
  person: PersonView;
  commanderRoleName: string;
  peopleListId: string;
  onClose: () => void;
};

/** Releases someone with a reason; the commander only with a successor, named here. */
export function ReleaseDialog({ incidentId, actor, person, commanderRoleName, peopleListId, onClose }: Props) {
  const db = useDatabase();
  const [reason, setReason] = useState('');
  const [successor, setSuccessor] = useState('');
  const [error, setError] = useState<{ field: 'reason' | 'successor'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const otherRoles = person.roles.filter((name) => !(person.holdsCommander && name === commanderRoleName)).map((name) => roleName({ name }));
  const commanderRole = roleName({ id: COMMANDER_ROLE, name: commanderRoleName });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const cleanReason = cleanLine(reason);
    const cleanSuccessor = cleanLine(successor);
    const context = { name: person.name, role: commanderRole, step: person.step };
    const problem = releaseProblem({
      engagement: person,
      person: person.name,
      reason: cleanReason,
      holdsCommander: person.holdsCommander,
      successor: cleanSuccessor,
    });
    if (problem) {
      const field = problem === 'commanderNeedsSuccessor' || problem === 'successorIsReleased' || problem === 'successorTooLong' ? 'successor' : 'reason';
      return setError({ field, message: problemMessage(problem, context) });
    }
    setBusy(true);
    try {
      await releasePerson(db, { incidentId, person: person.name, reason: cleanReason, successor: cleanSuccessor, actor });
      onClose();
    } catch (failure) {
      setError({ field: 'reason', message: failureMessage(failure, context) });
      setBusy(false);
    }
  };

  const reasonError = error?.field === 'reason' ? error.message : undefined;
  const successorError = error?.field === 'successor' ? error.message : undefined;
  return (
    <Dialog title={t('roles.releaseTitle', { name: person.name })} description={t('roles.releaseHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {person.holdsCommander && (
          <>
            <p className="roles-warning">{t('roles.releaseCommanderNote', { name: person.name, role: commanderRole })}</p>
            <Field id="release-successor" label={t('roles.releaseSuccessorLabel', { role: commanderRole })} error={successorError}>
              <input
                id="release-successor"
                data-autofocus
                list={peopleListId}
                autoComplete="off"
                value={successor}
                onChange={(e) => setSuccessor(e.target.value)}
                {...errorProps('release-successor', successorError)}
              />
            </Field>
          </>
        )}
        {otherRoles.length > 0 && <p className="roles-current">{t('roles.releaseRolesNote', { roles: otherRoles.join(', ') })}</p>}
        <Field id="release-reason" label={t('roles.releaseReasonLabel')} error={reasonError}>
          <input
            id="release-reason"
            data-autofocus={person.holdsCommander ? undefined : true}
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...errorProps('release-reason', reasonError)}
          />
        </Field>
        <DialogActions
          cancelLabel={t('roles.dialog.cancel')}
          onCancel={onClose}
          submitLabel={t('roles.releaseSubmit')}
          busy={busy}
          tone="danger"
        />
      </form>
    </Dialog>
  );
}
