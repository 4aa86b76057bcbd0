import { useState, type FormEvent } from 'react';

import type { IncidentSummary } from '@shared/domain/incident';
import { isJoinLink } from '@shared/domain/links';

import { useDatabase } from '../../app/DatabaseContext';
import { changeField } from '../../db/commands';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';

type Props = { incident: IncidentSummary; actor: string; onClose: () => void };

/** This incident's own bridge links; empty falls back to the organisation's standing bridges. */
export function BridgesDialog({ incident, actor, onClose }: Props) {
  const db = useDatabase();
  const [technical, setTechnical] = useState(incident.technicalBridge);
  const [business, setBusiness] = useState(incident.businessBridge);
  const [errors, setErrors] = useState<{ technical?: string; business?: string; save?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { technical: technical.trim(), business: business.trim() };
    const found = {
      ...(next.technical && !isJoinLink(next.technical) ? { technical: t('comms.bridge.invalid') } : {}),
      ...(next.business && !isJoinLink(next.business) ? { business: t('comms.bridge.invalid') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      if (next.technical !== incident.technicalBridge) await changeField(db, incident.id, 'technicalBridge', next.technical, actor);
      if (next.business !== incident.businessBridge) await changeField(db, incident.id, 'businessBridge', next.business, actor);
      onClose();
    } catch (error) {
      setErrors({ save: error instanceof Error ? error.message : String(error) });
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('comms.bridge.dialog')} description={t('comms.bridge.hint')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="bridge-technical" label={t('comms.bridge.technical')} error={errors.technical}>
          <input id="bridge-technical" value={technical} onChange={(e) => setTechnical(e.target.value)} inputMode="url" autoComplete="off" data-autofocus {...errorProps('bridge-technical', errors.technical)} />
        </Field>
        <Field id="bridge-business" label={t('comms.bridge.business')} error={errors.business}>
          <input id="bridge-business" value={business} onChange={(e) => setBusiness(e.target.value)} inputMode="url" autoComplete="off" {...errorProps('bridge-business', errors.business)} />
        </Field>
        {errors.save && (
          <p className="field-error" role="alert">
            {errors.save}
          </p>
        )}
        <DialogActions cancelLabel={t('comms.bridge.cancel')} onCancel={onClose} submitLabel={t('comms.bridge.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
