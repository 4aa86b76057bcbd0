import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { importCycles } from './importCycles.js';

const root = path.resolve(import.meta.dirname, '..', '..');
let scratch = null;

afterEach(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

describe('import circles', () => {
  it('finds a circle through a type-only import, and none without it', () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-cycles-'));
    fs.writeFileSync(path.join(scratch, 'a.ts'), "import { b } from './b';\n");
    fs.writeFileSync(path.join(scratch, 'b.ts'), "import type { A } from './a';\n");
    expect(importCycles(scratch)).toEqual(['a.ts -> b.ts -> a.ts']);
    fs.writeFileSync(path.join(scratch, 'b.ts'), 'export const b = 1;\n');
    expect(importCycles(scratch)).toEqual([]);
  });

  it('finds none among the database modules', () => {
    expect(importCycles(path.join(root, 'renderer', 'src', 'db'))).toEqual([]);
  });
});
