import { useState } from 'react';

import { DAY_REGEX, INCIDENT_KINDS, type IncidentKind } from '@shared/domain/events';
import { NO_FILTER, type MetricsFilter } from '@shared/domain/metrics/aggregate';
import { DURATION_METRICS, type DurationMetric } from '@shared/domain/metrics/incidentMetrics';
import { PRIORITIES } from '@shared/domain/priority';

import { t } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { METRIC_KEYS } from './formatMetrics';
import { isFiltered, type MetricsView } from './metricsQuery';

type Props = {
  view: MetricsView;
  /** Every service and tag any incident names. */
  services: readonly string[];
  tags: readonly string[];
  onChange: (view: MetricsView) => void;
};

/** Which incidents the dashboard counts. Every change goes into the address, so the view can be linked. */
export function MetricsFilters({ view, services, tags, onChange }: Props) {
  const { filter } = view;
  const set = (change: Partial<MetricsFilter>) => onChange({ ...view, filter: { ...filter, ...change } });
  // A linked view may name a service or tag this console has not seen: keep it selectable.
  const serviceOptions = withChosen(services, filter.services);
  const tagOptions = withChosen(tags, filter.tags);
  return (
    <section className="metrics-filters" aria-labelledby="metrics-filters-heading">
      <h2 id="metrics-filters-heading" className="visually-hidden">
        {t('metrics.filters.heading')}
      </h2>
      <DayInput id="metrics-from" label={t('metrics.filters.from')} value={filter.from} onChange={(from) => set({ from })} />
      <DayInput id="metrics-to" label={t('metrics.filters.to')} value={filter.to} onChange={(to) => set({ to })} />
      <Field id="metrics-service" label={t('metrics.filters.service')}>
        <select id="metrics-service" value={filter.services[0] ?? ''} onChange={(e) => set({ services: e.target.value ? [e.target.value] : [] })}>
          <option value="">{t('metrics.filters.allServices')}</option>
          {serviceOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field id="metrics-tag" label={t('metrics.filters.tag')}>
        <select id="metrics-tag" value={filter.tags[0] ?? ''} onChange={(e) => set({ tags: e.target.value ? [e.target.value] : [] })}>
          <option value="">{t('metrics.filters.allTags')}</option>
          {tagOptions.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </Field>
      <Field id="metrics-kind" label={t('metrics.filters.kind')}>
        <select id="metrics-kind" value={filter.kinds[0] ?? ''} onChange={(e) => set({ kinds: e.target.value ? [e.target.value as IncidentKind] : [] })}>
          <option value="">{t('metrics.filters.allKinds')}</option>
          {INCIDENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="field metrics-priorities" aria-describedby="metrics-priority-hint">
        <legend>{t('metrics.filters.priority')}</legend>
        <div className="metrics-checks">
          {PRIORITIES.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={filter.priorities.includes(p)}
                onChange={(e) => set({ priorities: e.target.checked ? [...filter.priorities, p] : filter.priorities.filter((x) => x !== p) })}
              />
              {t(`priority.${p}`)}
            </label>
          ))}
        </div>
        <p id="metrics-priority-hint" className="hint">
          {t('metrics.filters.priorityHint')}
        </p>
      </fieldset>
      <label className="field checkbox">
        <input type="checkbox" checked={filter.includeDrills} onChange={(e) => set({ includeDrills: e.target.checked })} />
        {t('metrics.filters.drills')}
      </label>
      <Field id="metrics-chart-metric" label={t('metrics.filters.chartMetric')}>
        <select id="metrics-chart-metric" value={view.metric} onChange={(e) => onChange({ ...view, metric: e.target.value as DurationMetric })}>
          {DURATION_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(METRIC_KEYS[m].name)}
            </option>
          ))}
        </select>
      </Field>
      {isFiltered(filter) && (
        <button type="button" className="button ghost metrics-reset" onClick={() => onChange({ ...view, filter: NO_FILTER })}>
          {t('metrics.filters.reset')}
        </button>
      )}
    </section>
  );
}

function withChosen(options: readonly string[], chosen: readonly string[]): string[] {
  return [...options, ...chosen.filter((c) => !options.includes(c))];
}

type DayProps = { id: string; label: string; value: string | null; onChange: (value: string | null) => void };

/**
 * A date field that keeps what is being typed to itself until it is a whole
 * date (or empty): the filter only ever holds real days. A change from outside
 * (clearing the filters, going back) replaces what it shows.
 */
function DayInput({ id, label, value, onChange }: DayProps) {
  const [text, setText] = useState(value ?? '');
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setText(value ?? '');
  }
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="date"
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next === '') onChange(null);
          else if (DAY_REGEX.test(next)) onChange(next);
        }}
      />
    </Field>
  );
}
