/**
 * /ack/<token>: the page's one-tap acknowledgement, opened on a phone on the
 * room's network. GET shows what the page is about and a button; POST
 * records the acknowledgement. A GET never records anything, so a mail
 * scanner or link preview that fetches the link does not answer for the
 * person. The pages are plain HTML with no script, and every text in them is
 * escaped: an incident's title is whatever a member typed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { HubPager, PageStanding } from '../../../shared/sync/hubPager';
import { KEY_GUESS_LIMITS, RateLimiter, type RateLimits } from '../../../shared/sync/rateLimiter';
import { messageOf, type Log } from '../log';
import { ACK_PATH, ackTokenSpace, checkAckToken } from './ackLinks';

/** Any acknowledgement request, per address, before the hub reads anything. */
const REQUEST_LIMITS: RateLimits = { requestsPerSecond: 2, requestBurst: 20, eventsPerSecond: 2, eventBurst: 20 };

export type AckRoute = (request: IncomingMessage, response: ServerResponse, path: string) => void;

export type AckRouteDeps = {
  /** The space's secret, or null when the hub serves no such space. */
  secretOf: (spaceId: string) => Promise<string | null>;
  /** The pager of the space, or null when this hub does not page. */
  pagerFor: (spaceId: string) => HubPager | null;
  log: Log;
  now: () => number;
};

const TEXT = {
  title: 'Acknowledge a page',
  paged: (person: string, incident: string) => `${person}, you were paged for the incident “${incident}”.`,
  button: 'Acknowledge',
  buttonHint: 'The room sees that you acknowledged, with the time. Then join the room.',
  acknowledged: (person: string, at: string) => `Acknowledged: ${person}, at ${at} UTC. The room sees it.`,
  over: (person: string, incident: string) =>
    `This page to ${person} for “${incident}” is over: the incident ended, or you were released or paged again since. Nothing was recorded. Use the newest page, or call the room.`,
  invalid: 'This link is not valid: it was changed or cut short. Nothing was recorded. Open the link from the page itself, or call the room.',
  expired: (at: string) => `This link expired at ${at} UTC. Nothing was recorded. Call the room.`,
  unknown: 'This hub knows no such page. Nothing was recorded. Call the room.',
  notPaging: 'This hub does not send pages. Nothing was recorded. Call the room.',
  busy: 'Too many requests from this address; try again in a minute.',
  failed: 'The hub could not record it just now; nothing was recorded. Try again, or call the room.',
  method: 'Open the link with GET, and acknowledge with its button.',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** When, as the phone reads it: minutes are enough, and UTC is said, not guessed. */
const clock = (iso: string | number) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

function page(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(TEXT.title)}</title><style>body{font:18px/1.5 system-ui,sans-serif;margin:0;padding:24px;max-width:36em;color:#111;background:#fff}h1{font-size:1.4em}button{font:inherit;font-weight:600;padding:16px 28px;border-radius:8px;border:2px solid #8a1c1c;background:#8a1c1c;color:#fff;min-width:12em}p.state{font-weight:600}</style></head><body><main><h1>${escapeHtml(TEXT.title)}</h1>${body}</main></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  response.end(html);
}

const paragraph = (text: string, className = '') => `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;

function standingPage(response: ServerResponse, standing: PageStanding, path: string): void {
  switch (standing.status) {
    case 'waiting':
      return page(
        response,
        200,
        `${paragraph(TEXT.paged(standing.person, standing.incident))}<form method="post" action="${escapeHtml(path)}"><button type="submit">${escapeHtml(TEXT.button)}</button></form>${paragraph(TEXT.buttonHint)}`,
      );
    case 'acknowledged':
      return page(response, 200, paragraph(TEXT.acknowledged(standing.person, clock(standing.at)), 'state'));
    case 'over':
      return page(response, 409, paragraph(TEXT.over(standing.person, standing.incident), 'state'));
    case 'unknown':
      return page(response, 404, paragraph(TEXT.unknown, 'state'));
  }
}

export function ackRoute(deps: AckRouteDeps): AckRoute {
  const requests = new RateLimiter(REQUEST_LIMITS);
  const wrongTokens = new RateLimiter(KEY_GUESS_LIMITS);

  return (request, response, path) => {
    if (request.method !== 'GET' && request.method !== 'POST') return page(response, 405, paragraph(TEXT.method), { allow: 'GET, POST' });
    const address = request.socket.remoteAddress ?? '?';
    const busy = requests.take(address, 1, deps.now());
    if (busy > 0) return page(response, 429, paragraph(TEXT.busy), { 'retry-after': String(Math.ceil(busy / 1000)) });
    // The body, if any, is not read: the token says everything.
    request.resume();
    const refuse = () => {
      const wait = wrongTokens.take(address, 1, deps.now());
      if (wait > 0) return page(response, 429, paragraph(TEXT.busy), { 'retry-after': String(Math.ceil(wait / 1000)) });
      // The token is the person's secret: never logged.
      deps.log('warn', 'refused a page acknowledgement link that is not valid', { peer: address });
      return page(response, 400, paragraph(TEXT.invalid, 'state'));
    };
    const token = path.slice(ACK_PATH.length);
    const spaceId = ackTokenSpace(token);
    if (spaceId === null) return refuse();
    void (async () => {
      const secret = await deps.secretOf(spaceId);
      if (secret === null) return refuse();
      const check = checkAckToken(token, secret, deps.now());
      if (check.status === 'invalid') return refuse();
      if (check.status === 'expired') return page(response, 410, paragraph(TEXT.expired(clock(check.expiresAt)), 'state'));
      const pager = deps.pagerFor(spaceId);
      if (!pager) return page(response, 503, paragraph(TEXT.notPaging, 'state'));
      const { incidentId, person, cycle } = check.target;
      const standing = request.method === 'POST' ? await pager.acknowledge(incidentId, person, cycle) : await pager.standing(incidentId, person, cycle);
      if (request.method === 'POST' && standing.status === 'acknowledged') deps.log('info', 'a page was acknowledged from its link', { space: spaceId, incident: incidentId });
      standingPage(response, standing, path);
    })().catch((failure: unknown) => {
      deps.log('error', 'could not answer a page acknowledgement', { error: messageOf(failure) });
      if (!response.headersSent) page(response, 503, paragraph(TEXT.failed, 'state'), { 'retry-after': '10' });
    });
  };
}
