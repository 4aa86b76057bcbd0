/** Message lookup and locale-aware formatting. Only catalogues hold user-visible text. */
import { formatDistanceStrict, format } from 'date-fns';
import { enGB } from 'date-fns/locale';

import { en, type Catalogue, type MessageKey } from './en';

const catalogue: Catalogue = en;
const dateLocale = enGB;

export type MessageValues = Record<string, string | number>;

export function t(key: MessageKey, values?: MessageValues): string {
  const template = catalogue[key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}

export function formatTime(date: Date): string {
  return format(date, 'HH:mm:ss', { locale: dateLocale });
}

/** A time for people elsewhere: hours, minutes and the offset from UTC ("14:30 GMT+1"). */
export function formatTimeWithZone(date: Date): string {
  return format(date, 'HH:mm O', { locale: dateLocale });
}

export function formatDateTime(date: Date): string {
  return format(date, 'd MMM yyyy HH:mm:ss', { locale: dateLocale });
}

export function formatDuration(from: Date, to: Date): string {
  return formatDistanceStrict(from, to, { locale: dateLocale });
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat('en-GB').format(value);
}
