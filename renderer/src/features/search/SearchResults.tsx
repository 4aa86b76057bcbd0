import type { KeyboardEvent } from 'react';

import type { SearchOutcome } from '@shared/search/searchIndex';

import { formatNumber, t } from '../../i18n/i18n';
import { agoAndDate } from './formatWhen';
import { SearchResultItem } from './SearchResultItem';

export const RESULT_LINK_CLASS = 'search-result-link';

/** Moves focus to the first result, or the next (1) or previous (-1) one from the result focused. */
export function focusResult(from: Element | null, step: 1 | -1 | 0): boolean {
  const links = [...document.querySelectorAll<HTMLElement>(`.search-results .${RESULT_LINK_CLASS}`)];
  if (links.length === 0) return false;
  const at = from ? links.indexOf(from as HTMLElement) : -1;
  const next = step === 0 || at < 0 ? 0 : Math.min(Math.max(at + step, 0), links.length - 1);
  links[next]!.focus();
  return true;
}

type Props = {
  outcome: SearchOutcome;
  now: number;
  onShowMore: () => void;
  pageSize: number;
};

/** How many were found, when the last one was, and each incident found. ↑ and ↓ walk the results. */
export function SearchResults({ outcome, now, onShowMore, pageSize }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (!(event.target instanceof HTMLElement) || !event.target.classList.contains(RESULT_LINK_CLASS)) return;
    event.preventDefault();
    focusResult(event.target, event.key === 'ArrowDown' ? 1 : -1);
  };
  const last = outcome.lastSimilar && agoAndDate(outcome.lastSimilar.declaredAt, now);
  const remaining = outcome.total - outcome.results.length;

  return (
    <>
      <div className="search-summary" role="status">
        <p className="search-count">
          {outcome.total === 1 ? t('search.countOne') : t('search.count', { count: formatNumber(outcome.total) })}
        </p>
        {last && <p className="search-last">{t('search.lastSimilar', last)}</p>}
      </div>
      <ol className="search-results" aria-label={t('search.resultsLabel')} aria-describedby="search-results-hint" onKeyDown={onKeyDown}>
        {outcome.results.map((result) => (
          <SearchResultItem key={result.incident.id} result={result} now={now} />
        ))}
      </ol>
      <p id="search-results-hint" className="hint">
        {t('search.resultsHint')}
      </p>
      {remaining > 0 && (
        <button type="button" className="button" onClick={onShowMore}>
          {t('search.showMore', { count: formatNumber(Math.min(pageSize, remaining)) })}
        </button>
      )}
    </>
  );
}
