/**
 * Reading an imported calendar file into shifts: on a worker the console can
 * stop, since ical.js may search forever for an occurrence a hostile rule
 * never has (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30). Where workers cannot run
 * (tests in jsdom), on this thread.
 */
import type { ImportWindow } from '@shared/domain/oncall';
import type { ShiftsRead } from '@shared/oncall/icalendar';

import { t } from '../../i18n/i18n';

/** Longer than any real calendar takes to read; then the file is refused. */
export const IMPORT_TIMEOUT_MS = 5_000;

export async function readCalendar(text: string, window: ImportWindow, timeoutMs = IMPORT_TIMEOUT_MS): Promise<ShiftsRead> {
  if (typeof Worker !== 'function') {
    const { shiftsFromICalendar } = await import('@shared/oncall/icalendar');
    return shiftsFromICalendar(text, window);
  }
  const worker = new Worker(new URL('./calendarImport.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ShiftsRead>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: t('settings.rosters.importTooLong', { seconds: timeoutMs / 1000 }) }), timeoutMs);
      worker.addEventListener('message', (event: MessageEvent<ShiftsRead>) => {
        clearTimeout(timer);
        resolve(event.data);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        clearTimeout(timer);
        resolve({ ok: false, error: event.message || t('settings.rosters.importWorkerFailed') });
      });
      worker.postMessage({ text, window });
    });
  } finally {
    worker.terminate();
  }
}
