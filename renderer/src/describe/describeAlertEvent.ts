/** How alerts read on an incident's timeline: what fired or resolved, and the group that brought them. */
import type { EventOf } from '@shared/domain/events';

import { formatDateTime, t } from '../i18n/i18n';

export type TimelineAlertEvent = EventOf<'alert.received' | 'alert.groupAttached'>;

export function describeAlertEvent(event: TimelineAlertEvent): string {
  if (event.type === 'alert.groupAttached') {
    const p = event.payload;
    return t('timeline.alert.attached', { about: p.about, count: p.alerts, firstAt: formatDateTime(new Date(p.firstAt)) });
  }
  const p = event.payload;
  if (p.action === 'resolve') return t('timeline.alert.resolved', { title: p.title });
  if (p.action === 'acknowledge') return t('timeline.alert.acknowledged', { title: p.title });
  return t('timeline.alert.fired', { title: p.title, severity: t(`alert.severity.${p.severity}`) });
}
