import { useState, type FormEvent } from 'react';

import type { IncidentSummary } from '@shared/domain/incident';
import { DEFAULT_PRIORITY_MATRIX, IMPACTS, URGENCIES, priorityOf, type Impact, type Urgency } from '@shared/domain/priority';

import { useDatabase } from '../../app/DatabaseContext';
import { reprioritise } from '../../db/commands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field } from '../../ui/Field';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { useOrganisation } from '../../ui/useOrganisation';

type Props = { incident: IncidentSummary; actor: string; onClose: () => void };

/** Priority is never set by hand: impact and urgency go through the organisation's matrix. */
export function PriorityDialog({ incident, actor, onClose }: Props) {
  const db = useDatabase();
  const organisation = useOrganisation();
  const [impact, setImpact] = useState<Impact>(incident.impact);
  const [urgency, setUrgency] = useState<Urgency>(incident.urgency);
  const [failure, setFailure] = useState<string | null>(null);
  const matrix = organisation?.settings.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
  const priority = priorityOf(impact, urgency, matrix);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await reprioritise(db, { incidentId: incident.id, impact, urgency, actor });
      onClose();
    } catch (error) {
      setFailure(t('priorityDialog.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <Dialog title={t('priorityDialog.title')} description={t('priorityDialog.hint')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form-grid">
        <Field id="priority-impact" label={t('declare.impactLabel')}>
          <select id="priority-impact" value={impact} onChange={(e) => setImpact(e.target.value as Impact)}>
            {IMPACTS.map((option) => (
              <option key={option} value={option}>
                {t(`impact.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="priority-urgency" label={t('declare.urgencyLabel')}>
          <select id="priority-urgency" value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
            {URGENCIES.map((option) => (
              <option key={option} value={option}>
                {t(`urgency.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field span-2" aria-live="polite">
          <span>{t('declare.priorityLabel')}</span>
          <p className="priority-change">
            <PriorityBadge priority={incident.priority} />
            {priority !== incident.priority && (
              <>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">{t('priorityDialog.becomes')}</span>
                <PriorityBadge priority={priority} />
              </>
            )}
          </p>
        </div>
        {failure && (
          <p className="field-error span-2" role="alert">
            {failure}
          </p>
        )}
        <DialogActions
          cancelLabel={t('declare.cancel')}
          onCancel={onClose}
          submitLabel={t('priorityDialog.submit')}
          className="span-2"
        />
      </form>
    </Dialog>
  );
}
