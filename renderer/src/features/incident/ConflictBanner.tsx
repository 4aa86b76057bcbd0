import type { IncidentField, IncidentSummary } from '@shared/domain/incident';

import { t } from '../../i18n/i18n';
import { fieldLabel, formatFieldValue } from './fieldValue';

/** Without onKeep (a read-only view) the values are listed, not offered. */
type Props = { incident: IncidentSummary; onKeep: ((field: IncidentField, value: unknown) => void) | undefined };

/** Concurrent changes to one field are shown side by side; keeping one replaces them all. */
export function ConflictBanner({ incident, onKeep }: Props) {
  return (
    <div className="conflict-banner" role="alert">
      <p>{t('incident.conflictBanner', { fields: incident.conflicts.map(fieldLabel).join(', ') })}</p>
      {incident.conflicts.map((field) => (
        <div key={field} className="conflict-choices" role="group" aria-label={fieldLabel(field)}>
          <strong>{fieldLabel(field)}:</strong>
          {(incident.conflictValues[field] ?? []).map(({ id, value }) =>
            onKeep ? (
              <button key={id} type="button" className="button small" onClick={() => onKeep(field, value)}>
                {t('incident.keepValue', { value: formatFieldValue(field, value as never) })}
              </button>
            ) : (
              <span key={id} className="conflict-value">
                {formatFieldValue(field, value as never)}
              </span>
            ),
          )}
        </div>
      ))}
    </div>
  );
}
