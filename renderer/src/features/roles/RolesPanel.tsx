import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useId, useMemo, useState } from 'react';

import { viewRoster, type PersonView, type RoleView } from '@shared/domain/roster';

import { useDatabase } from '../../app/DatabaseContext';
import { useCommands, type Command } from '../../commands/registry';
import { liveHypothesisOwners } from '../../db/hypothesisQueries';
import { getRosterParts } from '../../db/rosterQueries';
import { keepRoleHolders, recordStep, standDown } from '../../db/rosterCommands';
import { roleName } from '../../i18n/defaultNames';
import { formatDuration, t } from '../../i18n/i18n';
import { useReadOnly } from '../../ui/ReadOnly';
import { AssignRoleDialog } from './AssignRoleDialog';
import { EngagementTable, PERSON_ACTION_TEXT, personActions, type PersonAction } from './EngagementTable';
import { PageDialog } from './PageDialog';
import { failureMessage } from './problemMessage';
import { ReleaseDialog } from './ReleaseDialog';
import { RoleConflicts } from './RoleConflicts';
import { RolesColumn } from './RolesColumn';
import { closeRolesDialog, openRolesDialog, useRolesDialog } from './rolesRequest';
import { useNow } from '../../ui/useNow';
import { useSyncStatus } from '../../sync/syncStatus';
import { pageLines, type HubPaging } from './pageStatus';

/** The people view: roles and who holds them, and everyone's engagement, from one live read of the roster. */
// Memoised: the incident page re-renders on every event of the incident; the panel follows only its own query.
type Props = {
  incidentId: string;
  actor: string;
  /** When a resolved or closed incident ended: durations stop there instead of counting on. */
  endedAt?: string | null;
};

export const RolesPanel = memo(function RolesPanel({ incidentId, actor, endedAt = null }: Props) {
  const db = useDatabase();
  const readOnly = useReadOnly() || !actor;
  // Two live reads: an engagement step re-reads the roster, not the incident's hypotheses (whose owners it needs for release advice).
  const parts = useLiveQuery(() => getRosterParts(db, incidentId), [db, incidentId]);
  const owners = useLiveQuery(() => liveHypothesisOwners(db, incidentId), [db, incidentId]);
  const view = useMemo(() => (parts && owners ? viewRoster(parts.state, parts.roles, owners) : undefined), [parts, owners]);
  const ticking = useNow(30_000);
  const now = endedAt ? Date.parse(endedAt) : ticking;
  const hub = useSyncStatus(({ status }): HubPaging => (status.state !== 'synced' && status.state !== 'syncing' ? 'unreachable' : status.paging ? 'paging' : 'notPaging'));
  const pages = useMemo(
    () => new Map((view?.people ?? []).map((person) => [person.key, pageLines(person, parts?.contacts ?? [], hub, now)])),
    [view, parts, hub, now],
  );
  const dialog = useRolesDialog(incidentId);
  const [failure, setFailure] = useState<string | null>(null);
  const peopleListId = useId();

  const run = useCallback(async (work: () => Promise<void>, context: { name?: string; role?: string; step?: PersonView['step'] }) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(failureMessage(error, context));
    }
  }, []);

  const onAction = useCallback(
    (action: PersonAction, person: PersonView) => {
      if (action === 'release') {
        openRolesDialog(incidentId, { kind: 'release', person: person.key });
        return;
      }
      void run(() => recordStep(db, { incidentId, person: person.name, step: action, actor }), { name: person.name, step: person.step });
    },
    [db, incidentId, actor, run],
  );

  // Each engagement step that can be recorded for someone is also a command: the palette reaches it by name.
  const stepCommands = useMemo(
    (): Command[] =>
      readOnly || !view
        ? []
        : view.people.flatMap((person) =>
            personActions(person).map(
              (action): Command => ({
                id: `people.step.${person.key}.${action}`,
                label: { key: PERSON_ACTION_TEXT[action].named, values: { name: person.name } },
                group: 'people',
                run: () => onAction(action, person),
              }),
            ),
          ),
    [readOnly, view, onAction],
  );
  useCommands(stepCommands);

  const onAssign = useCallback((role: string) => openRolesDialog(incidentId, { kind: 'assign', role }), [incidentId]);

  const onStandDown = useCallback(
    (role: string, person: string) => void run(() => standDown(db, { incidentId, role, person, actor }), { name: person }),
    [db, incidentId, actor, run],
  );

  const onKeep = useCallback(
    (role: RoleView, holders: string[]) => void run(() => keepRoleHolders(db, { incidentId, role: role.id, holders, actor }), { role: roleName(role) }),
    [db, incidentId, actor, run],
  );

  if (!view) return <div className="workspace-view roles-view" aria-busy="true" />;

  const close = closeRolesDialog;
  const engaged = view.people.filter((p) => p.step !== 'released');
  const joined = engaged.filter((p) => p.joinedAt);
  const candidates = engaged.filter((p) => p.couldRelease);
  // People are ordered by fatigue: the first who has joined has been on the incident longest.
  const longest = joined[0];
  const dialogRole = dialog?.kind === 'assign' && !readOnly ? view.roles.find((r) => r.id === dialog.role) : undefined;
  const dialogPerson = dialog?.kind === 'release' && !readOnly ? view.people.find((p) => p.key === dialog.person && p.step !== 'released') : undefined;

  return (
    <div className="workspace-view roles-view">
      <RoleConflicts roles={view.roles} onKeep={readOnly ? undefined : onKeep} />
      {failure && (
        <p className="field-error roles-failure" role="alert">
          {failure}
        </p>
      )}
      <div className="roles-layout">
        <RolesColumn roles={view.roles} now={now} readOnly={readOnly} onAssign={onAssign} onStandDown={onStandDown} />
        <section className="engagement" aria-labelledby="people-heading">
          <div className="engagement-head">
            <h2 id="people-heading">{t('roles.peopleHeading')}</h2>
            <p className="engagement-summary">
              {t('roles.summary', { engaged: engaged.length, joined: joined.length, candidates: candidates.length })}
            </p>
            {!readOnly && (
              <button type="button" className="button primary" onClick={() => openRolesDialog(incidentId, { kind: 'page' })}>
                {t('roles.page')}
              </button>
            )}
          </div>
          {longest?.joinedAt && (
            <p className="engagement-longest">
              {t('roles.longest', { name: longest.name, duration: formatDuration(new Date(longest.joinedAt), new Date(Math.max(now, Date.parse(longest.joinedAt)))) })}
            </p>
          )}
          <EngagementTable people={view.people} pages={pages} now={now} readOnly={readOnly} onAction={onAction} />
        </section>
      </div>
      <datalist id={peopleListId}>
        {view.people.map((p) => (
          <option key={p.key} value={p.name} />
        ))}
      </datalist>
      {dialogRole && <AssignRoleDialog incidentId={incidentId} actor={actor} role={dialogRole} peopleListId={peopleListId} onClose={close} />}
      {dialog?.kind === 'page' && !readOnly && <PageDialog incidentId={incidentId} actor={actor} people={view.people} peopleListId={peopleListId} onClose={close} />}
      {dialogPerson && (
        <ReleaseDialog
          incidentId={incidentId}
          actor={actor}
          person={dialogPerson}
          commanderRoleName={view.commander.roleName}
          peopleListId={peopleListId}
          onClose={close}
        />
      )}
    </div>
  );
});
