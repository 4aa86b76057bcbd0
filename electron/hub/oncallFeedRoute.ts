/**
 * GET /oncall/<key>.ics: a roster's turns as a calendar feed people subscribe
 * to from a phone or a mail client on the room's network. The key is the
 * feed's secret, made in Settings and kept there only as a hash; a key that
 * opens nothing is answered 404 like any other address, and guessing is slow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { cleanLine } from '../../shared/domain/text';
import { rosterToICalendar } from '../../shared/oncall/icalendar';
import { hashToken } from '../../shared/sync/membership';
import { KEY_GUESS_LIMITS, RateLimiter, type RateLimits } from '../../shared/sync/rateLimiter';
import type { SpaceSettings } from '../../shared/sync/spaceSettings';
import { messageOf, type Log } from './log';

export const ONCALL_FEED_PATH = '/oncall/';
const FEED = /^\/oncall\/([a-z2-7]{32})\.ics$/;
/** Four weeks back and eight ahead would be most calendars' view; turns a day back and eight weeks ahead are sent. */
export const FEED_DAYS = 56;
/** Any feed request, per address, before the hub reads anything: calendar apps ask every few minutes at most. */
const REQUEST_LIMITS: RateLimits = { requestsPerSecond: 2, requestBurst: 30, eventsPerSecond: 2, eventBurst: 30 };

export type OnCallFeedRoute = (request: IncomingMessage, response: ServerResponse, path: string) => void;

export function onCallFeedRoute(deps: { settings: SpaceSettings; log: Log; now: () => number }): OnCallFeedRoute {
  const wrongKeys = new RateLimiter(KEY_GUESS_LIMITS);
  const requests = new RateLimiter(REQUEST_LIMITS);
  const plain = (response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
    response.end(text);
  };

  return (request, response, path) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Read a calendar feed with GET.', { allow: 'GET, HEAD' });
    const address = request.socket.remoteAddress ?? '?';
    const busy = requests.take(address, 1, deps.now());
    if (busy > 0) return plain(response, 429, 'Too many requests; try again later.', { 'retry-after': String(Math.ceil(busy / 1000)) });
    const notFound = () => {
      const wait = wrongKeys.take(address, 1, deps.now());
      if (wait > 0) return plain(response, 429, 'Too many requests; try again later.', { 'retry-after': String(Math.ceil(wait / 1000)) });
      // The key is the subscriber's secret: never logged.
      deps.log('info', 'refused a calendar feed with a key that opens nothing', { peer: address });
      return plain(response, 404, 'No calendar here.');
    };
    const key = FEED.exec(path)?.[1];
    if (!key) return notFound();
    const keyHash = hashToken(key);
    deps.settings.all().then(
      (spaces) => {
        for (const { view } of spaces) {
          const roster = view.settings.rosters.find((r) => r.feed?.keyHash === keyHash);
          if (!roster) continue;
          const text = rosterToICalendar(roster, { now: deps.now(), days: FEED_DAYS, calendarName: cleanLine(roster.name) });
          response.writeHead(200, {
            'content-type': 'text/calendar; charset=utf-8',
            'cache-control': 'private, max-age=300',
            'content-disposition': 'inline; filename="oncall.ics"',
            'x-content-type-options': 'nosniff',
          });
          return response.end(request.method === 'HEAD' ? undefined : text);
        }
        notFound();
      },
      (failure: unknown) => {
        deps.log('error', 'could not read the rosters for a calendar feed', { error: messageOf(failure) });
        plain(response, 503, 'The hub could not read its rosters; try again later.', { 'retry-after': '30' });
      },
    );
  };
}
