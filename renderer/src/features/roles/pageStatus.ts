/**
 * What the people table says about the pages to one person: each send the
 * hub recorded, by each way, or why none is recorded yet (no hub reachable,
 * no way to reach them, the hub not done yet).
 */
import { contactMethods, contactOf, type Contact } from '@shared/domain/oncall';
import { PAGE_FRESH_MS } from '@shared/domain/pages';
import type { PersonView } from '@shared/domain/roster';

import { formatTime, t } from '../../i18n/i18n';

export type PageLine = { text: string; failed: boolean };

/** The hub as this console knows it now: out of reach, or reached and sending pages or not. */
export type HubPaging = 'unreachable' | 'paging' | 'notPaging';

export function pageLines(person: Pick<PersonView, 'name' | 'step' | 'pagedAt' | 'pages'>, contacts: readonly Contact[], hub: HubPaging, now: number): PageLine[] {
  if (person.pages.length > 0) {
    return person.pages.map((page) => {
      const method = t(`paging.method.${page.method}`);
      if (page.outcome === 'failed') return { text: t('paging.failed', { method, detail: page.detail }), failed: true };
      const time = formatTime(new Date(page.occurredAt));
      if (page.delivery?.outcome === 'delivered') return { text: t('paging.delivered', { method, time, at: formatTime(new Date(page.delivery.at)) }), failed: false };
      if (page.delivery?.outcome === 'undelivered') return { text: t('paging.undelivered', { method, time, detail: page.delivery.detail }), failed: true };
      return { text: t(page.wave > 0 ? 'paging.sentAgain' : 'paging.sent', { method, time }), failed: false };
    });
  }
  if (person.step !== 'paged' || !person.pagedAt) return [];
  // Paged by other means (a phone call, another paging tool): the record is the page.
  if (hub === 'notPaging') return [{ text: t('paging.recordedOnly'), failed: false }];
  if (contactMethods(contactOf(contacts, person.name)).length === 0) return [{ text: t('paging.noContact', { name: person.name }), failed: true }];
  // A page the hub would no longer send is not promised.
  if (now - Date.parse(person.pagedAt) > PAGE_FRESH_MS) return [];
  return [{ text: t(hub === 'paging' ? 'paging.waitingForHub' : 'paging.queuedNoHub'), failed: false }];
}
