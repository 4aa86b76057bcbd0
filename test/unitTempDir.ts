/** Vitest's global setup: the unit run's own temporary folder (see runTempDir.ts); leftovers fail the run. */
import { leftMessage, ownTempDir } from './runTempDir';

export default function setup(): () => void {
  const finish = ownTempDir('warroom-unit-');
  return () => {
    const left = finish();
    if (left.length === 0) return;
    // An error thrown here is only printed; the exit code is what fails the run.
    console.error(`\n${leftMessage(left)}\n`);
    process.exitCode = 1;
  };
}
