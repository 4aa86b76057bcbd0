import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';

import type { PostmortemSection } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';
import { readSection } from '@shared/domain/postmortem';
import { consoleTimeZone } from '@shared/domain/timeZone';

import { useDatabase } from '../../app/DatabaseContext';
import { getPostmortem } from '../../db/postmortemQueries';
import { formatDateTime, t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/locale';
import { formatFieldValue } from '../../describe/fieldValue';
import { IncidentMetricsCard } from '../metrics/IncidentMetricsCard';
import { ExportDialog } from './ExportDialog';
import { postmortemLabels, readPostmortem } from './exportPostmortem';
import { KeyEvents, RecordsFromTheLog, ReviewFactList } from './FromTheLog';
import { IncidentActionItems } from './IncidentActionItems';
import { PostmortemFacts } from './PostmortemFacts';
import { SectionEditor } from './SectionEditor';

const OPENING: PostmortemSection[] = ['summary', 'impact'];
const FINDINGS: PostmortemSection[] = ['rootCause', 'contributingFactors', 'wentWell', 'wentBadly'];

/** The incident's blameless post-mortem: drawn from the log, written in the console, exported. */
export function PostmortemView({ incident, actor }: { incident: IncidentSummary; actor: string }) {
  const db = useDatabase();
  const postmortem = useLiveQuery(() => getPostmortem(db, incident.id), [db, incident.id]);
  const locale = useLocale();
  // The same document the exports write: what the screen shows is what leaves the console.
  const doc = useLiveQuery(() => readPostmortem(db, incident.id, consoleTimeZone()), [db, incident.id]);
  const labels = useMemo(() => postmortemLabels(), [locale]); // eslint-disable-line react-hooks/exhaustive-deps -- the labels follow the language
  const [exporting, setExporting] = useState(false);
  const suggestions = draftSuggestions(incident);

  const section = (name: PostmortemSection) => (
    <SectionEditor key={name} incidentId={incident.id} section={name} value={readSection(postmortem, name)} actor={actor} suggestion={suggestions[name]} />
  );

  return (
    <div className="review workspace-view" aria-labelledby="review-heading">
      <header className="review-header">
        <h2 id="review-heading">{t('review.heading')}</h2>
        <p className="review-hint">{t('review.blameless')}</p>
        <button type="button" className="button" title={t('postmortemExport.openHint')} onClick={() => setExporting(true)}>
          {t('postmortemExport.open')}
        </button>
        {postmortem?.lastEdit && (
          <p className="review-meta">{t('review.lastEdit', { name: postmortem.lastEdit.actor, time: formatDateTime(new Date(postmortem.lastEdit.occurredAt)) })}</p>
        )}
      </header>
      <div className="review-columns">
        <div className="review-main">
          <section className="review-block" aria-label={t('review.openingLabel')}>
            {OPENING.map(section)}
          </section>
          {doc && <KeyEvents doc={doc} labels={labels} />}
          <section className="review-block" aria-label={t('review.findingsLabel')}>
            {FINDINGS.map(section)}
          </section>
          <IncidentActionItems incidentId={incident.id} actor={actor} />
        </div>
        <div className="review-side">
          <section className="review-block" aria-labelledby="review-facts-heading">
            <h2 id="review-facts-heading">{t('review.factsHeading')}</h2>
            {doc && <ReviewFactList doc={doc} labels={labels} />}
            <PostmortemFacts incident={incident} actor={actor} />
          </section>
          <div className="review-block">
            <IncidentMetricsCard incidentId={incident.id} />
          </div>
          {doc && <RecordsFromTheLog doc={doc} labels={labels} />}
        </div>
      </div>
      {exporting && <ExportDialog incidentId={incident.id} onClose={() => setExporting(false)} />}
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
