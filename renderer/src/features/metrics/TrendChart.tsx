import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

import type { Trend } from '@shared/domain/metrics/aggregate';
import { DURATION_METRICS } from '@shared/domain/metrics/incidentMetrics';

import { formatNumber, t } from '../../i18n/i18n';
import { ChartTable } from './ChartTable';
import { AXIS_COLOUR, GRID_COLOUR, SERIES, TOOLTIP_STYLE } from './chartStyle';
import { formatElapsed, formatMaybe, formatPeriod, METRIC_KEYS, toMinutes } from './formatMetrics';

const MINUTE = 60_000;

/** Each time's mean, period by period, as lines; the same figures as a table. */
export function TrendChart({ trend }: { trend: Trend }) {
  const rows = trend.points.map((point) => ({
    label: formatPeriod(point.start, trend.bucket),
    ...Object.fromEntries(DURATION_METRICS.map((metric) => [metric, toMinutes(point.means[metric])])),
  }));
  return (
    <section className="metrics-section" aria-labelledby="metrics-trend-heading">
      <h2 id="metrics-trend-heading">{t('metrics.trend.heading')}</h2>
      <p className="metrics-explain">{trend.bucket === 'month' ? t('metrics.trend.explainMonth') : t('metrics.trend.explainWeek')}</p>
      <div className="metrics-chart" aria-hidden="true">
        <LineChart responsive data={rows} style={{ width: '100%', height: '20rem' }} margin={{ top: 8, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="3 3" />
          <XAxis dataKey="label" stroke={AXIS_COLOUR} />
          <YAxis
            stroke={AXIS_COLOUR}
            tickFormatter={(value: number) => formatNumber(value)}
            label={{ value: t('metrics.axis.minutes'), angle: -90, position: 'insideLeft', fill: AXIS_COLOUR }}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            formatter={(value) => (typeof value === 'number' ? formatElapsed(value * MINUTE) : String(value))}
          />
          {DURATION_METRICS.map((metric) => (
            <Line
              key={metric}
              dataKey={metric}
              name={t(METRIC_KEYS[metric].abbr)}
              stroke={SERIES[metric].colour}
              strokeDasharray={SERIES[metric].dash}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
        <ul className="chart-legend">
          {DURATION_METRICS.map((metric) => (
            <li key={metric}>
              <svg width="32" height="10" viewBox="0 0 32 10" focusable="false">
                <line x1="0" y1="5" x2="32" y2="5" stroke={SERIES[metric].colour} strokeDasharray={SERIES[metric].dash} strokeWidth="3" />
              </svg>
              {t(METRIC_KEYS[metric].abbr)}
            </li>
          ))}
        </ul>
      </div>
      <ChartTable id="metrics-trend-table" caption={t('metrics.trend.caption')}>
        <thead>
          <tr>
            <th scope="col">{trend.bucket === 'month' ? t('metrics.col.month') : t('metrics.col.week')}</th>
            <th scope="col">{t('metrics.col.incidents')}</th>
            {DURATION_METRICS.map((metric) => (
              <th key={metric} scope="col">
                {t(METRIC_KEYS[metric].abbr)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.points.map((point, i) => (
            <tr key={point.start}>
              <th scope="row">{rows[i]!.label}</th>
              <td>{formatNumber(point.incidents)}</td>
              {DURATION_METRICS.map((metric) => (
                <td key={metric}>{point.incidents === 0 ? '–' : formatMaybe(point.means[metric])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </section>
  );
}
