import { PRIORITIES, type Priority } from '@shared/domain/priority';
import { STATUS_FILTERS, type StatusFilter } from '@shared/search/filters';

import { t } from '../../i18n/i18n';
import { hasFilters, NO_CRITERIA, type SearchCriteria } from './searchCriteria';

type Props = {
  criteria: SearchCriteria;
  /** What the index holds, to choose from. */
  services: readonly string[];
  tags: readonly string[];
  onChange: (next: SearchCriteria) => void;
};

/** Choices to pick from, with the current one kept even when no incident names it any more (a linked search). */
function choices(known: readonly string[], current: string): string[] {
  return current && !known.includes(current) ? [current, ...known] : [...known];
}

/** Narrowing the search: service, tag, priority, status, when declared, and whether drills count. */
export function SearchFilters({ criteria, services, tags, onChange }: Props) {
  const set = (change: Partial<SearchCriteria>) => onChange({ ...criteria, ...change });
  const togglePriority = (priority: Priority, on: boolean) =>
    set({ priorities: PRIORITIES.filter((p) => (p === priority ? on : criteria.priorities.includes(p))) });

  return (
    <fieldset className="search-filters">
      <legend>{t('search.filters')}</legend>
      <div className="field">
        <label htmlFor="search-service">{t('search.filter.service')}</label>
        <select id="search-service" value={criteria.service} onChange={(e) => set({ service: e.target.value })}>
          <option value="">{t('search.filter.anyService')}</option>
          {choices(services, criteria.service).map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="search-tag">{t('search.filter.tag')}</label>
        <select id="search-tag" value={criteria.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">{t('search.filter.anyTag')}</option>
          {choices(tags, criteria.tag).map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="search-status">{t('search.filter.status')}</label>
        <select id="search-status" value={criteria.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {t(`search.filter.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="search-from">{t('search.filter.from')}</label>
        <input id="search-from" type="date" value={criteria.from} max={criteria.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="search-to">{t('search.filter.to')}</label>
        <input id="search-to" type="date" value={criteria.to} min={criteria.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <fieldset className="search-priorities">
        <legend>{t('search.filter.priority')}</legend>
        {PRIORITIES.map((priority) => (
          <label key={priority} className="check">
            <input type="checkbox" checked={criteria.priorities.includes(priority)} onChange={(e) => togglePriority(priority, e.target.checked)} />
            {t(`priority.${priority}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={criteria.drills} onChange={(e) => set({ drills: e.target.checked })} />
        {t('search.filter.drills')}
      </label>
      {hasFilters(criteria) && (
        <button type="button" className="button small" onClick={() => onChange({ ...NO_CRITERIA, text: criteria.text })}>
          {t('search.filter.clear')}
        </button>
      )}
    </fieldset>
  );
}
