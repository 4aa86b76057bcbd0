/**
 * Fetches a subscribed calendar for the hub: GET, public addresses only
 * unless the operator allows others (as for webhooks: ./destinations checks
 * the address actually connected to), a few redirects each checked again,
 * at most 2 MB, in 10 s. What fails is said in words for the room, naming the
 * calendar's host and never the rest of its (secret) address.
 */
import type { IncomingMessage } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';

import { DestinationRefused, PUBLIC_ONLY, guardedLookup, refusal, type AllowList } from './destinations';
import { bareHost as bare, outboundRequest } from './outboundRequest';

export const CALENDAR_MAX_BYTES = 2 * 1024 * 1024;
export const CALENDAR_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

export type CalendarFetch = { ok: true; text: string } | { ok: false; error: string };

export type CalendarFetchOptions = { allow?: AllowList; lookup?: LookupFunction; timeoutMs?: number; maxBytes?: number };


class FetchFailed extends Error {}

function get(url: URL, lookup: LookupFunction | undefined, signal: AbortSignal, maxBytes: number): Promise<{ status: number; location: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    const request = outboundRequest(
      url,
      { method: 'GET', headers: { accept: 'text/calendar, text/plain;q=0.5', 'user-agent': 'Warroom hub' }, lookup, signal },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.destroy();
          return resolve({ status, location: typeof response.headers.location === 'string' ? response.headers.location : null, text: '' });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(new FetchFailed(`the calendar is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`));
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, location: null, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

export async function fetchCalendar(address: string, options: CalendarFetchOptions = {}): Promise<CalendarFetch> {
  let url: URL;
  try {
    url = new URL(address.replace(/^webcal:/i, 'https:'));
  } catch {
    return { ok: false, error: 'not a calendar address' };
  }
  const host = () => url.host;
  const signal = AbortSignal.timeout(options.timeoutMs ?? CALENDAR_TIMEOUT_MS);
  const allow = options.allow ?? PUBLIC_ONLY;
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `${host()} sent the calendar elsewhere than http(s)` };
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const name = bare(url.hostname);
      const refused = isIP(name) ? refusal(name, port, allow) : null;
      if (refused) throw refused;
      const lookup = isIP(name) ? undefined : allow.allowsHost(name, port) ? options.lookup : guardedLookup(port, allow, options.lookup);
      const answer = await get(url, lookup, signal, options.maxBytes ?? CALENDAR_MAX_BYTES);
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        if (hop >= MAX_REDIRECTS) return { ok: false, error: `${host()} redirected too many times` };
        url = new URL(answer.location, url);
        continue;
      }
      if (answer.status < 200 || answer.status >= 300) return { ok: false, error: `${host()} answered ${answer.status}` };
      return { ok: true, text: answer.text };
    }
  } catch (error) {
    if (error instanceof DestinationRefused) return { ok: false, error: `${host()} is a ${error.kind} address, which this hub fetches from only if its operator allows it (--allow-webhook-to)` };
    if (error instanceof FetchFailed) return { ok: false, error: error.message };
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { ok: false, error: `${host()} did not answer in time` };
    return { ok: false, error: `${host()} unreachable` };
  }
}
