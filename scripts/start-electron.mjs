// Starts the built app in Electron without ever triggering the binary download
// that require('electron') attempts when the binary is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronPackage = path.join(root, 'node_modules', 'electron');

function electronExecutable() {
  const pathFile = path.join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, relative || 'electron');
  return relative ? path.join(electronPackage, 'dist', relative) : undefined;
}

const executable = electronExecutable();
if (!executable || !existsSync(executable)) {
  console.error(
    'The Electron binary is not installed on this machine (it is downloaded on first use and this machine cannot reach the download). ' +
      'Run `npm run web` to use the console in a browser, or install Electron\'s binary and retry.',
  );
  process.exit(1);
}

const child = spawn(executable, ['.'], { cwd: root, stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`Could not start Electron at ${executable}:`, error.message);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
