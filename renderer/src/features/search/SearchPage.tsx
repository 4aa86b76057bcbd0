import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { navigate } from '../../app/router';
import { useCommands, type Command } from '../../commands/registry';
import { formatNumber, t } from '../../i18n/i18n';
import { useSearchAnswer, useSearchProgress } from '../../search/useSearchIndex';
import { useNow } from '../../ui/useNow';
import { filtersOf, hasFilters, MAX_QUERY_LENGTH, NO_CRITERIA, parseCriteria, searchRoute, type SearchCriteria } from './searchCriteria';
import { FOCUS_SEARCH_BOX, replaceRoute, SEARCH_BOX_ID } from './searchNavigation';
import { SearchFilters } from './SearchFilters';
import { focusResult, SearchResults } from './SearchResults';

const NONE: readonly string[] = [];

/** Results described in full at a time; "Show more" adds as many again. */
export const RESULTS_PAGE = 20;
/** How long typing must pause before the address follows it. */
const ADDRESS_SETTLE_MS = 400;

/** "Has this happened before?": full-text search over every incident on this console, with filters, offline. */
export function SearchPage({ query }: { query: string }) {
  const criteria = useMemo(() => parseCriteria(query), [query]);
  const progress = useSearchProgress();
  const now = useNow(60_000);
  const box = useRef<HTMLInputElement>(null);
  // "/" on this page goes back to the box and keeps the search in it (see openSearch).
  const pageCommands = useMemo(
    (): Command[] => [
      {
        id: FOCUS_SEARCH_BOX,
        label: { key: 'search.cmd.open' },
        group: 'console',
        listed: false,
        run: () => {
          box.current?.focus();
          box.current?.select();
        },
      },
    ],
    [],
  );
  useCommands(pageCommands);

  // The words typed, and the words last written to the address. When the address brings other words
  // (Back, Forward, a link), those are shown; the address catching up with our own typing changes nothing.
  const [typed, setTyped] = useState(() => ({ text: criteria.text, written: criteria.text }));
  if (criteria.text !== typed.written) setTyped({ text: criteria.text, written: criteria.text });
  const text = criteria.text !== typed.written ? criteria.text : typed.text;

  useEffect(() => {
    if (typed.text === typed.written) return;
    const timer = setTimeout(() => {
      setTyped((current) => ({ ...current, written: current.text }));
      replaceRoute(searchRoute({ ...criteria, text: typed.text }));
    }, ADDRESS_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typed, criteria]);

  // A new choice of filters is a new place in history: Back returns to the filters before it.
  const changeFilters = (next: SearchCriteria) => {
    setTyped({ text: next.text, written: next.text });
    navigate(searchRoute(next));
  };

  const request = useMemo(() => ({ text, filters: filtersOf(criteria) }), [text, criteria]);
  const requestKey = searchRoute({ ...criteria, text });
  const [more, setMore] = useState({ key: '', limit: RESULTS_PAGE });
  const limit = more.key === requestKey ? more.limit : RESULTS_PAGE;
  // Asked of the index's worker: typing never waits for a search, and the last results stay until newer ones arrive.
  const outcome = useSearchAnswer('search', { ...request, limit });

  // What the filters offer: whatever the incidents indexed so far name.
  const facets = useSearchAnswer('facets', null);

  const onBoxKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && focusResult(null, 0)) event.preventDefault();
  };
  const asked = outcome !== undefined && (outcome.words.length > 0 || hasFilters(criteria));
  const indexing = progress.phase !== 'ready';

  return (
    <section className="page search-page" aria-labelledby="search-heading">
      <header className="page-header">
        <h1 id="search-heading">{t('search.heading')}</h1>
      </header>
      <p className="search-intro">{t('search.intro')}</p>
      <form role="search" className="search-form" aria-labelledby="search-heading" onSubmit={(event) => event.preventDefault()}>
        <div className="field search-box">
          <label htmlFor={SEARCH_BOX_ID}>{t('search.boxLabel')}</label>
          <input
            id={SEARCH_BOX_ID}
            ref={box}
            type="search"
            value={text}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t('search.boxPlaceholder')}
            aria-describedby="search-box-hint"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            onChange={(event) => {
              const value = event.target.value;
              setTyped((current) => ({ ...current, text: value }));
            }}
            onKeyDown={onBoxKeyDown}
          />
          <p id="search-box-hint" className="hint">
            {t('search.boxHint')}
          </p>
        </div>
        <SearchFilters criteria={{ ...criteria, text }} services={facets?.services ?? NONE} tags={facets?.tags ?? NONE} onChange={changeFilters} />
      </form>
      {indexing && (
        <div className="search-indexing">
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-labelledby="search-indexing-label" />
          <span id="search-indexing-label">
            {t('search.indexing', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}
          </span>
          <span className="hint">{t('search.indexingHint')}</span>
        </div>
      )}
      {/* Until the index first answers, nothing is said either way. */}
      {!outcome ? null : !asked ? (
        <p className="search-prompt">{t('search.prompt')}</p>
      ) : outcome.total === 0 && !indexing ? (
        <div className="empty-state search-empty" role="status">
          <h2>{outcome.words.length ? t('search.empty', { words: text.trim() }) : t('search.emptyFiltered')}</h2>
          <p>{t('search.emptyHint')}</p>
          {hasFilters(criteria) && (
            <button type="button" className="button" onClick={() => changeFilters({ ...NO_CRITERIA, text })}>
              {t('search.filter.clear')}
            </button>
          )}
        </div>
      ) : (
        <SearchResults outcome={outcome} now={now} pageSize={RESULTS_PAGE} onShowMore={() => setMore({ key: requestKey, limit: limit + RESULTS_PAGE })} />
      )}
    </section>
  );
}
