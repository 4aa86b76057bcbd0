/** What a roster is, in one line: its team, the services it answers for and, where it matters, its zone. */
import type { Roster } from '@shared/domain/oncall';

import { t } from '../../i18n/i18n';

export function rosterFacts(roster: Roster, { withZone }: { withZone: boolean }): string {
  return [
    roster.team && t('oncall.team', { team: roster.team }),
    roster.services.length ? t('oncall.services', { services: roster.services.join(', ') }) : t('oncall.noServices'),
    withZone && t('oncall.zone', { zone: roster.timeZone }),
  ]
    .filter(Boolean)
    .join(' · ');
}
