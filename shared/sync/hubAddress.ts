/**
 * The hub address a person types ("192.168.1.20:4848", "hub.example.org",
 * "https://hub.example.org") made into the WebSocket address the console connects to.
 */
import { parseUrl } from '../domain/links';

export const DEFAULT_HUB_PORT = 4848;
export const SYNC_PATH = '/sync';

/** A DNS name or IPv4 address, or a bracketed IPv6 one: browsers differ on what else their URL parsers let through. */
const HOST_REGEX = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

export function hubSocketUrl(typed: string): string | null {
  const text = typed.trim();
  if (text.length === 0) return null;
  const authority = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0]!;
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  if (!HOST_REGEX.test(host)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `ws://${text}`;
  const url = parseUrl(withScheme);
  if (!url || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!secure && url.protocol !== 'ws:' && url.protocol !== 'http:') return null;
  // A bare address gets the hub's default port; a web address keeps its scheme's own.
  const port = /:\d+$/.test(url.host) ? '' : url.protocol === 'ws:' && !/^[a-z]+:\/\//i.test(text) ? `:${DEFAULT_HUB_PORT}` : '';
  const path = url.pathname === '/' || url.pathname === '' ? SYNC_PATH : url.pathname;
  return `${secure ? 'wss' : 'ws'}://${url.host}${port}${path}`;
}
