import { useState } from 'react';

import type { IncidentSummary } from '@shared/domain/incident';
import { incidentRoute } from '@shared/platform/routes';
import { isOpenStatus } from '@shared/domain/events';
import type { SimilarIncident } from '@shared/search/similar';

import { incidentViewRoute } from '../../app/router';
import { formatDuration, formatNumber, t } from '../../i18n/i18n';
import { useSearchAnswer, useSearchProgress } from '../../search/useSearchIndex';
import { useNow } from '../../ui/useNow';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { agoAndDate } from './formatWhen';
import { NO_CRITERIA, searchRoute } from './searchCriteria';

function reasonsOf({ reasons }: SimilarIncident): string[] {
  return [
    reasons.services.length ? t('search.similar.services', { names: reasons.services.join(', ') }) : '',
    reasons.tags.length ? t('search.similar.tags', { names: reasons.tags.join(', ') }) : '',
    reasons.words.length ? t('search.similar.words', { words: reasons.words.join(', ') }) : '',
  ].filter(Boolean);
}

/** What the past incident teaches, in one line: its root cause, else what was confirmed. */
function lessonOf({ resolution }: SimilarIncident): string | null {
  if (resolution.rootCause) {
    return t(resolution.rootCauseCut ? 'search.resolution.rootCauseCut' : 'search.resolution.rootCause', { text: resolution.rootCause });
  }
  const confirmed = resolution.confirmed[0];
  return confirmed ? t('search.resolution.confirmed', { statement: confirmed }) : null;
}

function SimilarItem({ similar, now }: { similar: SimilarIncident; now: number }) {
  const { incident, resolution } = similar;
  const lesson = lessonOf(similar);
  return (
    <li className="similar-item">
      <p className="similar-line">
        <a href={incidentRoute(incident.id)}>{incident.title}</a>
        <PriorityBadge priority={incident.priority} />
        <time dateTime={incident.declaredAt}>{t('search.declared', agoAndDate(incident.declaredAt, now))}</time>
        {resolution.resolvedAt && resolution.timeToResolveMs !== null && (
          <span>{t('search.resolution.took', { duration: formatDuration(new Date(incident.declaredAt), new Date(resolution.resolvedAt)) })}</span>
        )}
        <a href={incidentViewRoute(incident.id, 'review')} aria-label={t('search.postmortemLinkNamed', { title: incident.title })}>
          {t('search.postmortemLink')}
        </a>
      </p>
      {lesson && <p className="similar-lesson">{lesson}</p>}
      <p className="similar-why">{reasonsOf(similar).join(' · ')}</p>
    </li>
  );
}

/**
 * "Has this happened before?" beside an open incident's timeline: the past
 * incidents most like it, how they were resolved and when. Compact, folds
 * away, and never takes focus from the entry box. Nothing for an incident
 * already resolved (nor any indexing on its account).
 */
export function SimilarIncidents({ incident }: { incident: IncidentSummary }) {
  return isOpenStatus(incident.status) ? <SimilarPanel incident={incident} /> : null;
}

const NONE: readonly SimilarIncident[] = [];

function SimilarPanel({ incident }: { incident: IncidentSummary }) {
  const progress = useSearchProgress();
  const now = useNow(60_000);
  const [expanded, setExpanded] = useState(true);
  const { id, title, services, tags, drill } = incident;
  // Asked of the index's worker, which adds what is suspected: it already holds the incident's hypotheses.
  const answered = useSearchAnswer('similar', { id, title, services, tags, drill });
  const similar = answered ?? NONE;
  const indexing = progress.phase !== 'ready';
  const count = similar.length === 1 ? t('search.similar.countOne') : t('search.similar.count', { count: formatNumber(similar.length) });

  return (
    <aside className="similar-incidents" aria-labelledby="similar-heading">
      <details open={expanded} onToggle={(event) => setExpanded(event.currentTarget.open)}>
        <summary>
          <span id="similar-heading" className="similar-heading">
            {t('search.similar.heading')}
          </span>
          {similar.length > 0 && <span className="similar-count">{count}</span>}
        </summary>
        {indexing && (
          <p className="hint">{t('search.similar.indexing', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}</p>
        )}
        {answered?.length === 0 && !indexing && <p className="hint">{t('search.similar.none')}</p>}
        {similar.length > 0 && (
          <ol className="similar-list">
            {similar.map((s) => (
              <SimilarItem key={s.incident.id} similar={s} now={now} />
            ))}
          </ol>
        )}
        <a className="similar-search-all" href={searchRoute({ ...NO_CRITERIA, service: services[0] ?? '', status: 'resolved' })}>
          {t('search.similar.searchAll')}
        </a>
      </details>
    </aside>
  );
}
