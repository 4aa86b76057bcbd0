import type { LookupFunction } from 'node:net';

import { describe, expect, it } from 'vitest';

import { ALLOW_LIST_ENV, DestinationRefused, allowListFromEnv, forbiddenKind, guardedLookup, parseAllowList, PUBLIC_ONLY, redactAddress } from './destinations';

describe('forbiddenKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.20', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.5', 'private'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(forbiddenKind(address)).toBe(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(forbiddenKind(address)).toBeNull();
  });
});

describe('parseAllowList', () => {
  it('allows ranges on any port, addresses and host names on the port given', () => {
    const allow = parseAllowList(['10.0.0.0/8', ' fd00::/8 ', '127.0.0.1:9000', '[::1]:9001', '192.168.1.20', 'Hooks.Internal:8443', 'chat.local', '']);
    expect(allow.entries).toEqual(['10.0.0.0/8', 'fd00::/8', '127.0.0.1:9000', '[::1]:9001', '192.168.1.20', 'Hooks.Internal:8443', 'chat.local']);
    expect(allow.allowsAddress('10.1.2.3', 80)).toBe(true);
    expect(allow.allowsAddress('::ffff:10.1.2.3', 80)).toBe(true);
    expect(allow.allowsAddress('fd00::5', 443)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 9000)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 9001)).toBe(false);
    expect(allow.allowsAddress('::1', 9001)).toBe(true);
    expect(allow.allowsAddress('192.168.1.20', 1234)).toBe(true);
    expect(allow.allowsAddress('192.168.1.21', 1234)).toBe(false);
    expect(allow.allowsAddress('169.254.169.254', 80)).toBe(false);
    expect(allow.allowsHost('hooks.internal.', 8443)).toBe(true);
    expect(allow.allowsHost('hooks.internal', 443)).toBe(false);
    expect(allow.allowsHost('CHAT.local', 80)).toBe(true);
    expect(allow.allowsHost('other.local', 80)).toBe(false);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'nonsense/8', 'host:0', 'host:65536', 'host:port', 'http://hooks.internal', 'two words', '[hooks.internal]:80', '-bad.example'])(
    'stops at "%s", naming it',
    (entry) => {
      expect(() => parseAllowList(['127.0.0.1', entry])).toThrow(new RegExp(`--allow-webhook-to / ${ALLOW_LIST_ENV}: "${entry.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is not`));
    },
  );

  it('reads the environment variable as a comma-separated list, after the flags', () => {
    const allow = allowListFromEnv({ [ALLOW_LIST_ENV]: '10.0.0.0/8, hooks.internal' }, ['127.0.0.1']);
    expect(allow.entries).toEqual(['127.0.0.1', '10.0.0.0/8', 'hooks.internal']);
    expect(allowListFromEnv({}).entries).toEqual([]);
    expect(() => allowListFromEnv({ [ALLOW_LIST_ENV]: '10.0.0.0/8,999.1.1.1/8' })).toThrow(/"999.1.1.1\/8"/);
  });
});

describe('guardedLookup', () => {
  const answering =
    (...addresses: string[]): LookupFunction =>
    (_host, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  const resolve = (lookup: LookupFunction, all: boolean) =>
    new Promise<{ error: Error | null; found: unknown }>((done) => lookup('internal.example', { all }, (error, found) => done({ error, found })));

  it('hands back public answers as asked for', async () => {
    expect(await resolve(guardedLookup(443, PUBLIC_ONLY, answering('93.184.215.14', '2606:4700::1111')), true)).toEqual({
      error: null,
      found: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
    expect(await resolve(guardedLookup(443, PUBLIC_ONLY, answering('93.184.215.14')), false)).toEqual({ error: null, found: '93.184.215.14' });
  });

  it('refuses when any answer is not public, unless allowed', async () => {
    const { error } = await resolve(guardedLookup(443, PUBLIC_ONLY, answering('93.184.215.14', '10.0.0.5')), true);
    expect(error).toBeInstanceOf(DestinationRefused);
    expect(error?.message).toMatch(/^the webhook address leads to a private address/);
    expect((await resolve(guardedLookup(443, parseAllowList(['10.0.0.0/8']), answering('10.0.0.5')), false)).error).toBeNull();
  });
});

describe('redactAddress', () => {
  it('keeps the scheme and host only', () => {
    expect(redactAddress('https://hooks.slack.com:8443/services/T0/B0/secret?token=x#y')).toBe('https://hooks.slack.com');
    expect(redactAddress('http://[::1]:9000/secret')).toBe('http://[::1]');
    expect(redactAddress('not an address /secret')).toBe('(a webhook address)');
  });
});
