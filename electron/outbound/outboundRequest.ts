/** One HTTP(S) request from the hub to an address someone named, on a connection of its own, resolved by the guard given. */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** A URL's host as node:net takes it: an IPv6 address without its brackets. */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

export function outboundRequest(
  url: URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; lookup: LookupFunction | undefined; signal: AbortSignal },
  onResponse: (response: IncomingMessage) => void,
): ClientRequest {
  return (url.protocol === 'https:' ? httpsRequest : httpRequest)(
    {
      protocol: url.protocol,
      hostname: bareHost(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: init.headers,
      // A connection of its own: a pooled one may have been checked against another allow-list.
      agent: false,
      ...(init.lookup ? { lookup: init.lookup } : {}),
      signal: init.signal,
    },
    onResponse,
  );
}
