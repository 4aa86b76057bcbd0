/**
 * Base64 (RFC 4648, standard alphabet, padded) for the sealed line of a
 * bundle. Bundles travel as text (the file dialogs and IPC carry strings), and
 * base64 costs a third more where hex would cost double. Written over byte
 * arrays because atob and btoa need a binary string, and building one takes
 * seconds for a bundle of tens of megabytes.
 *
 * Decoding is strict: text other than exactly what encoding writes (spaces,
 * missing padding, stray low bits) is refused, so each byte of a sealed file
 * is either what was written or the file is refused.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = '='.charCodeAt(0);
const ENCODE = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
/** Each ASCII code's 6-bit value, or 255 for a byte outside the alphabet. */
const DECODE = new Uint8Array(256).fill(255);
ENCODE.forEach((code, value) => (DECODE[code] = value));

// Every runtime the console and the hub run on has TextEncoder and TextDecoder; shared code is compiled without DOM or Node types.
const ascii = {
  encode: new (globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } }).TextEncoder(),
  decode: new (globalThis as unknown as { TextDecoder: new () => { decode(bytes: Uint8Array): string } }).TextDecoder(),
};

export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const left = bytes.length - i;
    const group = (bytes[i]! << 16) | ((left > 1 ? bytes[i + 1]! : 0) << 8) | (left > 2 ? bytes[i + 2]! : 0);
    out[o++] = ENCODE[group >> 18]!;
    out[o++] = ENCODE[(group >> 12) & 63]!;
    out[o++] = left > 1 ? ENCODE[(group >> 6) & 63]! : PAD;
    out[o++] = left > 2 ? ENCODE[group & 63]! : PAD;
  }
  return ascii.decode.decode(out);
}

/** The bytes, or null for text that is not base64 exactly as bytesToBase64 writes it. */
export function base64ToBytes(text: string): Uint8Array | null {
  const codes = ascii.encode.encode(text);
  if (codes.length !== text.length || codes.length % 4 !== 0) return null;
  const padding = codes.length === 0 ? 0 : codes[codes.length - 1] !== PAD ? 0 : codes[codes.length - 2] === PAD ? 2 : 1;
  const bytes = new Uint8Array((codes.length / 4) * 3 - padding);
  let b = 0;
  for (let i = 0; i < codes.length; i += 4) {
    const last = i + 4 === codes.length;
    const a = DECODE[codes[i]!]!;
    const c = DECODE[codes[i + 1]!]!;
    const d = last && padding === 2 ? 0 : DECODE[codes[i + 2]!]!;
    const e = last && padding >= 1 ? 0 : DECODE[codes[i + 3]!]!;
    if ((a | c | d | e) > 63) return null;
    const group = (a << 18) | (c << 12) | (d << 6) | e;
    bytes[b++] = group >> 16;
    if (b < bytes.length) bytes[b++] = (group >> 8) & 255;
    if (b < bytes.length) bytes[b++] = group & 255;
    // The bits padding stands for must be zero, or two texts would name the same bytes.
    if (last && group & (padding === 2 ? 0xffff : padding === 1 ? 0xff : 0)) return null;
  }
  return bytes;
}
