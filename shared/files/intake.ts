/**
 * A file as Warroom takes it in, before it is stored or sent: read for what
 * it is (not what its name says), refused with a reason when it is too big or
 * an image would be too large to draw, its image metadata taken out, and
 * named by the SHA-256 of the bytes kept, so one file is stored once.
 */
import { cleanLine } from '../domain/text';
import { imageSize, sniff } from './sniff';
import { stripMetadata } from './stripMetadata';

export const FILE_LIMITS = {
  /** The largest file taken in by default; the hub's operator may set a smaller one. */
  bytes: 25 * 1024 * 1024,
  /** Pixels an image may have before it is refused as too large to draw (a decompression bomb). */
  pixels: 50_000_000,
  name: 255,
} as const;

export type TakenFile = {
  sha256: string;
  /** The name it came with, made safe to show and to save (no paths, no control characters). */
  name: string;
  /** Bytes kept: after any metadata was taken out. */
  size: number;
  /** What its content shows it is, whatever its name or the sender said. */
  type: string;
  /** Shown inline as an image; otherwise a file to save. Active formats (SVG, HTML) are never inline. */
  kind: 'image' | 'file';
  width?: number;
  height?: number;
  /** How many blocks of metadata (EXIF, GPS, XMP, text) were taken out: the console says so. */
  metadataRemoved: number;
};

export type FileRefusal =
  | { reason: 'empty' }
  | { reason: 'tooBig'; size: number; limit: number }
  | { reason: 'tooManyPixels'; width: number; height: number; limit: number }
  | { reason: 'unreadableImage'; type: string };

export type Intake = { ok: true; file: TakenFile; bytes: Uint8Array } | { ok: false; refusal: FileRefusal };

/** A name to show and to save under: its last path part, one line, no control characters, at most 255 characters, never empty. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = cleanLine(last).replace(/^\.+/, '').slice(0, FILE_LIMITS.name).trim();
  return clean || 'file';
}

export async function takeFile(bytes: Uint8Array, name: string, limit: number = FILE_LIMITS.bytes): Promise<Intake> {
  if (bytes.length === 0) return { ok: false, refusal: { reason: 'empty' } };
  if (bytes.length > limit) return { ok: false, refusal: { reason: 'tooBig', size: bytes.length, limit } };
  const what = sniff(bytes.subarray(0, 4096));
  let kept = bytes;
  let metadataRemoved = 0;
  let size: { width: number; height: number } | null = null;
  if (what.image) {
    size = imageSize(bytes, what.type);
    if (!size) return { ok: false, refusal: { reason: 'unreadableImage', type: what.type } };
    if (size.width * size.height > FILE_LIMITS.pixels) {
      return { ok: false, refusal: { reason: 'tooManyPixels', width: size.width, height: size.height, limit: FILE_LIMITS.pixels } };
    }
    const stripped = stripMetadata(bytes, what.type);
    // An image whose metadata cannot be read is refused, not kept with its location in it.
    if (!stripped) return { ok: false, refusal: { reason: 'unreadableImage', type: what.type } };
    kept = stripped.bytes;
    metadataRemoved = stripped.removed;
  }
  const file: TakenFile = {
    sha256: await sha256Hex(kept),
    name: safeFileName(name),
    size: kept.length,
    type: what.type,
    kind: what.image ? 'image' : 'file',
    ...(size ? { width: size.width, height: size.height } : {}),
    metadataRemoved,
  };
  return { ok: true, file, bytes: kept };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
