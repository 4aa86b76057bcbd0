import { useLiveQuery } from 'dexie-react-hooks';

import type { PostmortemSection } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';
import { readSection } from '@shared/domain/postmortem';

import { useDatabase } from '../../app/DatabaseContext';
import { getPostmortem } from '../../db/reviewQueries';
import { formatDateTime, t } from '../../i18n/i18n';
import { formatFieldValue } from '../incident/fieldValue';
import { IncidentActionItems } from './IncidentActionItems';
import { ReviewFacts } from './ReviewFacts';
import { SectionEditor } from './SectionEditor';

const OPENING: PostmortemSection[] = ['summary', 'impact'];
const FINDINGS: PostmortemSection[] = ['rootCause', 'contributingFactors', 'wentWell', 'wentBadly'];

/** The incident's blameless post-mortem: drawn from the log, written in the console, exported. */
export function ReviewView({ incident, actor }: { incident: IncidentSummary; actor: string }) {
  const db = useDatabase();
  const postmortem = useLiveQuery(() => getPostmortem(db, incident.id), [db, incident.id]);
  const suggestions = draftSuggestions(incident);

  const section = (name: PostmortemSection) => (
    <SectionEditor key={name} incidentId={incident.id} section={name} value={readSection(postmortem, name)} actor={actor} suggestion={suggestions[name]} />
  );

  return (
    <div className="review" aria-labelledby="review-heading">
      <header className="review-header">
        <h2 id="review-heading">{t('review.heading')}</h2>
        <p className="review-hint">{t('review.blameless')}</p>
        {postmortem?.lastEdit && (
          <p className="review-meta">{t('review.lastEdit', { name: postmortem.lastEdit.actor, time: formatDateTime(new Date(postmortem.lastEdit.occurredAt)) })}</p>
        )}
      </header>
      <section className="review-block" aria-labelledby="review-facts-heading">
        <h2 id="review-facts-heading">{t('review.factsHeading')}</h2>
        <ReviewFacts incident={incident} actor={actor} />
      </section>
      <section className="review-block" aria-label={t('review.openingLabel')}>
        {OPENING.map(section)}
      </section>
      <section className="review-block" aria-label={t('review.findingsLabel')}>
        {FINDINGS.map(section)}
      </section>
      <IncidentActionItems incidentId={incident.id} actor={actor} />
    </div>
  );
}

/** First drafts drawn from the log for the sections a reader meets first. */
function draftSuggestions(incident: IncidentSummary): Partial<Record<PostmortemSection, string>> {
  const services = formatFieldValue('services', incident.services);
  return {
    summary: t('review.draft.summary', {
      priority: formatFieldValue('priority', incident.priority),
      kind: formatFieldValue('kind', incident.kind),
      title: incident.title,
      declared: formatDateTime(new Date(incident.declaredAt)),
      status: formatFieldValue('status', incident.status),
    }),
    impact: t('review.draft.impact', { services, impact: formatFieldValue('impact', incident.impact), urgency: formatFieldValue('urgency', incident.urgency) }),
  };
}
