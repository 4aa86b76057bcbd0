import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import type { RoleView } from '@shared/domain/roster';

import { roleName } from '../../i18n/defaultNames';
import { formatDuration, formatTime, t } from '../../i18n/i18n';

type Props = {
  roles: readonly RoleView[];
  now: number;
  readOnly: boolean;
  onAssign: (roleId: string) => void;
  onStandDown: (roleId: string, person: string) => void;
};

/** Each role with who holds it and for how long; a vacant command stands out. */
export function RolesColumn({ roles, now, readOnly, onAssign, onStandDown }: Props) {
  return (
    <section className="roles-column" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t('roles.rolesHeading')}</h2>
      <ul className="role-list">
        {roles.map((role) => (
          <RoleCard key={role.id} role={role} now={now} readOnly={readOnly} onAssign={onAssign} onStandDown={onStandDown} />
        ))}
      </ul>
    </section>
  );
}

type CardProps = Omit<Props, 'roles'> & { role: RoleView };

function RoleCard({ role, now, readOnly, onAssign, onStandDown }: CardProps) {
  const commander = role.id === COMMANDER_ROLE;
  const vacant = role.holders.length === 0 && !role.conflict;
  const headingId = `role-${role.id}-name`;
  const classes = ['role-card', vacant ? 'vacant' : '', vacant && commander ? 'commander-missing' : '', role.conflict ? 'in-conflict' : ''];
  // One seat held: hand it over. Vacant, or a seat for several people: assign.
  const handOver = role.seats === 'one' && !vacant;
  const shownRole = roleName(role);
  return (
    <li className={classes.filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <div className="role-card-head">
        <h3 id={headingId}>{shownRole}</h3>
        {role.seats === 'many' && <span className="role-note">{t('roles.seatsMany')}</span>}
        {!role.inCatalogue && <span className="role-note">{t('roles.notInCatalogue')}</span>}
      </div>
      {role.conflict && <p className="role-conflict">{t('roles.conflict')}</p>}
      {vacant ? (
        <p className="role-vacant">{commander ? t('roles.commanderMissingHere') : t('roles.vacant')}</p>
      ) : (
        <ul className="role-holders">
          {role.holders.map((holder) => (
            <li key={holder.key}>
              <strong className="role-holder-name">{holder.name}</strong>{' '}
              <span className="role-held">
                <time dateTime={holder.since} title={t('roles.heldSince', { time: formatTime(new Date(holder.since)) })}>
                  {t('roles.heldFor', { duration: formatDuration(new Date(holder.since), new Date(Math.max(now, Date.parse(holder.since)))) })}
                </time>
              </span>
              {!readOnly && !commander && (
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t('roles.standDownLabel', { name: holder.name, role: shownRole })}
                  onClick={() => onStandDown(role.id, holder.name)}
                >
                  {t('roles.standDown')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && role.inCatalogue && (
        <div className="role-actions">
          <button
            type="button"
            className={vacant && commander ? 'button small primary' : 'button small'}
            aria-label={t(handOver ? 'roles.handOverLabel' : 'roles.assignLabel', { role: shownRole })}
            onClick={() => onAssign(role.id)}
          >
            {t(handOver ? 'roles.handOver' : 'roles.assign')}
          </button>
        </div>
      )}
    </li>
  );
}
