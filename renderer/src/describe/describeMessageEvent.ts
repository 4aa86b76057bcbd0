/** How the communications record reads on the timeline. */
import type { EventOf } from '@shared/domain/events';

import { audienceName } from '../i18n/defaultNames';
import { t } from '../i18n/i18n';

type CommsEvent = EventOf<
  'message.sent' | 'message.queued' | 'message.delivered' | 'message.deliveryFailed' | 'message.requeued' | 'message.cancelled'
>;

export function describeMessageEvent(event: CommsEvent): string {
  const p = event.payload;
  // Outcomes name only the audience's name: a shipped default is known by its name alone.
  const audience = audienceName('audience' in p ? { id: p.audience, name: p.audienceName } : { name: p.audienceName });
  const about = { phase: t(`comms.phase.${p.phase}`), audience };
  switch (event.type) {
    case 'message.sent':
      return t(`timeline.message.sent.${event.payload.channel}`, { ...about, subject: subjectOf(event.payload) });
    case 'message.queued':
      return t('timeline.message.queued', { ...about, name: event.payload.webhook.name, subject: subjectOf(event.payload) });
    case 'message.delivered':
      return event.payload.confirmedBy
        ? t('timeline.message.confirmed', { ...about, name: event.payload.confirmedBy })
        : t('timeline.message.delivered', about);
    case 'message.deliveryFailed':
      return t('timeline.message.failed', { ...about, reason: event.payload.reason });
    case 'message.requeued':
      return t('timeline.message.requeued', about);
    case 'message.cancelled':
      return event.payload.reason
        ? t('timeline.message.cancelledWhy', { ...about, reason: event.payload.reason })
        : t('timeline.message.cancelled', about);
  }
}

/** The subject, or the message's first line when it has none. */
function subjectOf(payload: { subject: string; text: string }): string {
  return payload.subject || payload.text.split('\n', 1)[0]!;
}
