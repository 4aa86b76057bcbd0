import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent, type ReactNode } from 'react';

import { LIMITS, cleanMultiline } from '@shared/domain/text';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { navigate } from '../../app/router';
import { acknowledgeGroup, attachGroup, silenceGroup } from '../../db/alertCommands';
import { listOpenIncidents } from '../../db/queries';
import type { AlertGroupRow } from '../../db/types';
import { t } from '../../i18n/i18n';
import { openProfile } from '../../state/uiStore';
import { useSubmit } from '../../ui/useSubmit';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { useOrganisation } from '../../ui/useOrganisation';
import { DeclareIncidentDialog } from '../incident-list/DeclareIncidentDialog';
import { useProfileName } from '../profile/useProfile';
import type { GroupAction } from './AlertGroupCard';
import { declareSuggestion } from './declareSuggestion';

type Props = { action: GroupAction; group: AlertGroupRow; onClose: () => void };

/** The dialog a group action opens. */
export function AlertGroupDialog({ action, group, onClose }: Props) {
  const organisation = useOrganisation();
  const actor = useProfileName();
  if (actor === undefined || organisation === undefined) return null;
  if (action === 'declare') return <DeclareIncidentDialog fromAlert={{ groupId: group.id, form: declareSuggestion(group, organisation.settings.services) }} onClose={onClose} />;
  if (!actor) return <NameFirst onClose={onClose} />;
  if (action === 'attach') return <AttachDialog group={group} actor={actor} onClose={onClose} />;
  return <ReasonDialog action={action} group={group} actor={actor} onClose={onClose} />;
}

/** Everything done to a group is signed with a name: the console asks for one first. */
function NameFirst({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title={t('alerts.nameFirst.title')} onClose={onClose}>
      <p>{t('alerts.nameFirst.text')}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('alerts.cancel')}
        </button>
        <button
          type="button"
          className="button primary"
          data-autofocus
          onClick={() => {
            onClose();
            openProfile();
          }}
        >
          {t('alerts.nameFirst.open')}
        </button>
      </div>
    </Dialog>
  );
}

function Failure({ failure }: { failure: string | null }): ReactNode {
  return failure ? (
    <p className="field-error span-2" role="alert">
      {t('alerts.failed', { reason: failure })}
    </p>
  ) : null;
}

const SILENCE_MINUTES = [30, 60, 240, 1440] as const;

/** Acknowledge (a reason is welcome) or silence (a reason is needed, and for how long). */
function ReasonDialog({ action, group, actor, onClose }: { action: 'acknowledge' | 'silence'; group: AlertGroupRow; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [error, setError] = useState<string | undefined>();
  const { busy, failure, submit } = useSubmit(
    () => (action === 'silence' ? silenceGroup(db, group.id, actor, reason, minutes) : acknowledgeGroup(db, group.id, actor, reason)),
    onClose,
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = cleanMultiline(reason);
    if (action === 'silence' && !text) return setError(t('alerts.silence.reasonRequired'));
    if (text.length > LIMITS.reason) return setError(t('alerts.reasonTooLong', { max: LIMITS.reason }));
    setError(undefined);
    void submit();
  };
  return (
    <Dialog title={t(`alerts.${action}.title`)} description={group.title} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="form-grid">
        {action === 'silence' && (
          <Field id="alert-silence-for" label={t('alerts.silence.for')} className="span-2">
            <select id="alert-silence-for" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {SILENCE_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {t(`alerts.silence.minutes.${m}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="alert-reason" label={t(action === 'silence' ? 'alerts.silence.reason' : 'alerts.acknowledge.reason')} error={error} className="span-2">
          <textarea id="alert-reason" data-autofocus rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...errorProps('alert-reason', error)} />
        </Field>
        <Failure failure={failure} />
        <DialogActions cancelLabel={t('alerts.cancel')} onCancel={onClose} submitLabel={t(`alerts.${action}.submit`)} busy={busy} className="span-2" />
      </form>
    </Dialog>
  );
}

/** Attach to one of the open incidents, most urgent first. */
function AttachDialog({ group, actor, onClose }: { group: AlertGroupRow; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const incidents = useLiveQuery(() => listOpenIncidents(db), [db]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const { busy, failure, submit } = useSubmit(
    () => attachGroup(db, group.id, chosen!, actor),
    () => {
      onClose();
      navigate(incidentRoute(chosen!));
    },
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError(t('alerts.attach.chooseOne'));
    void submit();
  };
  return (
    <Dialog title={t('alerts.attach.title')} description={group.title} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        {incidents && incidents.length === 0 && <p>{t('alerts.attach.noneOpen')}</p>}
        {incidents && incidents.length > 0 && (
          <fieldset className="field attach-incidents" {...errorProps('alert-attach', error)}>
            <legend>{t('alerts.attach.which')}</legend>
            {incidents.map((incident, i) => (
              <label key={incident.id} className="attach-incident">
                <input type="radio" name="attach-incident" value={incident.id} checked={chosen === incident.id} data-autofocus={i === 0 || undefined} onChange={() => setChosen(incident.id)} />
                <PriorityBadge priority={incident.priority} /> <span>{incident.title}</span>
              </label>
            ))}
            {error && (
              <p id="alert-attach-error" className="field-error">
                {error}
              </p>
            )}
          </fieldset>
        )}
        <Failure failure={failure} />
        <DialogActions cancelLabel={t('alerts.cancel')} onCancel={onClose} submitLabel={t('alerts.attach.submit')} busy={busy} />
      </form>
    </Dialog>
  );
}
