/**
 * What a file is, read from its first bytes rather than from its name or the
 * type a sender claims. Active formats (SVG, HTML, XML) are named as such: the
 * console shows them only as files to save, never inline.
 */

export type Sniffed = {
  /** The media type its content shows; `application/octet-stream` when nothing is recognised. */
  type: string;
  /** A raster image the console may decode and show. */
  image: boolean;
  /** Content a browser would run or render as a document: never shown inline. */
  active: boolean;
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));

const RASTER: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  { type: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
];

const OTHER: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'application/pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
  { type: 'application/zip', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  { type: 'application/gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
];

/** Markup a browser renders as a document or runs: looked for at the start, after a BOM and white space, in any case. */
const ACTIVE = /^(?:<\?xml|<!doctype\s+(?:html|svg)|<html|<svg|<script|<head|<body|<iframe)/i;

export function sniff(head: Uint8Array): Sniffed {
  for (const { type, test } of RASTER) if (test(head)) return { type, image: true, active: false };
  for (const { type, test } of OTHER) if (test(head)) return { type, image: false, active: false };
  const text = textStart(head);
  if (text !== null) {
    if (ACTIVE.test(text)) return { type: /<svg/i.test(text) ? 'image/svg+xml' : /^<\?xml/i.test(text) ? 'application/xml' : 'text/html', image: false, active: true };
    return { type: 'text/plain', image: false, active: false };
  }
  return { type: 'application/octet-stream', image: false, active: false };
}

/** The start of the file as text, when it reads as UTF-8 without control characters other than white space; else null. */
function textStart(head: Uint8Array): string | null {
  const sample = head.subarray(0, 512);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    // A sample cut inside a multi-byte character is still text: try again without its last bytes.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
    } catch {
      return null;
    }
  }
  // eslint-disable-next-line no-control-regex -- control characters are what tells text from binary
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
  return text.replace(/^\uFEFF/, '').trimStart();
}

/** An image's size in pixels, read from its header without decoding it (a decompression bomb is refused before it is drawn); null if not found. */
export function imageSize(bytes: Uint8Array, type: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  switch (type) {
    case 'image/png':
      return has(24) && ascii(bytes, 12, 4) === 'IHDR' ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
    case 'image/gif':
      return has(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'image/webp':
      return webpSize(bytes, view);
    case 'image/jpeg':
      return jpegSize(bytes, view);
    default:
      return null;
  }
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | null {
  if (bytes.length < 30) return null;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16)), height: 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16)) };
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return null;
}

/** The first start-of-frame marker's size: SOF0–SOF15, except DHT, JPG and DAC, which share the range. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return null;
}
