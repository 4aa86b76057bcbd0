import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { base64ToBytes, bytesToBase64 } from './base64';

describe('base64', () => {
  it('round-trips any bytes, including more than one chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
    const large = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(large))).toEqual(large);
  });

  it('writes the standard alphabet with padding', () => {
    expect(bytesToBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('refuses anything but the exact text it writes', () => {
    expect(base64ToBytes('+/8=')).toEqual(new Uint8Array([0xfb, 0xff]));
    for (const loose of ['+/9=', '+/8', '+/ 8=', '+/8=\n', '-_8=', '+/8=A', '!!!!']) expect(base64ToBytes(loose)).toBeNull();
  });
});
