// Where Electron's binary is, without requiring the `electron` package (which would try to download it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const electronPackage = path.join(projectRoot, 'node_modules', 'electron');

/** The executable Electron would run: ELECTRON_OVERRIDE_DIST_PATH first, else the package's own download. */
export function electronExecutable() {
  const pathFile = path.join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, relative || 'electron');
  return relative ? path.join(electronPackage, 'dist', relative) : undefined;
}

export function isInstalled(file) {
  return Boolean(file) && existsSync(file);
}
