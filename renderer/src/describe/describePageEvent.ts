/** How the hub's pages read on the timeline: each send by each way, and each escalation. */
import type { EventOf } from '@shared/domain/events';

import { t } from '../i18n/i18n';

export type PageEvent = EventOf<'page.sent' | 'page.escalated' | 'page.delivered'>;

export function describePageEvent(event: PageEvent): string {
  if (event.type === 'page.escalated') {
    const p = event.payload;
    return t('timeline.page.escalated', { to: p.to, roster: p.rosterName, step: p.step, origin: p.origin, minutes: p.waited });
  }
  if (event.type === 'page.delivered') {
    const p = event.payload;
    const method = t(`paging.method.${p.method}`);
    return p.outcome === 'delivered' ? t('timeline.page.delivered', { name: p.person, method }) : t('timeline.page.undelivered', { name: p.person, method, detail: p.detail });
  }
  const p = event.payload;
  const method = t(`paging.method.${p.method}`);
  return p.outcome === 'sent' ? t('timeline.page.sent', { name: p.person, method }) : t('timeline.page.failed', { name: p.person, method, detail: p.detail });
}
