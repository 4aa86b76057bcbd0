import { describe, expect, it } from 'vitest';

import { CHUNK_BYTES, chunkProblem, fromChunks, resumeFrom, toChunks } from './chunks';
import { sha256Hex } from './intake';

function fileOf(size: number) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  return bytes;
}

describe('a file in pieces', () => {
  it('goes in pieces of at most 1 MiB and comes back whole, checked against its name', async () => {
    const bytes = fileOf(CHUNK_BYTES * 2 + 123);
    const file = await sha256Hex(bytes);
    const chunks = await toChunks(file, bytes);
    expect(chunks.map((c) => [c.index, c.count, c.bytes.length])).toEqual([
      [0, 3, CHUNK_BYTES],
      [1, 3, CHUNK_BYTES],
      [2, 3, 123],
    ]);
    for (const chunk of chunks) expect(await chunkProblem(chunk, { file, size: bytes.length })).toBeNull();
    const whole = await fromChunks({ file, size: bytes.length }, [...chunks].reverse());
    expect(whole && Buffer.from(whole).equals(Buffer.from(bytes))).toBe(true);
  });

  it('resumes a cut transfer from the first piece not held', async () => {
    expect(resumeFrom(new Set([0, 1, 3]), CHUNK_BYTES * 4)).toBe(2);
    expect(resumeFrom(new Set([0]), 10)).toBeNull();
    expect(resumeFrom(new Set(), 0)).toBe(0);
  });

  it('refuses a corrupted, truncated, misplaced or foreign piece on its own, and a whole that is not the file it names', async () => {
    const bytes = fileOf(CHUNK_BYTES + 10);
    const file = await sha256Hex(bytes);
    const [first, last] = await toChunks(file, bytes);
    const expected = { file, size: bytes.length };
    const flipped = first!.bytes.slice();
    flipped[5] = flipped[5]! ^ 1;
    expect(await chunkProblem({ ...first!, bytes: flipped }, expected)).toBe('badHash');
    expect(await chunkProblem({ ...last!, bytes: last!.bytes.subarray(0, 5) }, expected)).toBe('badSize');
    expect(await chunkProblem({ ...last!, index: 7 }, expected)).toBe('badIndex');
    expect(await chunkProblem({ ...last!, count: 9 }, expected)).toBe('badCount');
    expect(await chunkProblem({ ...first!, file: 'f'.repeat(64) }, expected)).toBe('otherFile');
    expect(await fromChunks(expected, [first!])).toBeNull();
    // Pieces that each check out but make another file: the whole is refused.
    const other = fileOf(CHUNK_BYTES + 10).map((b) => b ^ 0xff);
    const [, otherLast] = await toChunks(file, other);
    expect(await fromChunks(expected, [first!, otherLast!])).toBeNull();
  });
});
