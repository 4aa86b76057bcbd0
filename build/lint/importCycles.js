/**
 * Import circles among the modules of one folder (tests left out), type-only
 * imports included: a circle means two modules cannot be read, or changed, apart.
 */
import fs from 'node:fs';
import path from 'node:path';

export function importCycles(dir) {
  const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f));
  const graph = new Map();
  for (const file of files) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const targets = [...source.matchAll(/from '\.\/([^']+)'/g)].flatMap(([, name]) => files.filter((f) => f === `${name}.ts` || f === `${name}.tsx`));
    graph.set(file, targets);
  }
  const cycles = [];
  const done = new Set();
  const visit = (file, stack) => {
    const at = stack.indexOf(file);
    if (at >= 0) {
      cycles.push([...stack.slice(at), file].join(' -> '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}
