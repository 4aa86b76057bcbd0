import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { MessageView } from '@shared/domain/messages';

import { useDatabase } from '../../app/DatabaseContext';
import { RefusedError } from '../../db/commands';
import type { DeliveryRow } from '../../db/deliveries';
import { confirmDelivered, requeueMessage, resendUncertain } from '../../db/messageCommands';
import { audienceName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useOnline } from '../../ui/useOnline';
import { notify } from '../notices/noticeStore';
import { CancelMessageDialog } from './CancelMessageDialog';
import { deliveryStatus } from './deliveryStatus';

type Props = { messages: readonly MessageView[]; deliveries: Map<string, DeliveryRow>; actor: string; now: number };

/** Every message of the incident, newest first: to whom, how, the exact text, and what became of it. */
export function MessageRecord({ messages, deliveries, actor, now }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const online = useOnline();
  const deviceId = useLiveQuery(async () => (await db.device()).deviceId, [db]);
  const [cancelling, setCancelling] = useState<MessageView | null>(null);

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      const title = error instanceof RefusedError && error.problem === 'inFlight' ? t('comms.refused.inFlight') : t('comms.refused.other');
      void notify(platform, { tone: 'error', title });
    }
  };

  return (
    <section className="comms-record" aria-labelledby="comms-record-heading">
      <h2 id="comms-record-heading" className="comms-column-heading">
        {t('comms.record')}
      </h2>
      {messages.length === 0 ? (
        <p className="comms-note">{t('comms.recordEmpty')}</p>
      ) : (
        <ol className="comms-messages" reversed>
          {[...messages].reverse().map((message) => {
            const delivery = deliveries.get(message.id);
            const status = deliveryStatus(message, delivery, { deviceId: deviceId ?? '', online, now });
            const mine = message.deviceId === deviceId;
            const current = delivery?.run === message.run ? delivery : undefined;
            return (
              <li key={message.id} className={`comms-message ${status.tone}`}>
                <h3 className="comms-message-heading">
                  {t('comms.messageLabel', { phase: t(`comms.phase.${message.phase}`), audience: audienceName({ id: message.audience, name: message.audienceName }), time: formatTime(new Date(message.at)) })}
                </h3>
                <p className="comms-message-channel">
                  {message.webhook
                    ? t('comms.via', { channel: t('comms.channel.webhook', { format: t(`comms.format.${message.webhook.format}`), name: message.webhook.name }) })
                    : t('comms.via', { channel: t(`comms.channel.${message.channel as 'clipboard' | 'email' | 'statusPage'}`) })}
                  {' · '}
                  {message.actor}
                </p>
                <p className={`comms-message-state ${status.tone}`}>{status.text}</p>
                {message.subject && <p className="comms-message-subject">{message.subject}</p>}
                <details>
                  <summary>{t('comms.showText')}</summary>
                  <pre className="comms-message-text">{message.text}</pre>
                </details>
                {actor && (
                  <div className="comms-message-actions">
                    {message.state === 'failed' && (
                      <button type="button" className="button small" onClick={() => void act(() => requeueMessage(db, { messageId: message.id, actor }))}>
                        {t('comms.requeue')}
                      </button>
                    )}
                    {message.state === 'failed' && message.failure?.status === null && (
                      <button type="button" className="button small" onClick={() => void act(() => confirmDelivered(db, { messageId: message.id, actor }))}>
                        {t('comms.markDelivered')}
                      </button>
                    )}
                    {message.state === 'queued' && mine && current?.uncertain && (
                      <>
                        <button type="button" className="button small" onClick={() => void act(() => resendUncertain(db, message.id))}>
                          {t('comms.resend')}
                        </button>
                        <button type="button" className="button small" onClick={() => void act(() => confirmDelivered(db, { messageId: message.id, actor }))}>
                          {t('comms.markDelivered')}
                        </button>
                      </>
                    )}
                    {(message.state === 'queued' || message.state === 'failed') && !current?.inFlight && (
                      <button type="button" className="button small" onClick={() => setCancelling(message)}>
                        {t('comms.cancel')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {cancelling && <CancelMessageDialog message={cancelling} actor={actor} onClose={() => setCancelling(null)} />}
    </section>
  );
}
