import { describe, expect, it } from 'vitest';

import { hubSocketUrl } from './hubAddress';

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
