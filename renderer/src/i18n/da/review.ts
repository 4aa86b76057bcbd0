/** Danish: after the incident — the post-mortem, its action items, key entries and tags. */
import type { reviewEn } from '../en/review';

export const reviewDa = {
  'timeline.fieldChanged.tags': 'Mærker ændret til {value}',
  'timeline.fieldChanged.impactStarted': 'Påvirkningens start sat til {value}',
  'actions.nav': 'Opfølgningspunkter',
  'actions.heading': 'Opfølgningspunkter',
  'review.tab': 'Efterforløb',
  'incident.noTags': 'ingen mærker',
  'incident.impactStartUnknown': 'ukendt',
  'incident.tagsLabel': 'Mærker',
  'incident.impactStartedLabel': 'Påvirkningen begyndte',
} satisfies Record<keyof typeof reviewEn, string>;
