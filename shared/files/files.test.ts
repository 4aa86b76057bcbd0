import { describe, expect, it } from 'vitest';

import { imageSize, sniff } from './sniff';
import { stripMetadata } from './stripMetadata';

const bytes = (...parts: (number[] | string | Uint8Array)[]) => {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((s, a) => s + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const has = (haystack: Uint8Array, needle: string) => new TextDecoder('latin1').decode(haystack).includes(needle);

const pngChunk = (type: string, data: Uint8Array | number[]) => bytes(u32(data.length), type, data instanceof Uint8Array ? data : Uint8Array.from(data), [0, 0, 0, 0]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = bytes(
  PNG_SIGNATURE,
  pngChunk('IHDR', [...u32(1920), ...u32(1080), 8, 6, 0, 0, 0]),
  pngChunk('tEXt', [...new TextEncoder().encode('Author\0Ada at 55.6761N 12.5683E')]),
  pngChunk('eXIf', [...new TextEncoder().encode('MM\0*GPS')]),
  pngChunk('IDAT', [1, 2, 3, 4]),
  pngChunk('IEND', []),
);

const jpegSegment = (marker: number, data: Uint8Array | number[]) => bytes([0xff, marker], u16((data instanceof Uint8Array ? data.length : data.length) + 2), data instanceof Uint8Array ? data : Uint8Array.from(data));
const jpeg = bytes(
  [0xff, 0xd8],
  jpegSegment(0xe0, [...new TextEncoder().encode('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  jpegSegment(0xe1, [...new TextEncoder().encode('Exif\0\0GPSLatitude 55.6761')]),
  jpegSegment(0xfe, [...new TextEncoder().encode('taken by Ada')]),
  jpegSegment(0xc0, [8, ...u16(600), ...u16(800), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
  [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0xff, 0xd9],
);

const riff = (id: string, data: number[]) => bytes(id, le32(data.length), data, data.length % 2 ? [0] : []);
function webp(...chunks: Uint8Array[]) {
  const body = bytes('WEBP', ...chunks);
  return bytes('RIFF', le32(body.length), body);
}
const vp8x = riff('VP8X', [0x0c | 0x10, 0, 0, 0, ...[0x7f, 0x07, 0], ...[0x37, 0x04, 0]]);

describe('what a file is', () => {
  it('is read from its content, not its name or claimed type', () => {
    expect(sniff(png)).toEqual({ type: 'image/png', image: true, active: false });
    expect(sniff(jpeg)).toEqual({ type: 'image/jpeg', image: true, active: false });
    expect(sniff(bytes('GIF89a', [1, 0, 1, 0]))).toMatchObject({ type: 'image/gif', image: true });
    expect(sniff(webp(vp8x))).toMatchObject({ type: 'image/webp', image: true });
    expect(sniff(bytes('%PDF-1.7\n'))).toMatchObject({ type: 'application/pdf', image: false, active: false });
    expect(sniff(bytes([0x50, 0x4b, 3, 4]))).toMatchObject({ type: 'application/zip' });
    expect(sniff(bytes('The service desk notes, in plain text.\n'))).toEqual({ type: 'text/plain', image: false, active: false });
    expect(sniff(bytes([0, 1, 2, 3, 250, 251]))).toEqual({ type: 'application/octet-stream', image: false, active: false });
  });

  it('names active formats as active, however they are dressed', () => {
    for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '\uFEFF  \n<?xml version="1.0"?><svg/>', '<!DOCTYPE html><p>hi', '<HTML><body>', '  <ScRiPt>alert(1)</ScRiPt>']) {
      expect(sniff(bytes(text)).active, text).toBe(true);
    }
    expect(sniff(bytes('<svg onload="alert(1)">')).type).toBe('image/svg+xml');
  });

  it('gives an image’s size from its header, without decoding it', () => {
    expect(imageSize(png, 'image/png')).toEqual({ width: 1920, height: 1080 });
    expect(imageSize(jpeg, 'image/jpeg')).toEqual({ width: 800, height: 600 });
    expect(imageSize(bytes('GIF89a', [0x80, 0x02, 0xe0, 0x01]), 'image/gif')).toEqual({ width: 640, height: 480 });
    expect(imageSize(webp(vp8x), 'image/webp')).toEqual({ width: 1920, height: 1080 });
    // A bomb declares its size honestly: 65,535 × 65,535 pixels in a few bytes.
    const bomb = bytes(PNG_SIGNATURE, pngChunk('IHDR', [...u32(65_535), ...u32(65_535), 8, 6, 0, 0, 0]), pngChunk('IEND', []));
    expect(imageSize(bomb, 'image/png')).toEqual({ width: 65_535, height: 65_535 });
    expect(imageSize(bytes([0xff, 0xd8, 0xff]), 'image/jpeg')).toBeNull();
  });
});

describe('metadata', () => {
  it('leaves a PNG without its EXIF and text chunks, the picture’s chunks untouched', () => {
    const stripped = stripMetadata(png, 'image/png')!;
    expect(stripped.removed).toBe(2);
    expect(has(stripped.bytes, 'Ada at 55.6761N')).toBe(false);
    expect(has(stripped.bytes, 'GPS')).toBe(false);
    expect(has(stripped.bytes, 'IHDR') && has(stripped.bytes, 'IDAT') && has(stripped.bytes, 'IEND')).toBe(true);
    expect(imageSize(stripped.bytes, 'image/png')).toEqual({ width: 1920, height: 1080 });
  });

  it('leaves a JPEG without EXIF, GPS and comments, the scan byte for byte', () => {
    const stripped = stripMetadata(jpeg, 'image/jpeg')!;
    expect(stripped.removed).toBe(2);
    expect(has(stripped.bytes, 'GPSLatitude')).toBe(false);
    expect(has(stripped.bytes, 'taken by Ada')).toBe(false);
    expect(has(stripped.bytes, 'JFIF')).toBe(true);
    expect(Array.from(stripped.bytes.slice(-14))).toEqual(Array.from(jpeg.slice(-14)));
    expect(imageSize(stripped.bytes, 'image/jpeg')).toEqual({ width: 800, height: 600 });
  });

  it('leaves a WebP without EXIF and XMP, its flags and size said again', () => {
    const file = webp(vp8x, riff('VP8 ', [1, 2, 3, 4, 5]), riff('EXIF', [...new TextEncoder().encode('GPS 55N')]), riff('XMP ', [...new TextEncoder().encode('<x:xmpmeta/>')]));
    const stripped = stripMetadata(file, 'image/webp')!;
    expect(stripped.removed).toBe(2);
    expect(has(stripped.bytes, 'GPS') || has(stripped.bytes, 'xmpmeta')).toBe(false);
    const view = new DataView(stripped.bytes.buffer);
    expect(view.getUint32(4, true)).toBe(stripped.bytes.length - 8);
    expect(stripped.bytes[20]! & 0x0c).toBe(0);
    expect(imageSize(stripped.bytes, 'image/webp')).toEqual({ width: 1920, height: 1080 });
  });

  it('refuses a file it cannot read rather than keep its metadata', () => {
    expect(stripMetadata(jpeg.slice(0, 30), 'image/jpeg')).toBeNull();
    expect(stripMetadata(bytes([0xff, 0xd8, 0x00, 0x00]), 'image/jpeg')).toBeNull();
    expect(stripMetadata(png.slice(0, 40), 'image/png')).toBeNull();
    expect(stripMetadata(bytes('RIFF'), 'image/webp')).toBeNull();
    expect(stripMetadata(bytes('%PDF-'), 'application/pdf')).toEqual({ bytes: bytes('%PDF-'), removed: 0 });
  });
});
