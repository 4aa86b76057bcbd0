/**
 * A file in pieces, for a sync frame, a bundle or a hub's store: at most
 * 1 MiB each, each named by its index and checked by its own SHA-256, so a
 * transfer cut anywhere resumes from the first piece not yet held, a
 * corrupted piece is refused on its own, and the whole is checked against
 * the file's name (its SHA-256) before anyone sees it.
 */
import { sha256Hex } from './intake';

export const CHUNK_BYTES = 1024 * 1024;

export type Chunk = { file: string; index: number; count: number; sha256: string; bytes: Uint8Array };

export function chunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / CHUNK_BYTES));
}

/** The file's pieces, in order: the last one holds what is left. */
export async function toChunks(file: string, bytes: Uint8Array): Promise<Chunk[]> {
  const count = chunkCount(bytes.length);
  const chunks: Chunk[] = [];
  for (let index = 0; index < count; index++) {
    const piece = bytes.subarray(index * CHUNK_BYTES, Math.min(bytes.length, (index + 1) * CHUNK_BYTES));
    chunks.push({ file, index, count, sha256: await sha256Hex(piece), bytes: piece });
  }
  return chunks;
}

export type ChunkRefusal = 'otherFile' | 'badIndex' | 'badCount' | 'badSize' | 'badHash';

/** Why a piece that arrived cannot be kept, or null: each is checked on its own, before it is stored. */
export async function chunkProblem(chunk: Chunk, expected: { file: string; size: number }): Promise<ChunkRefusal | null> {
  const count = chunkCount(expected.size);
  if (chunk.file !== expected.file) return 'otherFile';
  if (chunk.count !== count) return 'badCount';
  if (!Number.isInteger(chunk.index) || chunk.index < 0 || chunk.index >= count) return 'badIndex';
  const length = chunk.index === count - 1 ? expected.size - chunk.index * CHUNK_BYTES : CHUNK_BYTES;
  if (chunk.bytes.length !== length) return 'badSize';
  if ((await sha256Hex(chunk.bytes)) !== chunk.sha256) return 'badHash';
  return null;
}

/** The first piece not held yet: where a cut transfer resumes. Null when every piece is here. */
export function resumeFrom(held: ReadonlySet<number>, size: number): number | null {
  for (let index = 0; index < chunkCount(size); index++) if (!held.has(index)) return index;
  return null;
}

/** The whole file from its pieces, or null when one is missing or the whole is not the file it names. */
export async function fromChunks(expected: { file: string; size: number }, chunks: readonly Chunk[]): Promise<Uint8Array | null> {
  const count = chunkCount(expected.size);
  const byIndex = new Map(chunks.map((c) => [c.index, c]));
  if (byIndex.size !== count || resumeFrom(new Set(byIndex.keys()), expected.size) !== null) return null;
  const out = new Uint8Array(expected.size);
  for (let index = 0; index < count; index++) out.set(byIndex.get(index)!.bytes, index * CHUNK_BYTES);
  return (await sha256Hex(out)) === expected.file ? out : null;
}
