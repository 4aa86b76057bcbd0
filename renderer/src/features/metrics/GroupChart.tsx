import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';

import type { Group, Summary } from '@shared/domain/metrics/aggregate';
import { DURATION_METRICS, type DurationMetric } from '@shared/domain/metrics/incidentMetrics';

import { formatNumber, t } from '../../i18n/i18n';
import { ChartTable } from './ChartTable';
import { AXIS_COLOUR, BAR_COLOUR, GRID_COLOUR } from './chartStyle';
import { formatElapsed, formatMaybe, METRIC_KEYS, toMinutes } from './formatMetrics';

type Props = {
  id: string;
  heading: string;
  explain: string;
  caption: string;
  /** The table's first column: what the groups are (service, priority). */
  groupHeader: string;
  groups: readonly Group[];
  labelOf: (key: string) => string;
  /** The time the bars show; the table shows them all. */
  metric: DurationMetric;
};

/** A bar's height and the axis's, in rem: the chart grows with the console's text. */
const BAR_REM = 2;
const AXIS_REM = 2.7;

/** The console's root text size in pixels (15 up to 1080p, more on larger screens): the chart's pixel sizes follow it. */
function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
}

/** One bar per group for the chosen time, its value written beside it; every time in the table. */
export function GroupChart({ id, heading, explain, caption, groupHeader, groups, labelOf, metric }: Props) {
  const rows = groups.map((g) => {
    const mean = g.metrics[metric].mean;
    return { label: labelOf(g.key), minutes: toMinutes(mean) ?? 0, text: mean === null ? t('metrics.figure.notKnown') : formatElapsed(mean) };
  });
  const remPx = rootFontPx();
  return (
    <section className="metrics-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p className="metrics-explain">{explain}</p>
      <div className="metrics-chart" aria-hidden="true">
        <BarChart
          responsive
          layout="vertical"
          data={rows}
          style={{ width: '100%', height: `${AXIS_REM + BAR_REM * rows.length}rem` }}
          margin={{ top: 4, right: 120, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" stroke={AXIS_COLOUR} tickFormatter={(value: number) => formatNumber(value)} />
          <YAxis type="category" dataKey="label" stroke={AXIS_COLOUR} width={Math.round(remPx * 10.7)} />
          <Bar dataKey="minutes" fill={BAR_COLOUR} barSize={Math.round(remPx * (BAR_REM - 0.7))} isAnimationActive={false}>
            <LabelList dataKey="text" position="right" fill={AXIS_COLOUR} />
          </Bar>
        </BarChart>
      </div>
      <ChartTable id={`${id}-table`} caption={caption}>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col">{t('metrics.col.incidents')}</th>
            <th scope="col">{t('metrics.col.reopened')}</th>
            {DURATION_METRICS.map((m) => (
              <th key={m} scope="col">
                {t(METRIC_KEYS[m].abbr)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{labelOf(g.key)}</th>
              <td>{formatNumber(g.incidents)}</td>
              <td>{formatNumber(g.reopened)}</td>
              {DURATION_METRICS.map((m) => (
                <td key={m}>{summaryCell(g.metrics[m])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </section>
  );
}

function summaryCell(summary: Summary): string {
  if (summary.mean === null) return t('metrics.figure.notKnown');
  return t('metrics.cell', {
    mean: formatElapsed(summary.mean),
    median: formatMaybe(summary.median),
    n: formatNumber(summary.n),
    of: formatNumber(summary.of),
  });
}
