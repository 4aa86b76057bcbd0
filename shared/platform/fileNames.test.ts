import { describe, expect, it } from 'vitest';

import { fileSlug } from './fileNames';

describe('fileSlug', () => {
  it('keeps letters and digits of any script, joined by single hyphens, in lower case', () => {
    expect(fileSlug('DB latency in EU-West (2/3)', 60)).toBe('db-latency-in-eu-west-2-3');
    expect(fileSlug('Ærø færge: NØDSTOP', 60)).toBe('ærø-færge-nødstop');
    expect(fileSlug('Müller café', 60)).toBe('muller-cafe');
  });

  it('leaves no separator, reserved character or leading dot, and never ends on a hyphen when cut', () => {
    expect(fileSlug('../../etc/passwd', 60)).toBe('etc-passwd');
    expect(fileSlug('a<b>c:d"e|f?g*h\\i', 60)).toBe('a-b-c-d-e-f-g-h-i');
    expect(fileSlug('abc def', 4)).toBe('abc');
  });

  it('falls back when nothing is left', () => {
    expect(fileSlug('—!?', 60)).toBe('incident');
    expect(fileSlug('', 60, 'status')).toBe('status');
  });
});
