import { describe, expect, it } from 'vitest';

import { FILE_LIMITS, safeFileName, sha256Hex, takeFile } from './intake';

const text = (s: string) => new TextEncoder().encode(s);
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const chunk = (type: string, data: number[]) => [...u32(data.length), ...text(type), ...data, 0, 0, 0, 0];
const png = (width: number, height: number, extra: number[] = []) =>
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [...u32(width), ...u32(height), 8, 6, 0, 0, 0]), ...extra, ...chunk('IDAT', [1, 2]), ...chunk('IEND', [])]);

describe('a file taken in', () => {
  it('is named by the SHA-256 of what is kept, typed by its content, its metadata taken out', async () => {
    const located = png(800, 600, chunk('tEXt', [...text('GPS 55.67N')]));
    const taken = await takeFile(located, 'C:\\Users\\ada\\Pictures\\graph.txt');
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(taken.file).toMatchObject({ name: 'graph.txt', type: 'image/png', kind: 'image', width: 800, height: 600, metadataRemoved: 1 });
    expect(taken.file.size).toBe(taken.bytes.length);
    expect(taken.file.sha256).toBe(await sha256Hex(taken.bytes));
    expect(new TextDecoder().decode(taken.bytes)).not.toContain('GPS');
    // The same picture, with or without its metadata, is one file.
    const again = await takeFile(png(800, 600), 'copy.png');
    expect(again.ok && again.file.sha256).toBe(taken.file.sha256);
  });

  it('is never shown inline when it is active, whatever it is called', async () => {
    const taken = await takeFile(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'chart.png');
    expect(taken.ok && taken.file).toMatchObject({ type: 'image/svg+xml', kind: 'file', metadataRemoved: 0 });
  });

  it('is refused with the reason when empty, too big, an image too large to draw, or an image that cannot be read', async () => {
    expect(await takeFile(new Uint8Array(), 'x')).toEqual({ ok: false, refusal: { reason: 'empty' } });
    expect(await takeFile(new Uint8Array(11), 'x', 10)).toEqual({ ok: false, refusal: { reason: 'tooBig', size: 11, limit: 10 } });
    expect(await takeFile(png(65_535, 65_535), 'bomb.png')).toEqual({ ok: false, refusal: { reason: 'tooManyPixels', width: 65_535, height: 65_535, limit: FILE_LIMITS.pixels } });
    expect(await takeFile(png(800, 600).slice(0, 40), 'cut.png')).toEqual({ ok: false, refusal: { reason: 'unreadableImage', type: 'image/png' } });
  });

  it('gets a name safe to show and to save', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('report\u202Egnp.exe')).toBe('reportgnp.exe');
    expect(safeFileName('...hidden')).toBe('hidden');
    expect(safeFileName('/')).toBe('file');
    expect(safeFileName(`${'x'.repeat(300)}.png`)).toHaveLength(255);
  });
});
