/** Brief, read-only views of a setting's value: how conflicting versions are told apart. */
import type { Role, Service, ServiceLevels } from '@shared/domain/catalogues';
import { IMPACTS, PRIORITIES, URGENCIES, type PriorityMatrix } from '@shared/domain/priority';

import { t } from '../../i18n/i18n';
import { PriorityBadge } from '../incidents/PriorityBadge';
import { formatMinutes } from './settingsForms';

/** Long catalogues are cut short here only: the version kept is always the whole of it. */
const SHOWN = 12;

function More({ total }: { total: number }) {
  return total > SHOWN ? <li className="settings-dim">{t('settings.conflict.more', { count: total - SHOWN })}</li> : null;
}

export function RolesSummary({ value }: { value: Role[] }) {
  return (
    <ul className="settings-summary-list">
      {value.slice(0, SHOWN).map((role) => (
        <li key={role.id}>
          {role.name} <span className="settings-dim">· {t(`settings.seats.${role.seats}`)}</span>
        </li>
      ))}
      <More total={value.length} />
    </ul>
  );
}

export function MatrixSummary({ value }: { value: PriorityMatrix }) {
  return (
    <table className="settings-summary-table">
      <thead>
        <tr>
          <td />
          {URGENCIES.map((u) => (
            <th key={u} scope="col">
              {t(`urgency.${u}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {IMPACTS.map((i) => (
          <tr key={i}>
            <th scope="row">{t(`impact.${i}`)}</th>
            {URGENCIES.map((u) => (
              <td key={u}>
                <PriorityBadge priority={value[i][u]} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const clock = (minutes: number | null) => (minutes === null ? t('settings.conflict.noClock') : formatMinutes(minutes));

export function LevelsSummary({ value }: { value: ServiceLevels }) {
  return (
    <ul className="settings-summary-list">
      {PRIORITIES.map((p) => (
        <li key={p}>
          {t('settings.conflict.levelLine', {
            priority: p,
            toMajor: clock(value[p].toMajorMinutes),
            toContinuity: clock(value[p].toContinuityMinutes),
            warn: formatMinutes(value[p].warnMinutes),
          })}
        </li>
      ))}
    </ul>
  );
}

export function ServicesSummary({ value }: { value: Service[] }) {
  if (value.length === 0) return <p className="settings-dim">{t('settings.conflict.noServices')}</p>;
  return (
    <ul className="settings-summary-list">
      {value.slice(0, SHOWN).map((s) => (
        <li key={s.name}>
          {s.name}{' '}
          <span className="settings-dim">
            · {t(`urgency.${s.criticality}`)} · {s.owner} · {t(`settings.continuity.${s.continuity}`)}
          </span>
        </li>
      ))}
      <More total={value.length} />
    </ul>
  );
}
