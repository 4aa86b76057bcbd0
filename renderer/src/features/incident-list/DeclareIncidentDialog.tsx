import { useState, type FormEvent } from 'react';

import { INCIDENT_KINDS } from '@shared/domain/events';
import { urgencyForServices } from '@shared/domain/catalogues';
import { DEFAULT_PRIORITY_MATRIX, IMPACTS, URGENCIES } from '@shared/domain/priority';
import { parseList } from '@shared/domain/text';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { navigate } from '../../app/router';
import { declareFromGroup } from '../../db/alertCommands';
import { declareIncident } from '../../db/commands';
import { setProfileName } from '../../db/queries';
import { t } from '../../i18n/i18n';
import { closeDeclare } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { useProfileName } from '../profile/useProfile';
import { useOrganisation } from '../../ui/useOrganisation';
import { emptyDeclareForm, previewPriority, validateDeclare, type DeclareErrors, type DeclareForm } from './declareForm';
import { PriorityBadge } from '../../ui/PriorityBadge';

/** Declaring from an alert group: the form starts from what the group suggests, and the group is attached in the same write. */
export type DeclareFromAlert = { groupId: string; form: Partial<DeclareForm> };

type Props = { fromAlert?: DeclareFromAlert; onClose?: () => void };

export function DeclareIncidentDialog({ fromAlert, onClose = closeDeclare }: Props) {
  const profile = useProfileName();
  // Opens once the console knows who is at it: that decides which field comes first.
  return profile === undefined ? null : <DeclareForm profileName={profile} fromAlert={fromAlert} onClose={onClose} />;
}

function DeclareForm({ profileName, fromAlert, onClose }: { profileName: string; fromAlert: DeclareFromAlert | undefined; onClose: () => void }) {
  const db = useDatabase();
  // First run, nobody named at this console yet: the dialog asks who is declaring first, rather than
  // refusing Enter for it at the end. Decided as it opens, so the field never moves under the cursor.
  const [askNameFirst] = useState(() => profileName === '');
  const [form, setForm] = useState<DeclareForm | null>(null);
  const [errors, setErrors] = useState<DeclareErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Once the person picks an urgency, the services they list no longer suggest one.
  const [urgencyChosen, setUrgencyChosen] = useState(false);
  const organisation = useOrganisation();
  const catalogue = organisation?.settings.services ?? [];
  const values = form ?? { ...emptyDeclareForm(profileName), ...fromAlert?.form };
  const set = <K extends keyof DeclareForm>(key: K, value: DeclareForm[K]) => setForm({ ...values, [key]: value });
  const setServices = (text: string) => {
    const suggested = urgencyChosen ? null : urgencyForServices(parseList(text), catalogue);
    setForm({ ...values, services: text, urgency: suggested ?? values.urgency });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateDeclare(values);
    if (result.errors) {
      setErrors(result.errors);
      const firstInvalid = Object.keys(result.errors)[0];
      document.getElementById(`declare-${firstInvalid}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const id = fromAlert ? await declareFromGroup(db, fromAlert.groupId, result.input) : await declareIncident(db, result.input);
      if (result.input.declaredBy !== profileName) await setProfileName(db, result.input.declaredBy);
      onClose();
      navigate(incidentRoute(id));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const declaredByField = (
    <Field id="declare-declaredBy" label={t('declare.declaredByLabel')} error={errors.declaredBy}>
      <input
        id="declare-declaredBy"
        data-autofocus={askNameFirst || undefined}
        value={values.declaredBy}
        autoComplete="name"
        onChange={(e) => set('declaredBy', e.target.value)}
        {...errorProps('declare-declaredBy', errors.declaredBy)}
      />
    </Field>
  );

  return (
    <Dialog title={t(fromAlert ? 'alerts.declare.title' : 'declare.title')} description={fromAlert ? t('alerts.declare.description') : undefined} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form-grid">
        {askNameFirst && declaredByField}
        <Field id="declare-title" label={t('declare.titleLabel')} error={errors.title} className="span-2">
          <input
            id="declare-title"
            data-autofocus={!askNameFirst || undefined}
            value={values.title}
            placeholder={t('declare.titleHint')}
            onChange={(e) => set('title', e.target.value)}
            {...errorProps('declare-title', errors.title)}
          />
        </Field>

        <fieldset className="field span-2">
          <legend>{t('declare.kindLabel')}</legend>
          <div className="segmented">
            {INCIDENT_KINDS.map((kind) => (
              <label key={kind}>
                <input type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={() => set('kind', kind)} />
                <span>{t(`kind.${kind}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <Field id="declare-services" label={t('declare.servicesLabel')} error={errors.services} className="span-2">
          <input
            id="declare-services"
            value={values.services}
            placeholder={t('declare.servicesHint')}
            list={catalogue.length ? 'declare-services-known' : undefined}
            onChange={(e) => setServices(e.target.value)}
            {...errorProps('declare-services', errors.services)}
          />
          {catalogue.length > 0 && (
            <datalist id="declare-services-known">
              {catalogue.map((service) => (
                <option key={service.name} value={service.name} />
              ))}
            </datalist>
          )}
        </Field>

        <Field id="declare-impact" label={t('declare.impactLabel')}>
          <select id="declare-impact" value={values.impact} onChange={(e) => set('impact', e.target.value as DeclareForm['impact'])}>
            {IMPACTS.map((impact) => (
              <option key={impact} value={impact}>
                {t(`impact.${impact}`)}
              </option>
            ))}
          </select>
        </Field>

        <Field id="declare-urgency" label={t('declare.urgencyLabel')}>
          <select
            id="declare-urgency"
            value={values.urgency}
            onChange={(e) => {
              setUrgencyChosen(true);
              set('urgency', e.target.value as DeclareForm['urgency']);
            }}
          >
            {URGENCIES.map((urgency) => (
              <option key={urgency} value={urgency}>
                {t(`urgency.${urgency}`)}
              </option>
            ))}
          </select>
        </Field>

        <div className="field span-2" aria-live="polite">
          <span>{t('declare.priorityLabel')}</span>
          <PriorityBadge priority={previewPriority(values, organisation?.settings.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX)} />
        </div>

        {!askNameFirst && declaredByField}

        <label className="field checkbox">
          <input type="checkbox" checked={values.drill} onChange={(e) => set('drill', e.target.checked)} />
          <span>{t('declare.drillLabel')}</span>
        </label>

        {failure && (
          <p className="field-error span-2" role="alert">
            {failure}
          </p>
        )}
        <DialogActions
          cancelLabel={t('declare.cancel')}
          onCancel={onClose}
          submitLabel={t('declare.submit')}
          busy={busy}
          className="span-2"
        />
      </form>
    </Dialog>
  );
}
