/** What the record says about a message's delivery: words first (never colour alone), and whether it needs a person. */
import { MAX_ATTEMPTS } from '@shared/comms/delivery';
import type { MessageView } from '@shared/domain/messages';
import { formatCountdown } from '@shared/domain/serviceLevels';

import type { DeliveryRow } from '../../db/deliveries';
import { formatTime, t } from '../../i18n/i18n';

export type DeliveryStatus = { text: string; tone: 'done' | 'pending' | 'problem' | 'quiet' };

export function deliveryStatus(
  message: MessageView,
  delivery: DeliveryRow | undefined,
  context: { deviceId: string; online: boolean; now: number },
): DeliveryStatus {
  switch (message.state) {
    case 'sent':
      return { text: t(`comms.state.sent.${message.channel as 'clipboard' | 'email' | 'statusPage'}`), tone: 'done' };
    case 'delivered':
      return message.confirmedBy
        ? { text: t('comms.state.confirmed', { name: message.confirmedBy, time: formatTime(new Date(message.deliveredAt!)) }), tone: 'done' }
        : { text: t('comms.state.delivered', { time: formatTime(new Date(message.deliveredAt!)) }), tone: 'done' };
    case 'failed':
      // No answer is not a refusal: it may have arrived. Only an answer from the receiver says it did not.
      return message.failure?.status === null
        ? { text: t('comms.state.unanswered', { reason: message.failure.reason }), tone: 'problem' }
        : { text: t('comms.state.failed', { reason: message.failure?.reason ?? '' }), tone: 'problem' };
    case 'cancelled':
      return { text: t('comms.state.cancelled', { name: message.cancelled?.by ?? '' }), tone: 'quiet' };
    case 'queued':
      return queuedStatus(message, delivery?.run === message.run ? delivery : undefined, context);
  }
}

function queuedStatus(message: MessageView, delivery: DeliveryRow | undefined, context: { deviceId: string; online: boolean; now: number }): DeliveryStatus {
  if (message.deviceId !== context.deviceId) return { text: t('comms.state.notMine'), tone: 'pending' };
  if (delivery?.uncertain) return { text: t('comms.state.uncertain', { name: message.webhook?.name ?? '' }), tone: 'problem' };
  if (delivery?.inFlight) return { text: t('comms.state.sending'), tone: 'pending' };
  if (!context.online) return { text: t('comms.state.offline'), tone: 'pending' };
  if (delivery?.problem?.kind === 'waiting') return { text: t('comms.state.waiting'), tone: 'pending' };
  if (delivery?.problem?.kind === 'retry') {
    return {
      text: t('comms.state.retrying', {
        attempt: delivery.attempts,
        max: MAX_ATTEMPTS,
        reason: delivery.problem.reason,
        time: formatCountdown(Math.max(0, delivery.nextAt - context.now)),
      }),
      tone: 'problem',
    };
  }
  return { text: t('comms.state.queued'), tone: 'pending' };
}
