/**
 * How the charts draw: SVG attributes cannot read the stylesheet's variables,
 * so the palette's colours are repeated here. Each series also has its own dash
 * pattern, so lines stay apart without colour.
 */
import type { DurationMetric } from '@shared/domain/metrics/incidentMetrics';

export const AXIS_COLOUR = '#9fb0bf';
export const GRID_COLOUR = '#2c3a47';
export const BAR_COLOUR = '#4da3ff';
export const TOOLTIP_STYLE = { background: '#171e26', border: '1px solid #2c3a47', color: '#e8edf2' };

export const SERIES: Record<DurationMetric, { colour: string; dash: string }> = {
  ttd: { colour: '#c38bff', dash: '2 4' },
  tta: { colour: '#ffb547', dash: '8 4' },
  tte: { colour: '#4cd487', dash: '12 4 2 4' },
  ttm: { colour: '#4da3ff', dash: '' },
  ttr: { colour: '#ff6b6b', dash: '16 6' },
};
