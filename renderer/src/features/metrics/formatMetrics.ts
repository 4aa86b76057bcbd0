/** How the dashboard writes its figures: durations a person reads at a glance ("1 h 12 min"), counts in the locale's digits. */
import type { TrendBucket } from '@shared/domain/metrics/aggregate';
import type { DurationMetric } from '@shared/domain/metrics/incidentMetrics';

import type { MessageKey } from '../../i18n/en';
import { formatNumber, t } from '../../i18n/i18n';
import { getLocale, type Locale } from '../../i18n/locale';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * The two largest units: "45 s", "12 min", "1 h 12 min", "3 d 4 h". Under a
 * minute it counts seconds; above, whole minutes (rounded), since metrics that
 * span hours are not read to the second.
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / SECOND);
  if (seconds < 60) return t('metrics.duration.seconds', { n: formatNumber(seconds) });
  const minutes = Math.round(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const part = (key: MessageKey, n: number) => t(key, { n: formatNumber(n) });
  if (days > 0) return [part('metrics.duration.days', days), hours ? part('metrics.duration.hours', hours) : ''].filter(Boolean).join(' ');
  if (hours > 0) return [part('metrics.duration.hours', hours), rest ? part('metrics.duration.minutes', rest) : ''].filter(Boolean).join(' ');
  return part('metrics.duration.minutes', rest);
}

export function formatMaybe(ms: number | null): string {
  return ms === null ? t('metrics.figure.notKnown') : formatElapsed(ms);
}

/** Minutes to one decimal: what the charts plot. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / MINUTE) * 10) / 10;
}

/** For each time: its mean's abbreviation (MTTD), one incident's (TTD), its name and its one-line explanation. */
export const METRIC_KEYS: Record<DurationMetric, { abbr: MessageKey; short: MessageKey; name: MessageKey; explain: MessageKey }> = {
  ttd: { abbr: 'metrics.ttd.abbr', short: 'metrics.ttd.short', name: 'metrics.ttd.name', explain: 'metrics.ttd.explain' },
  tta: { abbr: 'metrics.tta.abbr', short: 'metrics.tta.short', name: 'metrics.tta.name', explain: 'metrics.tta.explain' },
  tte: { abbr: 'metrics.tte.abbr', short: 'metrics.tte.short', name: 'metrics.tte.name', explain: 'metrics.tte.explain' },
  ttm: { abbr: 'metrics.ttm.abbr', short: 'metrics.ttm.short', name: 'metrics.ttm.name', explain: 'metrics.ttm.explain' },
  ttr: { abbr: 'metrics.ttr.abbr', short: 'metrics.ttr.short', name: 'metrics.ttr.name', explain: 'metrics.ttr.explain' },
};

/** The metric's name for use inside a sentence: "Mean time to resolve per service". */
export function metricNameInSentence(metric: DurationMetric): string {
  const name = t(METRIC_KEYS[metric].name);
  return name.charAt(0).toLocaleLowerCase() + name.slice(1);
}

const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

/** A trend's period: "Mar 2026" for a month, "2 Mar 2026" for the Monday a week starts on. Buckets are UTC days. */
export function formatPeriod(start: string, bucket: TrendBucket, locale: Locale = getLocale()): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'month' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(INTL_TAGS[locale], options).format(new Date(`${start}T00:00:00.000Z`));
}
