import type { IncidentField, IncidentSummary } from '@shared/domain/incident';

import { t } from '../../i18n/i18n';
import { ConflictChoices } from '../../ui/ConflictChoices';
import { fieldLabel, formatFieldValue } from '../../describe/fieldValue';

/** Without onKeep (a read-only view) the values are listed, not offered. */
type Props = { incident: IncidentSummary; onKeep: ((field: IncidentField, value: unknown) => void) | undefined };

const keepText = (value: string) => t('incident.keepValue', { value });

/** Concurrent changes to one field are shown side by side; keeping one replaces them all. */
export function ConflictBanner({ incident, onKeep }: Props) {
  return (
    <div className="conflict-banner" role="alert">
      <p>{t('incident.conflictBanner', { fields: incident.conflicts.map(fieldLabel).join(', ') })}</p>
      {incident.conflicts.map((field) => {
        const live = incident.conflictValues[field] ?? [];
        return (
          <ConflictChoices
            key={field}
            label={fieldLabel(field)}
            values={live.map(({ id, value }) => ({ id, label: formatFieldValue(field, value as never) }))}
            keepText={keepText}
            onKeep={onKeep && ((id) => onKeep(field, live.find((v) => v.id === id)!.value))}
          />
        );
      })}
    </div>
  );
}
