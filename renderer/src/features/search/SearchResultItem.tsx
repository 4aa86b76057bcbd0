import { incidentRoute } from '@shared/platform/routes';
import type { MatchSnippet, SearchResult, SnippetSource } from '@shared/search/searchIndex';

import { incidentViewRoute } from '../../app/router';
import { formatDateTime, t } from '../../i18n/i18n';
import { PriorityBadge, StatusBadge } from '../../ui/PriorityBadge';
import { agoAndDate } from './formatWhen';
import { Highlighted } from './Highlighted';
import { ResolutionSummary } from './ResolutionSummary';

/** Where a passage was found, in words: "Timeline entry, 12 Oct 2026 14:02:11, struck through". */
function sourceLabel(source: SnippetSource): string {
  switch (source.kind) {
    case 'entry': {
      const time = formatDateTime(new Date(source.at));
      return source.struck ? t('search.source.entryStruck', { time }) : t('search.source.entry', { time });
    }
    case 'hypothesis':
    case 'evidence':
    case 'experiment':
      return t(`search.source.${source.kind}`, { status: t(`hypotheses.status.${source.status}`) });
    case 'postmortem':
      return t('search.source.postmortem', { section: t(`review.section.${source.section}`) });
    case 'actionItem':
      return t('search.source.actionItem');
  }
}

function Snippet({ snippet }: { snippet: MatchSnippet }) {
  const struck = snippet.source.kind === 'entry' && snippet.source.struck;
  return (
    <li className="search-snippet">
      <span className="search-snippet-source">{sourceLabel(snippet.source)}</span>
      <span className={`search-snippet-text${struck ? ' struck' : ''}${snippet.cutBefore ? ' cut-before' : ''}${snippet.cutAfter ? ' cut-after' : ''}`}>
        <Highlighted text={snippet.text} highlights={snippet.highlights} />
      </span>
    </li>
  );
}

/** One incident found: what it was, the passages that matched, and how it was resolved, with the way to it and its post-mortem. */
export function SearchResultItem({ result, now }: { result: SearchResult; now: number }) {
  const { incident } = result;
  const declared = agoAndDate(incident.declaredAt, now);
  const headingId = `search-result-${incident.id}`;
  return (
    <li className="search-result">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="search-result-title">
          <a className="search-result-link" href={incidentRoute(incident.id)}>
            <Highlighted text={result.title.text} highlights={result.title.highlights} />
          </a>
        </h2>
        <p className="search-result-meta">
          <PriorityBadge priority={incident.priority} />
          <StatusBadge status={incident.status} />
          {incident.drill && <span className="badge drill">{t('incidents.drill')}</span>}
          {incident.services.length > 0 && <span>{t('search.services', { names: incident.services.join(', ') })}</span>}
          <time dateTime={incident.declaredAt}>{t('search.declared', declared)}</time>
        </p>
        {result.snippets.length > 0 && (
          <ul className="search-snippets">
            {result.snippets.map((snippet, i) => (
              <Snippet key={i} snippet={snippet} />
            ))}
          </ul>
        )}
        <ResolutionSummary incident={incident} resolution={result.resolution} headingLevel={3} />
        <a className="search-result-review" href={incidentViewRoute(incident.id, 'review')} aria-label={t('search.postmortemLinkNamed', { title: incident.title })}>
          {t('search.postmortemLink')}
        </a>
      </article>
    </li>
  );
}
