import { useLiveQuery } from 'dexie-react-hooks';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';

import { useDatabase } from '../../app/DatabaseContext';
import { incidentViewRoute, navigate } from '../../app/router';
import { getCommander } from '../../db/rosterQueries';
import { roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { useReadOnly } from '../../ui/ReadOnly';
import { openRolesDialog } from './rolesRequest';

/**
 * Who is in command, for the incident header on every view (and the wall). An
 * incident without a commander says so loudly, in words, with the way to fix it.
 */
export function CommanderStatus({ incidentId }: { incidentId: string }) {
  const db = useDatabase();
  const readOnly = useReadOnly();
  const commander = useLiveQuery(() => getCommander(db, incidentId), [db, incidentId]);
  // Nothing until read: a moment's false alarm on every page load would teach people to ignore it.
  if (!commander) return null;

  const role = roleName({ id: COMMANDER_ROLE, name: commander.roleName });
  const toPeople = (assign: boolean) => {
    if (assign) openRolesDialog(incidentId, { kind: 'assign', role: COMMANDER_ROLE });
    navigate(incidentViewRoute(incidentId, 'people'));
  };

  if (commander.holders.length === 0) {
    return (
      <div className="commander-status missing" role="alert">
        <strong className="commander-missing-text">{t('roles.commanderMissing')}</strong>
        <span className="visually-hidden">{t('roles.commanderMissingHint')}</span>
        {!readOnly && (
          <button type="button" className="button small primary" onClick={() => toPeople(true)}>
            {t('roles.commanderAssign')}
          </button>
        )}
      </div>
    );
  }
  if (commander.conflict) {
    return (
      <div className="commander-status disputed" role="alert">
        <strong>{t('roles.commanderDisputed', { role, names: commander.holders.join(', ') })}</strong>
        {!readOnly && (
          <button type="button" className="button small" onClick={() => toPeople(false)}>
            {t('roles.commanderResolve')}
          </button>
        )}
      </div>
    );
  }
  return <p className="commander-status held">{t('roles.commanderHeld', { role, name: commander.holders[0]! })}</p>;
}
