// Runs npm scripts at the same time (`node scripts/run-together.mjs typecheck lint`): each one's output is
// printed whole when it ends, so the two never interleave; fails if any of them fails.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('Usage: node scripts/run-together.mjs <npm script> [<npm script> ...]');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { shell: process.platform === 'win32', env: process.env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: [Buffer.from(String(error))] }));
    child.on('close', (code) => resolve({ script, code: code ?? 1, output }));
  });
}

const results = await Promise.all(scripts.map(run));
for (const { script, code, output } of results) {
  process.stdout.write(`> ${script}${code === 0 ? '' : ` failed (exit code ${code})`}\n`);
  process.stdout.write(Buffer.concat(output));
}
process.exitCode = results.some((result) => result.code !== 0) ? 1 : 0;
