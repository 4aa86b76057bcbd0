import { useState, type FormEvent } from 'react';

import type { MessageView } from '@shared/domain/messages';

import { useDatabase } from '../../app/DatabaseContext';
import { RefusedError } from '../../db/commands';
import { cancelMessage } from '../../db/messageCommands';
import { audienceName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';

/** Withdraws a queued message; the record keeps it, marked cancelled. */
export function CancelMessageDialog({ message, actor, onClose }: { message: MessageView; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await cancelMessage(db, { messageId: message.id, actor, reason });
      onClose();
    } catch (e) {
      setError(e instanceof RefusedError && e.problem === 'inFlight' ? t('comms.refused.inFlight') : t('comms.refused.other'));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('comms.cancelTitle')}
      description={`${t('comms.messageLabel', { phase: t(`comms.phase.${message.phase}`), audience: audienceName({ id: message.audience, name: message.audienceName }), time: formatTime(new Date(message.at)) })}. ${t('comms.cancelHint')}`}
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="cancel-reason">{t('comms.cancelReason')}</label>
          <input id="cancel-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-autofocus />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <DialogActions cancelLabel={t('comms.keep')} onCancel={onClose} submitLabel={t('comms.cancelConfirm')} busy={busy} tone="danger" />
      </form>
    </Dialog>
  );
}
