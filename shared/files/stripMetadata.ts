/**
 * Removes what an image says about where and how it was taken (EXIF, with
 * GPS; XMP; IPTC; text chunks) before it is stored, without decoding or
 * re-encoding it: the pixels are the same bytes. A file this cannot read is
 * returned as `null`, and the caller refuses it rather than keep its metadata.
 */

export type Stripped = { bytes: Uint8Array; removed: number };

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));

export function stripMetadata(bytes: Uint8Array, type: string): Stripped | null {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return { bytes, removed: 0 };
  }
}

/** JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC) and comments before the scan; JFIF, ICC and the picture stay. */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);

function stripJpeg(bytes: Uint8Array): Stripped | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let removed = 0;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Start of scan: the compressed picture runs to the end; nothing after it is metadata we read.
    if (marker === 0xda) {
      kept.push(bytes.subarray(at));
      return { bytes: concat(kept), removed };
    }
    const length = view.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const segment = bytes.subarray(at, at + 2 + length);
    if (JPEG_DROPPED.has(marker)) removed += 1;
    else kept.push(segment);
    at += 2 + length;
  }
  return null;
}

/** PNG: drops eXIf and the text chunks (tEXt, zTXt, iTXt) and tIME; every other chunk stays, CRCs and all. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Stripped | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let removed = 0;
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = ascii(bytes, at + 4, 4);
    if (PNG_DROPPED.has(type)) removed += 1;
    else kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return { bytes: concat(kept), removed };
  }
  // No end chunk: cut short, or not a PNG this can read.
  return null;
}

/** WebP: drops the EXIF and XMP chunks, clears their flags in VP8X, and says the file's new size. */
function stripWebp(bytes: Uint8Array): Stripped | null {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  let removed = 0;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > bytes.length) return null;
    const chunk = bytes.slice(at, Math.min(end, bytes.length));
    if (id === 'EXIF' || id === 'XMP ') removed += 1;
    else {
      // VP8X flags: bit 3 EXIF, bit 2 XMP.
      if (id === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c;
      kept.push(chunk);
    }
    at = end;
  }
  const body = concat(kept);
  const out = new Uint8Array(12 + body.length);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  out.set(body, 12);
  return { bytes: out, removed };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
