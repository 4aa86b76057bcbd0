import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { allHolders, type RoleView } from '@shared/domain/roster';

import { roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { ConflictChoices } from '../../ui/ConflictChoices';

type Props = { roles: readonly RoleView[]; onKeep: ((role: RoleView, holders: string[]) => void) | undefined };

const names = (holders: string[]) => (holders.length ? holders.join(', ') : t('roles.nobody'));
const keepText = (names: string) => t('roles.keep', { names });

/**
 * Roles two consoles assigned at once, each live value side by side; keeping
 * one replaces them all. A role for several people can also keep everyone.
 * Without onKeep (read-only) the values are listed, not offered.
 */
export function RoleConflicts({ roles, onKeep }: Props) {
  const disputed = roles.filter((role) => role.conflict);
  if (disputed.length === 0) return null;
  return (
    <div className="conflict-banner" role="alert">
      <p>{t('roles.conflictBanner', { roles: disputed.map((r) => roleName(r)).join(', ') })}</p>
      {disputed.map((role) => {
        // A commander can only be kept, never emptied.
        const values = role.conflict!.filter((c) => role.id !== COMMANDER_ROLE || c.holders.length > 0);
        const everyone = allHolders(role);
        return (
          <ConflictChoices
            key={role.id}
            label={roleName(role)}
            values={values.map(({ id, holders }) => ({ id, label: names(holders) }))}
            keepText={keepText}
            onKeep={onKeep && ((id) => onKeep(role, values.find((v) => v.id === id)!.holders))}
          >
            {onKeep && role.seats === 'many' && everyone.length > Math.max(...values.map((v) => v.holders.length)) && (
              <button type="button" className="button small" onClick={() => onKeep(role, everyone)}>
                {t('roles.keepAll', { names: everyone.join(', ') })}
              </button>
            )}
          </ConflictChoices>
        );
      })}
    </div>
  );
}
