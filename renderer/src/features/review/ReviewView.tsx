import type { IncidentSummary } from '@shared/domain/incident';

import { t } from '../../i18n/i18n';

/** The incident's blameless post-mortem: drawn from the log, written in the console, exported. */
export function ReviewView({ incident }: { incident: IncidentSummary; actor: string }) {
  return (
    <section className="review" aria-label={t('review.tab')} data-incident={incident.id} />
  );
}
