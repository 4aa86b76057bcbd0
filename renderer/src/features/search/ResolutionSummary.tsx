import type { IncidentFacts } from '@shared/search/document';
import type { Resolution } from '@shared/search/resolution';

import { formatDuration, t } from '../../i18n/i18n';

/** Confirmed hypotheses beyond these are in the incident itself: a result stays short. */
const CONFIRMED_SHOWN = 2;

/** "How was it solved?": time to resolve, what was confirmed, and the root cause's opening. */
export function ResolutionSummary({ incident, resolution, headingLevel }: { incident: IncidentFacts; resolution: Resolution; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const unrecorded = resolution.confirmed.length === 0 && resolution.rootCause === null;
  return (
    <section className="search-resolution">
      <Heading className="search-resolution-heading">{t('search.resolution.heading')}</Heading>
      <p className="search-resolution-time">
        {resolution.resolvedAt && resolution.timeToResolveMs !== null
          ? t('search.resolution.took', { duration: formatDuration(new Date(incident.declaredAt), new Date(resolution.resolvedAt)) })
          : t('search.resolution.open')}
      </p>
      {resolution.confirmed.length > 0 && (
        <ul className="search-resolution-confirmed">
          {resolution.confirmed.slice(0, CONFIRMED_SHOWN).map((statement, i) => (
            <li key={i}>{t('search.resolution.confirmed', { statement })}</li>
          ))}
        </ul>
      )}
      {resolution.rootCause !== null && (
        <p className="search-resolution-cause">
          {t(resolution.rootCauseCut ? 'search.resolution.rootCauseCut' : 'search.resolution.rootCause', { text: resolution.rootCause })}
        </p>
      )}
      {unrecorded && <p className="hint">{t('search.resolution.unrecorded')}</p>}
    </section>
  );
}
