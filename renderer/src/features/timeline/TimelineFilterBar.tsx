import { useMemo, useRef, useState } from 'react';

import { ROW_TYPES, NO_FILTER, isFiltering, timelineFilterQuery, type RowType, type TimelineFilter } from '@shared/domain/timelineFilter';

import { incidentViewRoute, navigate } from '../../app/router';
import { useCommands, type Command } from '../../commands/registry';
import { formatNumber, t } from '../../i18n/i18n';

type Props = {
  incidentId: string;
  filter: TimelineFilter;
  /** Rows shown and rows in all, once the filtered list has loaded. */
  counts: { shown: number; total: number } | null;
};

const TYPE_LABEL: Record<RowType, 'entryKind.note' | 'entryKind.action' | 'entryKind.decision' | 'entryKind.observation' | 'entryKind.system'> = {
  note: 'entryKind.note',
  action: 'entryKind.action',
  decision: 'entryKind.decision',
  observation: 'entryKind.observation',
  change: 'entryKind.system',
};

/**
 * The timeline's filter: a toggle per row type, key entries only, one
 * person's rows. Every change goes into the address, which is where the list
 * reads its filter from. F (from the page) comes here.
 */
export function TimelineFilterBar({ incidentId, filter, counts }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  const [person, setPerson] = useState(filter.by);
  const apply = (next: TimelineFilter) => {
    const query = timelineFilterQuery(next);
    navigate(`${incidentViewRoute(incidentId, 'timeline')}${query ? `?${query}` : ''}`);
  };
  const toggle = (type: RowType) =>
    apply({ ...filter, show: filter.show.includes(type) ? filter.show.filter((shown) => shown !== type) : [...filter.show, type] });
  const commands = useMemo<Command[]>(
    () => [{ id: 'timeline.filter', label: { key: 'timeline.filter.command' }, group: 'views', keys: [{ key: 'f' }], run: () => first.current?.focus() }],
    [],
  );
  useCommands(commands);

  return (
    <div className="timeline-filter" role="group" aria-label={t('timeline.filter.label')}>
      <span className="timeline-filter-caption" aria-hidden="true">
        {t('timeline.filter.show')}
      </span>
      {ROW_TYPES.map((type, index) => (
        <button
          key={type}
          ref={index === 0 ? first : undefined}
          type="button"
          className="button small filter-toggle"
          aria-pressed={filter.show.includes(type)}
          aria-keyshortcuts={index === 0 ? 'F' : undefined}
          onClick={() => toggle(type)}
        >
          {t(TYPE_LABEL[type])}
        </button>
      ))}
      <label className="timeline-filter-key">
        <input type="checkbox" checked={filter.keyOnly} onChange={(e) => apply({ ...filter, keyOnly: e.target.checked })} />
        {t('timeline.filter.keyOnly')}
      </label>
      <label className="timeline-filter-person">
        {t('timeline.filter.by')}
        <input
          type="search"
          value={person}
          maxLength={120}
          placeholder={t('timeline.filter.byAnyone')}
          onChange={(e) => setPerson(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply({ ...filter, by: person.trim() });
          }}
          onBlur={() => person.trim() !== filter.by && apply({ ...filter, by: person.trim() })}
        />
      </label>
      {isFiltering(filter) && (
        <>
          <span className="timeline-filter-count" role="status">
            {counts ? t('timeline.filter.count', { shown: formatNumber(counts.shown), total: formatNumber(counts.total) }) : ''}
          </span>
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setPerson('');
              apply(NO_FILTER);
            }}
          >
            {t('timeline.filter.clear')}
          </button>
        </>
      )}
    </div>
  );
}
