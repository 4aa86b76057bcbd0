import type { Tier } from '@shared/domain/events';

import { t } from '../../i18n/i18n';

/** The tier in words; colour and border only repeat it. */
export function TierBadge({ tier }: { tier: Tier }) {
  return <span className={`badge tier tier-${tier}`}>{t(`tier.${tier}`)}</span>;
}
