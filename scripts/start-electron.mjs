// Starts the built app in Electron. Electron fetches its binary on first use; this asks its own
// installer once, and where that cannot reach the download, says so instead of failing obscurely.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

import { electronExecutable, electronPackage, isInstalled, projectRoot as root } from './electronBinary.mjs';

let executable = electronExecutable();
if (!isInstalled(executable) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Fetching the Electron binary (first start only)…');
  const install = spawnSync(process.execPath, [path.join(electronPackage, 'install.js')], { cwd: root, encoding: 'utf8' });
  executable = electronExecutable();
  if (!isInstalled(executable)) {
    const reason = `${install.stderr ?? ''}`.split('\n').find((line) => line.trim().length > 0) ?? 'unknown error';
    console.error(`Electron's binary could not be downloaded (${reason.trim()}).`);
  }
}
if (!isInstalled(executable)) {
  console.error(
    'Run `npm run web` to use the console in a browser, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 and retry.',
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
