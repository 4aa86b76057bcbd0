import { DURATION_METRICS, type CadenceMetrics, type IncidentMetrics } from '@shared/domain/metrics/incidentMetrics';

import { formatNumber, t } from '../../i18n/i18n';
import { formatElapsed, formatMaybe, METRIC_KEYS } from './formatMetrics';
import { useIncidentMetrics } from './useMetrics';

type Props = { incidentId: string; /** The heading's level where the card is placed. */ level?: 2 | 3 };

/** One incident's own times (TTD to TTR), how often it was reopened and whether its updates kept their cadence: for its post-mortem. */
export function IncidentMetricsCard({ incidentId, level = 2 }: Props) {
  const metrics = useIncidentMetrics(incidentId);
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = `incident-metrics-${incidentId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <section className="incident-metrics" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('metrics.card.heading')}</Heading>
      {metrics === undefined ? (
        <p role="status">{t('metrics.card.loading')}</p>
      ) : metrics === null ? (
        <p>{t('metrics.card.unavailable')}</p>
      ) : (
        <IncidentFigures metrics={metrics} />
      )}
    </section>
  );
}

function IncidentFigures({ metrics }: { metrics: IncidentMetrics }) {
  const open = metrics.milestones.resolvedAt === null;
  return (
    <>
      <dl className="incident-metrics-list">
        {DURATION_METRICS.map((metric) => (
          <div key={metric}>
            <dt>
              <span className="metric-abbr">{t(METRIC_KEYS[metric].short)}</span> {t(METRIC_KEYS[metric].name)}
            </dt>
            <dd>{formatMaybe(metrics.durations[metric])}</dd>
          </div>
        ))}
        <div>
          <dt>{t('metrics.card.reopened')}</dt>
          <dd>{reopenedText(metrics.reopened)}</dd>
        </div>
        <div>
          <dt>{t('metrics.card.cadence')}</dt>
          <dd className={metrics.cadence.kept === false ? 'cadence-late' : undefined}>{cadenceText(metrics.cadence)}</dd>
        </div>
      </dl>
      {open && <p className="hint">{t('metrics.card.open')}</p>}
    </>
  );
}

function reopenedText(times: number): string {
  if (times === 0) return t('metrics.card.reopenedNever');
  if (times === 1) return t('metrics.card.reopenedOnce');
  return t('metrics.card.reopenedTimes', { count: formatNumber(times) });
}

function cadenceText(cadence: CadenceMetrics): string {
  if (cadence.kept === null) return t('metrics.card.cadenceNone');
  if (cadence.kept) return t('metrics.card.cadenceKept');
  const duration = formatElapsed(cadence.longestLateMs);
  if (cadence.lateIntervals === 1) return t('metrics.card.cadenceLateOnce', { duration });
  return t('metrics.card.cadenceLate', { count: formatNumber(cadence.lateIntervals), duration });
}
