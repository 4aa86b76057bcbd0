import type { IncidentSummary } from '@shared/domain/incident';
import { formatCountdown, readClock, serviceLevelClock } from '@shared/domain/serviceLevels';

import { formatTime, t } from '../../i18n/i18n';
import { useNow } from '../../ui/useNow';
import { useOrganisation } from '../../ui/useOrganisation';

/**
 * The incident's service-level clock: how long until it must become major, or
 * until continuity must be decided. Phase is said in words as well as colour;
 * ticks on its own so the rest of the header does not re-render every second.
 */
export function ServiceLevelClock({ incident }: { incident: IncidentSummary }) {
  const organisation = useOrganisation();
  const now = useNow(1000);
  if (!organisation) return null;
  const clock = serviceLevelClock(incident, organisation.settings.serviceLevels);
  if (!clock) {
    // A resolved or closed incident's clock has stopped; say so rather than that there never was one.
    const why =
      incident.status === 'resolved'
        ? 'sla.stopped.resolved'
        : incident.status === 'closed'
          ? 'sla.stopped.closed'
          : incident.tier === 'continuity'
            ? 'sla.continuityInvoked'
            : 'sla.none';
    return (
      <div className="sla-clock stopped" role="group" aria-label={t('sla.label')}>
        <span className="sla-caption">{t('sla.label')}</span>
        <span className="sla-value">{t(why)}</span>
      </div>
    );
  }
  const reading = readClock(clock, now);
  const caption = t(clock.kind === 'toMajor' ? 'sla.toMajor' : 'sla.toContinuity');
  const countdown = formatCountdown(reading.remainingMs);
  return (
    <div className={`sla-clock ${reading.phase}`} role="group" aria-label={t('sla.label')}>
      <span className="sla-caption">{caption}</span>
      <span className="sla-value" aria-hidden="true">
        {reading.phase === 'overdue' ? t('sla.overdueBy', { time: countdown }) : countdown}
      </span>
      {/* Screen readers get the deadline, not a number changing every second. */}
      <span className="visually-hidden">{t('sla.deadlineSpoken', { what: caption, time: formatTime(new Date(clock.deadlineMs)) })}</span>
      <span className="sla-phase">
        {t(`sla.phase.${reading.phase}`, { time: formatTime(new Date(clock.deadlineMs)) })}
      </span>
    </div>
  );
}
