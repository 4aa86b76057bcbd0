/**
 * POST /alerts/<integration key>: where monitoring sends its notifications.
 * Everything a sender can get wrong is answered before anything is read into
 * the log: the method, the key, the content type, the size, the rate, the
 * JSON. Each sender is answered as it expects: Alertmanager and Grafana retry
 * on 5xx and give up on 4xx; a PagerDuty Events v2 sender is answered 202 with
 * the dedup key, or 400 with PagerDuty's own shape of error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { ALERT_LIMITS, type Integration } from '../../shared/domain/alerts';
import type { AlertIntake, IntakeAnswer } from '../../shared/alerts/intake';
import { hashToken } from '../../shared/sync/membership';
import { KEY_GUESS_LIMITS, RateLimiter, type RateLimits } from '../../shared/sync/rateLimiter';
import { messageOf, type Log } from './log';
import type { HubMetrics } from './metrics';
import { collectBody } from './requestBody';

export const ALERTS_PATH = '/alerts/';
/** An integration key: 32 characters of base 32 (160 random bits), as long as a PagerDuty routing key. */
export const INTEGRATION_KEY = /^[a-z2-7]{32}$/;

/**
 * Per integration key: requests a second and notices a second (an Alertmanager
 * request carries many). Far above what monitoring sends in an outage; a loop
 * gone wrong is told to wait. Operators set them with `--alert-rate`.
 */
export const DEFAULT_ALERT_LIMITS: RateLimits = { requestsPerSecond: 100, requestBurst: 1_000, eventsPerSecond: 2_000, eventBurst: 20_000 };

export type AlertRoute = (request: IncomingMessage, response: ServerResponse, path: string) => void;

export function alertRoute(deps: { intake: AlertIntake; metrics: HubMetrics; log: Log; now: () => number; limits?: RateLimits }): AlertRoute {
  const perKey = new RateLimiter(deps.limits ?? DEFAULT_ALERT_LIMITS);
  const wrongKeys = new RateLimiter(KEY_GUESS_LIMITS);
  const { metrics, log } = deps;

  const answer = (response: ServerResponse, label: string, status: number, body: unknown, headers: Record<string, string> = {}) => {
    metrics.alertRequest(label);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const error = (response: ServerResponse, label: string, status: number, message: string, headers: Record<string, string> = {}) =>
    answer(response, label, status, { status: 'error', message }, headers);

  return (request, response, path) => {
    const address = request.socket.remoteAddress ?? '?';
    if (request.method !== 'POST') return error(response, 'malformed', 405, 'Send alerts with POST.', { allow: 'POST' });
    const key = path.slice(ALERTS_PATH.length);
    const unauthorized = () => {
      // Guessing keys is slow: past a few wrong ones, an address is told to wait.
      const wait = wrongKeys.take(address, 1, deps.now());
      if (wait > 0) return tooMany(wait);
      // The key itself is never logged: it is the sender's secret.
      log('warn', 'refused an alert with a key that opens nothing', { peer: address });
      return error(response, 'unauthorized', 401, 'This integration key is not known here, or it was revoked. Make a key in Settings → Integrations.');
    };
    if (!INTEGRATION_KEY.test(key)) return unauthorized();
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return error(response, 'unsupportedType', 415, 'Send the notification as JSON (Content-Type: application/json).');
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > ALERT_LIMITS.bodyBytes) return tooLarge();
    const keyHash = hashToken(key);
    const limited = perKey.take(keyHash, 1, deps.now());
    if (limited > 0) return tooMany(limited);

    function tooMany(ms: number) {
      const seconds = Math.max(1, Math.ceil(ms / 1000));
      return error(response, 'rateLimited', 429, `Too many notifications; try again in ${seconds} s.`, { 'retry-after': String(seconds) });
    }
    function tooLarge() {
      // Said before the body is read: the rest of it is not wanted.
      response.setHeader('connection', 'close');
      return error(response, 'tooLarge', 413, `A notification may be at most ${ALERT_LIMITS.bodyBytes / 1024} KiB.`);
    }

    collectBody(request, ALERT_LIMITS.bodyBytes, { tooLarge, done: take });

    function take(raw: Buffer) {
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return error(response, 'malformed', 400, 'The body is not JSON.');
      }
      deps.intake.receive(keyHash, body).then(
        (result) => reply(result),
        (failure: unknown) => {
          log('error', 'could not take an alert in', { peer: address, error: messageOf(failure) });
          // 5xx: Alertmanager, Grafana and PagerDuty senders send it again later.
          error(response, 'failed', 503, 'The hub could not store the notification; it will be taken when sent again.', { 'retry-after': '5' });
        },
      );
    }

    function reply(result: IntakeAnswer) {
      if (result.status === 'unknownKey' || result.status === 'revoked') return unauthorized();
      if (result.status === 'refused') {
        log('info', 'refused an alert notification', { integration: result.integration.id, reason: result.error });
        if (result.integration.format === 'pagerduty') {
          metrics.alertRequest('refused');
          response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
          return response.end(JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors: [result.error] }));
        }
        return error(response, 'refused', 400, `Not a notification this integration reads: ${result.error}`);
      }
      const counts = new Map<string, number>();
      for (const outcome of result.outcomes) counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1);
      for (const [outcome, count] of counts) metrics.alertNotices(outcome, count);
      log('debug', 'took alerts in', { space: result.spaceId, integration: result.integration.id, notices: result.outcomes.length });
      return answer(response, 'accepted', ...accepted(result.integration, result.outcomes));
    }
  };
}

/** What each kind of sender expects back when all went well. */
function accepted(integration: Integration, outcomes: Extract<IntakeAnswer, { status: 'accepted' }>['outcomes']): [number, unknown] {
  if (integration.format === 'pagerduty') return [202, { status: 'success', message: 'Event processed', dedup_key: outcomes[0]?.dedupKey ?? '' }];
  return [202, { status: 'success', outcomes: outcomes.map((o) => ({ dedupKey: o.dedupKey, outcome: o.kind })) }];
}
