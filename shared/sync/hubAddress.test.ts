import { describe, expect, it } from 'vitest';

import { CERT_FINGERPRINT_REGEX, hubInvitation, hubPinSchema, hubSocketUrl, parseHubAddress, pinnedHost } from './hubAddress';

describe('hubSocketUrl', () => {
  it('makes a typed address into the hub’s WebSocket address', () => {
    expect(hubSocketUrl('192.168.1.20')).toBe('ws://192.168.1.20:4848/sync');
    expect(hubSocketUrl(' 192.168.1.20:9000 ')).toBe('ws://192.168.1.20:9000/sync');
    expect(hubSocketUrl('hub.example.org')).toBe('ws://hub.example.org:4848/sync');
    expect(hubSocketUrl('wss://hub.example.org')).toBe('wss://hub.example.org/sync');
    expect(hubSocketUrl('https://hub.example.org/warroom/sync')).toBe('wss://hub.example.org/warroom/sync');
    expect(hubSocketUrl('http://10.0.0.5:4848')).toBe('ws://10.0.0.5:4848/sync');
    expect(hubSocketUrl('[::1]:4848')).toBe('ws://[::1]:4848/sync');
  });

  it('refuses what is not a hub address', () => {
    for (const typed of ['', '   ', 'not a host!', 'notahost!', 'ftp://hub.example.org', 'ws://user:pw@hub.example.org', 'host:99999', '<script>', 'hub..example.org', 'javascript:alert(1)']) {
      expect(hubSocketUrl(typed), typed).toBeNull();
    }
  });
});

describe('room hub invitations', () => {
  const FP = 'HxxbL613hDQCTxU3mGNGknkX9HVabn0_2R8iZTt8MTI';

  it('writes the address with the certificate’s fingerprint, and the join code for the QR code', () => {
    expect(FP).toMatch(CERT_FINGERPRINT_REGEX);
    expect(hubInvitation('wss://192.168.1.20:4870/sync', FP)).toBe(`wss://192.168.1.20:4870/sync#fp=${FP}`);
    expect(hubInvitation('wss://192.168.1.20:4870/sync', FP, 'ABCD-EFGH-JKLM')).toBe(`wss://192.168.1.20:4870/sync#fp=${FP}&code=ABCD-EFGH-JKLM`);
  });

  it('reads an invitation back: a pinned address is secure, its join code optional', () => {
    expect(parseHubAddress(`wss://192.168.1.20:4870/sync#fp=${FP}`)).toEqual({ url: 'wss://192.168.1.20:4870/sync', fingerprint: FP, joinCode: null });
    expect(parseHubAddress(` 192.168.1.20:4870/#fp=${FP}&code=abcd-efgh-jklm `)).toEqual({
      url: 'wss://192.168.1.20:4870/sync',
      fingerprint: FP,
      joinCode: 'ABCD-EFGH-JKLM',
    });
    expect(parseHubAddress(`192.168.1.20#fp=${FP}`)?.url).toBe('wss://192.168.1.20:4848/sync');
    expect(parseHubAddress('wss://hub.example.org')).toEqual({ url: 'wss://hub.example.org/sync', fingerprint: null, joinCode: null });
    expect(parseHubAddress('192.168.1.20:4848')).toEqual({ url: 'ws://192.168.1.20:4848/sync', fingerprint: null, joinCode: null });
  });

  it('refuses a fingerprint that was cut short or mistyped rather than connecting without it', () => {
    for (const typed of [
      `wss://192.168.1.20:4870/#fp=${FP.slice(1)}`,
      `wss://192.168.1.20:4870/#fp=${FP}x`,
      `wss://192.168.1.20:4870/#fp=${FP.slice(1)}=`,
      `ws://192.168.1.20:4870/#fp=${FP}`,
      `http://192.168.1.20:4870/#fp=${FP}`,
      `wss://192.168.1.20:4870/#fp=${FP}&code=nope`,
      `wss://192.168.1.20:4870/#fp=${FP}&fp=${FP}`,
      `wss://192.168.1.20:4870/#token=${FP}`,
      'wss://192.168.1.20:4870/#',
    ]) {
      expect(parseHubAddress(typed), typed).toBeNull();
    }
  });

  it('says which host and port a certificate is pinned for', () => {
    expect(pinnedHost('wss://192.168.1.20:4870/sync')).toBe('192.168.1.20:4870');
    expect(pinnedHost('wss://hub.example.org/sync')).toBe('hub.example.org:443');
    expect(pinnedHost('wss://[fe80::1]:4870/sync')).toBe('[fe80::1]:4870');
    expect(hubPinSchema.safeParse({ url: 'wss://192.168.1.20:4870/sync', fingerprint: FP }).success).toBe(true);
    expect(hubPinSchema.safeParse({ url: 'ws://192.168.1.20:4870/sync', fingerprint: FP }).success).toBe(false);
    expect(hubPinSchema.safeParse({ url: 'wss://192.168.1.20:4870/sync', fingerprint: 'AA:BB' }).success).toBe(false);
    expect(hubPinSchema.safeParse({ url: 'wss://192.168.1.20:4870/sync', fingerprint: FP, extra: 1 }).success).toBe(false);
  });
});
