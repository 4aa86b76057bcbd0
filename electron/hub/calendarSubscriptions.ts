/**
 * The hub subscribes to the calendars rosters name by address: every
 * quarter hour (and within a minute of a roster naming a new one) it fetches
 * each, reads the next 90 days of shifts, and writes them to the log as its
 * own `organisation.calendarFetched` event, which every console folds into
 * the roster. Only a change is written: a calendar that says the same again
 * adds nothing to the log. A fetch that fails is written once, with why, and
 * the shifts read before stand.
 */
import { ORGANISATION_STREAM } from '../../shared/domain/events';
import { DELIVERY_ACTOR } from '../../shared/domain/messages';
import { ONCALL_LEVELS, importWindow, type OnCallLevel, type Shift } from '../../shared/domain/oncall';
import { calendarKey, type FetchedCalendar } from '../../shared/domain/organisation';
import { cleanLine, LIMITS } from '../../shared/domain/text';
import { shiftsFromICalendar } from '../../shared/oncall/icalendar';
import type { HubAuthor } from '../../shared/sync/hubAuthor';
import type { HubStore } from '../../shared/sync/hubStore';
import type { SpaceSettings } from '../../shared/sync/spaceSettings';
import type { CalendarFetch } from '../outbound/calendarFetch';
import { messageOf, type Log } from './log';

export const CALENDAR_REFRESH_MS = 15 * 60_000;
/** How often the hub looks for a calendar due, or newly named. */
export const CALENDAR_CHECK_MS = 60_000;

export type CalendarSubscriptions = { runDue(): Promise<void>; stop(): Promise<void> };

export function startCalendarSubscriptions(deps: {
  store: HubStore;
  settings: SpaceSettings;
  author: HubAuthor;
  fetchCalendar: (url: string) => Promise<CalendarFetch>;
  now: () => number;
  log: Log;
  advanced: (spaceId: string, head: number) => void;
  refreshMs?: number;
  checkEveryMs?: number;
}): CalendarSubscriptions {
  const { settings } = deps;
  const refreshMs = deps.refreshMs ?? CALENDAR_REFRESH_MS;
  /** When each (calendar, address) was last fetched by this process. */
  const tried = new Map<string, number>();
  let round: Promise<void> | null = null;
  let stopped = false;

  const fetchOne = async (spaceId: string, roster: { id: string; timeZone: string }, level: OnCallLevel, url: string, last: FetchedCalendar | undefined) => {
    const now = deps.now();
    const fetched = await deps.fetchCalendar(url);
    let outcome: { outcome: 'fetched' | 'failed'; shifts: Shift[]; detail: string };
    if (!fetched.ok) outcome = { outcome: 'failed', shifts: [], detail: fetched.error };
    else {
      const read = shiftsFromICalendar(fetched.text, importWindow(now, roster.timeZone));
      outcome = read.ok ? { outcome: 'fetched', shifts: read.shifts, detail: read.skipped ? `${read.skipped} events named nobody` : '' } : { outcome: 'failed', shifts: [], detail: read.error };
    }
    const detail = cleanLine(outcome.detail).slice(0, LIMITS.reason);
    const same = last && last.url === url && last.outcome === outcome.outcome && last.detail === detail && JSON.stringify(last.shifts) === JSON.stringify(outcome.shifts);
    if (same || stopped) return;
    const { head } = await deps.author.append(spaceId, [
      {
        incidentId: ORGANISATION_STREAM,
        type: 'organisation.calendarFetched',
        actor: DELIVERY_ACTOR,
        occurredAt: new Date(now).toISOString(),
        payload: { roster: roster.id, level, url, outcome: outcome.outcome, shifts: outcome.shifts, detail },
      },
    ]);
    if (outcome.outcome === 'failed') deps.log('warn', 'could not fetch a roster’s calendar', { space: spaceId, roster: roster.id, detail });
    deps.advanced(spaceId, head);
  };

  const runDue = () =>
    (round ??= (async () => {
      try {
        for (const space of await deps.store.listSpaces()) {
          const view = await settings.of(space.id);
          for (const roster of view.settings.rosters) {
            for (const level of ONCALL_LEVELS) {
              const rotation = level === 'primary' ? roster.primary : roster.secondary;
              if (stopped || rotation?.kind !== 'calendar' || !rotation.url) continue;
              const key = `${space.id}/${calendarKey(roster.id, level)}\n${rotation.url}`;
              if (deps.now() - (tried.get(key) ?? -Infinity) < refreshMs) continue;
              tried.set(key, deps.now());
              await fetchOne(space.id, roster, level, rotation.url, view.calendars[calendarKey(roster.id, level)]);
            }
          }
        }
      } catch (error) {
        deps.log('error', 'the calendar subscriptions could not be read', { error: messageOf(error) });
      }
    })().finally(() => (round = null)));

  const timer = setInterval(() => void runDue(), deps.checkEveryMs ?? CALENDAR_CHECK_MS);
  timer.unref();
  void runDue();
  return {
    runDue,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}
