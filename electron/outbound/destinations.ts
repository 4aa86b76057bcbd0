/**
 * Where outbound webhook posts may go. A webhook address is set by any member
 * of a space, but the post leaves from the hub (or the desktop app), inside
 * its operator's network: so loopback, private, link-local, unique-local and
 * other non-public addresses are refused unless the operator allow-lists them
 * in the process's own configuration, which no console can change. The check
 * runs on the addresses DNS answered for the very connection being made
 * (guardedLookup), so a name that changes its answer between a check and the
 * connection (DNS rebinding) gains nothing.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Why an address is not public; the words go into the message's "not delivered" reason. */
export type ForbiddenKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'reserved';

type Range = readonly [address: string, prefix: number, kind: ForbiddenKind];

// IANA's special-purpose registries. An IPv4 rule also matches the IPv4-mapped
// IPv6 form (::ffff:127.0.0.1), which node:net's BlockList checks for us.
const IPV4: readonly Range[] = [
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  // Cloud metadata services answer at 169.254.169.254.
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6: readonly Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // Prefixes that carry an IPv4 address inside (IPv4-compatible, NAT64, 6to4,
  // Teredo) could lead anywhere behind a translator: refused as a whole.
  ['::', 96, 'reserved'],
  ['64:ff9b::', 96, 'reserved'],
  ['64:ff9b:1::', 48, 'reserved'],
  ['100::', 64, 'reserved'],
  ['2001::', 32, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['2002::', 16, 'reserved'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

/** One BlockList per kind, in the order above: the first that matches names the address. */
const CLASSES: readonly { kind: ForbiddenKind; list: BlockList }[] = [...IPV4.map((r) => [r, 'ipv4'] as const), ...IPV6.map((r) => [r, 'ipv6'] as const)].map(
  ([[address, prefix, kind], family]) => {
    const list = new BlockList();
    list.addSubnet(address, prefix, family);
    return { kind, list };
  },
);

/** The kind of non-public address `address` is, or null for a public one (or something that is not an address). */
export function forbiddenKind(address: string): ForbiddenKind | null {
  const family = isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return CLASSES.find(({ list }) => list.check(address, type))?.kind ?? null;
}

/** The destinations the operator allows beyond the public internet. */
export type AllowList = {
  /** The entries as given, for the start-up banner. */
  readonly entries: readonly string[];
  /** Whether a post to this host name (as in the address, lower case) and port may go to any address it resolves to. */
  allowsHost(host: string, port: number): boolean;
  /** Whether a post on this port may connect to this address. */
  allowsAddress(address: string, port: number): boolean;
};

export const ALLOW_LIST_FLAG = '--allow-webhook-to';
export const ALLOW_LIST_ENV = 'WARROOM_WEBHOOK_ALLOW';

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function badEntry(entry: string): Error {
  return new Error(
    `${ALLOW_LIST_FLAG} / ${ALLOW_LIST_ENV}: "${entry}" is not an address range (10.0.0.0/8, fd00::/8), ` +
      'an address or a host name with an optional port (192.168.1.20:8080, [::1]:9000, hooks.internal:8443).',
  );
}

function parsePort(text: string | undefined, entry: string): number | null {
  if (text === undefined) return null;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw badEntry(entry);
  return port;
}

/** Host names compare without case and without a final dot, as DNS does. */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/**
 * Reads the operator's entries: address ranges (CIDR), addresses, host names,
 * each of the last two with an optional port. Throws on the first entry it
 * cannot read, naming it, so a typing mistake never silently allows less or more.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const anyPort = new BlockList();
  const onPort = new Map<number, BlockList>();
  const hosts: { host: string; port: number | null }[] = [];
  const kept: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    kept.push(entry);
    const range = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    if (range) {
      const family = isIP(range[1]!);
      const prefix = Number(range[2]);
      if (family === 0 || prefix > (family === 4 ? 32 : 128)) throw badEntry(entry);
      anyPort.addSubnet(range[1]!, prefix, family === 4 ? 'ipv4' : 'ipv6');
      continue;
    }
    // [v6]:port, [v6], a bare v6 address, or v4/host with an optional :port.
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2]] : isIP(entry) === 6 ? [entry, undefined] : (entry.split(/:(?=[^:]*$)/) as [string, string?]);
    const port = parsePort(portText, entry);
    const family = isIP(host);
    if (bracketed && family !== 6) throw badEntry(entry);
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (port === null) anyPort.addAddress(host, type);
      else {
        const list = onPort.get(port) ?? new BlockList();
        list.addAddress(host, type);
        onPort.set(port, list);
      }
      continue;
    }
    const name = normalHost(host);
    if (!HOST_NAME.test(name)) throw badEntry(entry);
    hosts.push({ host: name, port });
  }
  const check = (list: BlockList, address: string) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return {
    entries: kept,
    allowsHost: (host, port) => hosts.some((h) => h.host === normalHost(host) && (h.port === null || h.port === port)),
    allowsAddress: (address, port) => check(anyPort, address) || (onPort.has(port) && check(onPort.get(port)!, address)),
  };
}

/** Nothing beyond public addresses. */
export const PUBLIC_ONLY: AllowList = parseAllowList([]);

/** The environment variable's comma-separated entries (throws on a bad one, like parseAllowList). */
export function allowListFromEnv(env: Record<string, string | undefined>, more: readonly string[] = []): AllowList {
  return parseAllowList([...more, ...(env[ALLOW_LIST_ENV] ?? '').split(',')]);
}

/** A connection refused because of where it would go. Its message is written here, never by the receiver. */
export class DestinationRefused extends Error {
  readonly code = 'EDESTINATIONREFUSED';
  constructor(readonly kind: ForbiddenKind) {
    super(
      `the webhook address leads to a ${kind} address, where messages are sent only if the operator allows it ` +
        `(${ALLOW_LIST_FLAG} or ${ALLOW_LIST_ENV} where the messages are sent from)`,
    );
    this.name = 'DestinationRefused';
  }
}

/** Why a post on `port` may not connect to `address`, or null when it may. */
export function refusal(address: string, port: number, allow: AllowList): DestinationRefused | null {
  const kind = forbiddenKind(address);
  return kind === null || allow.allowsAddress(address, port) ? null : new DestinationRefused(kind);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/http/https that resolves as `resolve` does and refuses
 * the connection when any answer is not allowed: the addresses it hands back
 * are the ones connected to, so nothing can change between check and use.
 */
export function guardedLookup(port: number, allow: AllowList, resolve: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  const guarded = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const addresses = Array.isArray(found) ? found : [{ address: found, family: isIP(found) }];
      const refused = addresses.map((a) => refusal(a.address, port, allow)).find(Boolean);
      if (refused) return callback(refused, []);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return guarded as LookupFunction;
}

/** An address as the hub's log may show it: scheme and host, never the path, query or credentials that make it a secret. */
export function redactAddress(url: string): string {
  try {
    const { protocol, hostname } = new URL(url);
    return `${protocol}//${hostname}`;
  } catch {
    return '(a webhook address)';
  }
}
