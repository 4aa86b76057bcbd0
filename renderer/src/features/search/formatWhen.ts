/** "3 weeks ago (12 Oct 2026)": how long ago an incident was, and the day, for people skimming past incidents. */
import { formatDate, formatRelative } from '../../i18n/i18n';

export function agoAndDate(iso: string, now: number): { ago: string; date: string } {
  const date = new Date(iso);
  return { ago: formatRelative(date, new Date(now)), date: formatDate(date) };
}
